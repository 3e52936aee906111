"""Notes: photo + text posts, comments, likes, collects and topics."""

from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "crossnote.notes"
    label = "notes"
