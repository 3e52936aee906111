"""Privacy: export, deletion, data regions, consent and access logs."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "crossnote.privacy"
    label = "privacy"

    def ready(self):
        from crossnote.privacy import checks, hooks  # noqa: F401 - checks registers itself

        hooks.connect()
