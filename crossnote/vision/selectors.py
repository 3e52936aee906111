"""Vision reads: the text in a note's photos, for a reader who may see the note."""

from django.utils.translation import gettext as _

from crossnote.core.errors import NotFound
from crossnote.notes.selectors import get_visible_note
from crossnote.vision.models import PhotoText


def photo_texts(note) -> dict[int, PhotoText]:
    """{photo position: its reading} for the photos of `note` that were read."""
    rows = PhotoText.objects.filter(note=note).select_related("image")
    return {row.image.position: row for row in rows}


def note_photo_text(viewer, note_id: int, position: int):
    """(note, image, reading or None) for photo `position` of a note the viewer may see; the
    same 404 as the note itself when they may not (crossnote.notes.selectors)."""
    note = get_visible_note(viewer, note_id)
    image = note.images.filter(position=position).first()
    if image is None:
        raise NotFound(_("This note has no photo at position %(n)d.") % {"n": position})
    return note, image, PhotoText.objects.filter(image=image).first()


def photo_text_of(note) -> str:
    """All the text read in a note's photos, in photo order (what search indexes); uses the
    note's prefetched `photo_texts` when there."""
    rows = sorted(
        (row for row in note.photo_texts.all() if row.status == PhotoText.Status.DONE),
        key=lambda row: row.image_id,
    )
    return "\n".join(row.text for row in rows if row.text)


def photo_texts_by_note(note_ids) -> dict[int, str]:
    """{note id: the text read in its photos} for the notes that have any (search results)."""
    found: dict[int, list[str]] = {}
    rows = PhotoText.objects.filter(note_id__in=list(note_ids), status=PhotoText.Status.DONE)
    for note_id, text in rows.exclude(text="").order_by("image_id").values_list("note_id", "text"):
        found.setdefault(note_id, []).append(text)
    return {note_id: "\n".join(texts) for note_id, texts in found.items()}
