"""Message pages."""

from django.urls import path

from crossnote.messaging import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.inbox, name="inbox"),
    path("messages/new/", views.new, name="new"),
    path("messages/with/<str:username>/", views.start, name="start"),
    path("messages/settings/", views.preferences, name="preferences"),
    path("messages/counts/", views.counts, name="counts"),
    path("messages/<int:pk>/", views.conversation, name="conversation"),
    path("messages/<int:pk>/fragment/", views.fragment, name="fragment"),
    path("messages/<int:pk>/send/", views.send, name="send"),
    path("messages/<int:pk>/read/", views.read, name="read"),
    path("messages/<int:pk>/typing/", views.typing, name="typing"),
    path("messages/<int:pk>/report/", views.report, name="report"),
    path("messages/<int:pk>/members/", views.add_members, name="add_members"),
    path("messages/<int:pk>/translation-settings/", views.conversation_settings, name="settings"),
    path("messages/<int:pk>/<str:action>/", views.request_action, name="request_action"),
    path("messages/m/<int:message_id>/", views.one, name="one"),
    path("messages/m/<int:message_id>/unsend/", views.unsend, name="unsend"),
    path("messages/m/<int:message_id>/delete/", views.delete_for_me, name="delete"),
    path("messages/m/<int:message_id>/translation/", views.translate, name="translate"),
    path("messages/m/<int:message_id>/image/", views.image, name="image"),
]
