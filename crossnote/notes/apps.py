"""Notes: photo + text posts, comments, likes, collects and topics."""

from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "crossnote.notes"
    label = "notes"

    def ready(self):
        from crossnote.core import hooks
        from crossnote.notes.policies import visible_subjects
        from crossnote.notes.selectors import note_thumbnails

        hooks.register(hooks.VISIBLE_SUBJECTS, visible_subjects)
        hooks.register(hooks.NOTE_THUMBNAILS, note_thumbnails)
