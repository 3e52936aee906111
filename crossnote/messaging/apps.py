"""Messages: conversations between people (and small groups), requests, real-time delivery."""

from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "crossnote.messaging"
    label = "messaging"

    def ready(self):
        from crossnote.messaging import hooks

        hooks.connect()
