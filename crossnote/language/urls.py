from django.urls import path

from crossnote.language import views

app_name = "language"
urlpatterns = [
    path("notes/<int:pk>/translation/", views.note_translation, name="note"),
    path("notes/<int:pk>/translation/report/", views.report_note_translation, name="report_note"),
    path("notes/titles/translation/", views.card_titles, name="titles"),
    path(
        "notes/<int:pk>/comments/translation/",
        views.note_comments_translation,
        name="comments",
    ),
    path("notes/<int:pk>/pinyin/", views.note_pinyin, name="note_pinyin"),
    path("comments/<int:pk>/translation/", views.comment_translation, name="comment"),
    path(
        "comments/<int:pk>/translation/report/",
        views.report_comment_translation,
        name="report_comment",
    ),
    path("u/<str:username>/bio/translation/", views.bio_translation, name="bio"),
]
