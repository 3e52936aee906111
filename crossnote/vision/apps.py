"""Text in photos (and video frames): OCR at intake, stored with boxes and language; searchable, translatable in place, moderated."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionConfig(AppConfig):
    name = "crossnote.vision"
    verbose_name = _("Text in photos")  # the admin's heading
    label = "vision"

    def ready(self):
        from crossnote.vision import hooks

        hooks.connect()
