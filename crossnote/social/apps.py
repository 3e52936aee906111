"""Social graph and notifications."""

from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "crossnote.social"
    label = "social"
