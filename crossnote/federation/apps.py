"""ActivityPub federation: WebFinger, NodeInfo, actors, signed inboxes and outboxes, remote follows and notes."""

from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "crossnote.federation"
    label = "federation"

    def ready(self):
        from crossnote.federation import checks, hooks  # noqa: F401 - checks registers itself

        hooks.connect()
