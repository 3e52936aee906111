from django.urls import path

from crossnote.portability import views

app_name = "portability"
urlpatterns = [
    path("settings/move/", views.move_page, name="move"),
    path("settings/move/imports/", views.imports, name="imports"),
    path("settings/move/drafts/", views.drafts, name="drafts"),
    path("settings/move/drafts/publish/", views.publish, name="publish"),
    path("settings/move/drafts/delete/", views.delete, name="delete"),
    path("settings/move/people/", views.people_csv, name="people"),
    path("settings/move/following_accounts.csv", views.following_csv, name="following_csv"),
    path("settings/move/blocked_accounts.csv", views.blocked_csv, name="blocked_csv"),
]
