from django.urls import path

from crossnote.accounts import views

# The profile page, `accounts:profile`, shows notes: crossnote/urls.py mounts it in this namespace
# from crossnote.notes.urls.profile_urlpatterns.
app_name = "accounts"
urlpatterns = [
    path("signup/", views.sign_up, name="signup"),
    path("login/", views.LogInView.as_view(), name="login"),
    path("logout/", views.LogOutView.as_view(), name="logout"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/avatar/", views.upload_avatar, name="avatar"),
    path("settings/password/", views.change_password, name="password"),
    path("settings/tokens/", views.create_token, name="create_token"),
    path("settings/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
]
