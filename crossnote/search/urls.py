from django.urls import path

from crossnote.search import views

app_name = "search"
urlpatterns = [
    path("search", views.search, name="search"),
    path("search/suggest", views.suggest, name="suggest"),
    path("search/related/<int:pk>", views.related, name="related"),
]
