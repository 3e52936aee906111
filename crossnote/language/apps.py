"""Language bridge: detection, translation with pluggable backends and a shared cache, pinyin."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguageConfig(AppConfig):
    name = "crossnote.language"
    verbose_name = _("Languages and translation")  # the admin's heading
    label = "language"

    def ready(self):
        from crossnote.core import language_detection
        from crossnote.language import warm_up
        from crossnote.language.models import LanguageSettings

        # Detection sits below accounts and notes (in core); the operator's languages are ours.
        language_detection.use_enabled_languages(
            lambda: LanguageSettings.current().enabled_languages
        )

        # A server process loads the engines in the background (the first translation after a
        # start took ~5 s); tests and management commands do not (warm_up.is_server_process).
        if warm_up.is_server_process():
            warm_up.start()
