from django.urls import path

from crossnote.notes import profile, views

app_name = "notes"
urlpatterns = [
    path("notes/new/", views.compose, name="compose"),
    path("notes/<int:pk>/", views.detail, name="detail"),
    path("notes/<int:pk>/edit/", views.edit, name="edit"),
    path("notes/<int:pk>/video/", views.video, name="video"),
    path("notes/<int:pk>/delete/", views.delete, name="delete"),
    path("notes/<int:pk>/like/", views.like, name="like"),
    path("notes/<int:pk>/collect/", views.collect, name="collect"),
    path("notes/<int:pk>/comments/", views.comment, name="comment"),
    path("notes/<int:pk>/comments/page/", views.comments, name="comments"),
    path("comments/<int:pk>/like/", views.like_comment, name="like_comment"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="delete_comment"),
    path("topics/<str:name>/", views.topic, name="topic"),
    path("boards/new/", views.create_board, name="create_board"),
    path("boards/<int:pk>/", views.board, name="board"),
]

# Mounted by crossnote/urls.py in the accounts namespace (`accounts:profile`, the name every
# template and get_absolute_url use): the page shows notes and follows, so it lives up here.
profile_urlpatterns = [
    path("u/<str:username>/", profile.profile, name="profile"),
]
