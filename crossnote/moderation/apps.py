"""Trust & safety: detectors, policies as data, the pipeline, region-scoped withholding."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "crossnote.moderation"
    verbose_name = _("Moderation")  # the admin's heading
    label = "moderation"

    def ready(self):
        # Django imports apps.py before the models exist: the hook handlers (and the services
        # they call) are loaded once the registry is ready.
        from crossnote.language import warm_up
        from crossnote.moderation import hooks, pipeline

        hooks.connect()
        # A server process loads the layers' models in the background at start, as the
        # translation engines are (language.warm_up): the first post must not wait for them.
        if warm_up.is_server_process():
            pipeline.warm_in_background()
