from django.urls import path

from crossnote.moderation import views

app_name = "moderation"
urlpatterns = [
    path("coach/", views.coach, name="coach"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("transparency/", views.transparency_page, name="transparency"),
    path("transparency/withholdings/", views.withholdings, name="withholdings"),
    path("moderation/queue/", views.queue, name="queue"),
    path("moderation/queue/<int:pk>/", views.item, name="item"),
    path("moderation/queue/<int:pk>/act/", views.item_action, name="item_action"),
    path("moderation/notices/", views.notices, name="notices"),
    path("moderation/suite/", views.suite, name="suite"),
    path("moderation/decisions/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
]
