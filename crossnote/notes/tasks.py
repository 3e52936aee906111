"""Background work of notes: an acknowledged note's image variants, and the sweep that finishes
what a dead process left pending (STYLE.md: thin tasks, ids in, quiet when the row is gone)."""

from celery import shared_task


# On the embedded default `crossnote serve` runs this in its background process, at a lower
# priority than the requests (crossnote.core.spool): a burst of posts is answered first.
@shared_task(low_priority=True)
def make_note_variants(note_id: int) -> bool:
    from crossnote.notes.services import finish_note_media

    return finish_note_media(note_id=note_id)


@shared_task
def finish_pending_media() -> int:
    """A periodic job (CELERY_BEAT_SCHEDULE "notes-media-sweep")."""
    from crossnote.notes.services import finish_pending_media as sweep

    return sweep()
