"""Background work of vision: read the text in a note's photos, and the sweep that reads what a
dead process left unread (STYLE.md: thin, ids in, quiet when the note is gone)."""

from celery import shared_task


@shared_task
def read_note_photos(note_id: int) -> int:
    from crossnote.vision.services import read_note_photos as read

    return len(read(note_id=note_id))


@shared_task
def read_video_frames(note_id: int) -> int:
    """Sample, keep and read the frames of a video note (crossnote.vision.video)."""
    from crossnote.vision.video import read_video

    return len(read_video(note_id=note_id))


@shared_task
def read_unread_photos() -> int:
    """A periodic job (CELERY_BEAT_SCHEDULE "vision-sweep")."""
    from crossnote.vision.services import read_unread_photos as sweep

    return sweep()
