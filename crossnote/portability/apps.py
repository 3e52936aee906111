"""Moving in and out: archives from Instagram, Mastodon and Pixelfed become draft notes; follows and blocks in Mastodon's CSV format."""

from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "crossnote.portability"
    label = "portability"

    def ready(self):
        from crossnote.portability import data_rights

        data_rights.connect()
