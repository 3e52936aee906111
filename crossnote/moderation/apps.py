"""Trust & safety: detectors, policies as data, the pipeline, region-scoped withholding."""

from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "crossnote.moderation"
    label = "moderation"

    def ready(self):
        # Django imports apps.py before the models exist: the hook handlers (and the services
        # they call) are loaded once the registry is ready.
        from crossnote.moderation import hooks

        hooks.connect()
