"""Text in photos (and video frames): OCR at intake, stored with boxes and language; searchable, translatable in place, moderated."""

from django.apps import AppConfig


class VisionConfig(AppConfig):
    name = "crossnote.vision"
    label = "vision"

    def ready(self):
        from crossnote.vision import hooks

        hooks.connect()
