"""Trust & safety: detectors, policies as data, the pipeline, region-scoped withholding."""

from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "crossnote.moderation"
    label = "moderation"

    def ready(self):
        from crossnote.moderation import hooks

        hooks.connect()
