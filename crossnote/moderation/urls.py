from django.urls import path

from crossnote.moderation import suspended, views

app_name = "moderation"
urlpatterns = [
    path("coach/", views.coach, name="coach"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("transparency/", views.transparency_page, name="transparency"),
    path("transparency/withholdings/", views.withholdings, name="withholdings"),
    path("moderation/queue/", views.queue, name="queue"),
    path("moderation/queue/titles/", views.queue_titles, name="queue_titles"),
    path("moderation/queue/<int:pk>/", views.item, name="item"),
    path("moderation/queue/<int:pk>/act/", views.item_action, name="item_action"),
    path("moderation/notices/", views.notices, name="notices"),
    path("moderation/suite/", views.suite, name="suite"),
    path("moderation/decisions/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("suspended/", suspended.suspended, name="suspended"),
    path(
        "suspended/decisions/<int:pk>/appeal/", suspended.suspended_appeal, name="suspended_appeal"
    ),
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
]
