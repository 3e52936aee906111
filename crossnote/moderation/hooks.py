"""Registers moderation on the content events of lower layers (see crossnote.core.hooks)."""

from crossnote.core import hooks
from crossnote.moderation import services
from crossnote.moderation.services import screening


def _content_created(*, obj, kind, author):
    services.moderate_content(obj=obj, kind=kind, author=author)


def _screen_content(*, text, kind, language, author):
    screening.prescreen_content(text=text, kind=kind, language=language, author=author)


def _screen_images(*, images, author):
    return services.screen_images(images=images, author=author)


def _signed_up(*, user):
    services.acknowledge_guidelines(user=user)


def _photo_text_read(*, note, image, text, language):
    """The text read in a photo (crossnote.vision) is screened as the note's own text is, so an
    insult drawn into an image is caught; the note takes the verdict when it is stricter than
    the state the note is in."""
    if not text.strip():
        return None
    _signals, verdict = services.screen_text(
        text, kind="note", language=language, author=note.author
    )
    return screening.apply_if_stricter(note, verdict)


def _note_photos_hashed(*, note):
    return screening.screen_note_photos(note=note)


def connect() -> None:
    hooks.register(hooks.SIGNED_UP, _signed_up)
    hooks.register(hooks.SCREEN_CONTENT, _screen_content)  # before the write's transaction
    hooks.register(hooks.CONTENT_CREATED, _content_created)
    hooks.register(hooks.SCREEN_IMAGES, _screen_images)
    hooks.register(hooks.NOTE_PHOTOS_HASHED, _note_photos_hashed)  # before readers see a note
    hooks.register(hooks.PHOTO_TEXT_READ, _photo_text_read)
