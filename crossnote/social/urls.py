from django.urls import path

from crossnote.social import views

app_name = "social"
urlpatterns = [
    path("u/<str:username>/follow/", views.follow, name="follow"),
    path("notifications/", views.notifications, name="notifications"),
]
