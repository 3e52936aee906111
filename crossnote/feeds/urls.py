from django.urls import path

from crossnote.feeds import views

app_name = "feeds"
urlpatterns = [
    path("", views.explore, name="explore"),
    path("following/", views.following, name="following"),
]
