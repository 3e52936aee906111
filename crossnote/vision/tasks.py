"""Background work of vision: read the text in a note's photos (STYLE.md: thin, ids in, quiet
when the note is gone)."""

from celery import shared_task


@shared_task
def read_note_photos(note_id: int) -> int:
    from crossnote.vision.services import read_note_photos as read

    return len(read(note_id=note_id))
