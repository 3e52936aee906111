"""ActivityPub federation: WebFinger, NodeInfo, actors, signed inboxes and outboxes, remote follows and notes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "crossnote.federation"
    verbose_name = _("Federation")  # the admin's heading
    label = "federation"

    def ready(self):
        from crossnote.federation import checks, hooks  # noqa: F401 - checks registers itself

        hooks.connect()
