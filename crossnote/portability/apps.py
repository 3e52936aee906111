"""Moving in and out: archives from Instagram, Mastodon and Pixelfed become draft notes; follows and blocks in Mastodon's CSV format."""

from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "crossnote.portability"
    label = "portability"
