"""The account-moves page (crossnote.federation.moving_views), mounted at the root."""

from django.urls import path

from crossnote.federation import moving_views

app_name = "moving"
urlpatterns = [path("settings/moving/", moving_views.moving_page, name="page")]
