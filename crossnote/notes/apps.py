"""Notes: photo + text posts, comments, likes, collects and topics."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    name = "crossnote.notes"
    verbose_name = _("Notes")  # the admin's heading
    label = "notes"

    def ready(self):
        from crossnote.core import hooks
        from crossnote.notes import likewrite
        from crossnote.notes.policies import visible_subjects
        from crossnote.notes.selectors import note_thumbnails

        # The SQLite like view is dropped around every migrate (crossnote.notes.likewrite).
        pre_migrate.connect(
            likewrite.before_migrate, sender=self, dispatch_uid="notes-likewrite-drop"
        )
        post_migrate.connect(likewrite.after_migrate, sender=self, dispatch_uid="notes-likewrite")

        hooks.register(hooks.VISIBLE_SUBJECTS, visible_subjects)
        hooks.register(hooks.NOTE_THUMBNAILS, note_thumbnails)
