"""Vision on the events of lower layers (crossnote.core.hooks): a note whose photos have their
variants gets its photos read in the background."""

from crossnote.core import hooks


def _note_media_ready(*, note):
    from crossnote.vision.services import queue_note

    queue_note(note=note)


def connect() -> None:
    hooks.register(hooks.NOTE_MEDIA_READY, _note_media_ready)
