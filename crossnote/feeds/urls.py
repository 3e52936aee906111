from django.urls import path

from crossnote.feeds import views

app_name = "feeds"
urlpatterns = [
    path("", views.explore, name="explore"),
    path("following/", views.following, name="following"),
    path("explore/topics/", views.topics, name="topics"),
    path("bench/hello", views.bench_hello, name="bench_hello"),
]
