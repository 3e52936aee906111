from django.urls import path

from crossnote.moderation import views

app_name = "moderation"
urlpatterns = [
    path("coach/", views.coach, name="coach"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("transparency/withholdings/", views.withholdings, name="withholdings"),
]
