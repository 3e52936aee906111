"""Routes of account moves and reports across servers (crossnote.federation.moving_views),
mounted at the root: the Settings page for moves, the instance actor, reporting a remote note."""

from django.urls import path

from crossnote.federation import moving_views

app_name = "moving"
urlpatterns = [
    path("settings/moving/", moving_views.moving_page, name="page"),
    path("ap/actor", moving_views.instance_actor, name="instance_actor"),
    path("elsewhere/notes/<int:pk>/report/", moving_views.report_note, name="report_note"),
]
