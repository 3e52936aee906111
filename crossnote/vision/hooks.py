"""Vision on the events of lower layers (crossnote.core.hooks): a note whose photos have their
variants (or whose video is transcoded) gets its photos and video frames read in the background;
a video frame's row that goes (its note deleted, the frames read again, erasure) takes its kept
picture with it once the deletion commits."""

from django.db import transaction
from django.db.models.signals import post_delete

from crossnote.core import hooks


def _note_media_ready(*, note):
    from crossnote.vision.services import queue_note

    queue_note(note=note)


def _frame_deleted(sender, instance, **kwargs):
    from crossnote.vision.video import delete_frames

    transaction.on_commit(lambda: delete_frames([instance]))


def connect() -> None:
    from crossnote.vision.models import VideoFrame

    hooks.register(hooks.NOTE_MEDIA_READY, _note_media_ready)
    post_delete.connect(_frame_deleted, sender=VideoFrame, dispatch_uid="vision-frame-deleted")
