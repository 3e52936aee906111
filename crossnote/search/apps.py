"""Search across Chinese and English: segmented, folded full text over notes, people and topics."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "crossnote.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from crossnote.search import hooks

        hooks.connect()
