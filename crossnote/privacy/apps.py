"""Privacy: export, deletion, data regions, consent and access logs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "crossnote.privacy"
    verbose_name = _("Privacy")  # the admin's heading
    label = "privacy"

    def ready(self):
        from crossnote.privacy import checks, hooks  # noqa: F401 - checks registers itself

        hooks.connect()
