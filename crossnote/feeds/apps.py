"""Feeds: explore ranking and the following timeline."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "crossnote.feeds"
    label = "feeds"

    def ready(self):
        from crossnote.feeds import hooks

        hooks.connect()
