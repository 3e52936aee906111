from django.urls import path

from crossnote.security import views

app_name = "security"
urlpatterns = [
    path("signup/waiting/", views.waiting, name="waiting"),
    path("staff/signups/", views.signups, name="signups"),
    path("staff/signups/mode/", views.set_mode, name="set_mode"),
    path("staff/signups/invites/", views.create_invite, name="create_invite"),
    path("staff/signups/invites/<int:pk>/revoke/", views.revoke_invite, name="revoke_invite"),
    path(
        "staff/signups/applications/<int:pk>/approve/",
        views.decide_application,
        {"decision": "approve"},
        name="approve_application",
    ),
    path(
        "staff/signups/applications/<int:pk>/reject/",
        views.decide_application,
        {"decision": "reject"},
        name="reject_application",
    ),
]
