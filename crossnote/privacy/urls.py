from django.urls import path

from crossnote.privacy import views

app_name = "privacy"
urlpatterns = [
    path("settings/privacy/", views.settings_page, name="settings"),
    path("settings/privacy/exports/", views.exports, name="exports"),
    path("settings/privacy/exports/<int:pk>/download/", views.download, name="download"),
    path("settings/privacy/people/", views.people, name="people"),
    path("settings/privacy/delete/", views.delete_account, name="delete"),
    path("account-deleted/", views.goodbye, name="goodbye"),
]
