"""Vision reads: the text in a note's photos, for a reader who may see the note."""

from django.utils.translation import gettext as _

from crossnote.core.errors import NotFound
from crossnote.notes.selectors import get_visible_note
from crossnote.vision.models import PhotoText, VideoFrame
from crossnote.vision.video import text_of


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
    """All the text read in a note's photos, in photo order, and in a video note's frames (each
    line once): what search indexes. Uses the note's prefetched `photo_texts` when there; the
    frames are asked for only when the note is a video note."""
    rows = sorted(
        (row for row in note.photo_texts.all() if row.status == PhotoText.Status.DONE),
        key=lambda row: row.image_id,
    )
    texts = [row.text for row in rows if row.text]
    if note.video_duration:
        texts.append(text_of(note.video_frames.all()))
    return "\n".join(text for text in texts if text)


def photo_texts_by_note(note_ids) -> dict[int, str]:
    """{note id: the text read in its photos or its video's frames} for the notes that have any
    (search results; the result says "text in video" for a video note)."""
    note_ids = list(note_ids)
    found: dict[int, list[str]] = {}
    rows = PhotoText.objects.filter(note_id__in=note_ids, status=PhotoText.Status.DONE)
    for note_id, text in rows.exclude(text="").order_by("image_id").values_list("note_id", "text"):
        found.setdefault(note_id, []).append(text)
    frames: dict[int, list[VideoFrame]] = {}
    for frame in VideoFrame.objects.filter(note_id__in=note_ids, status=VideoFrame.Status.DONE):
        frames.setdefault(frame.note_id, []).append(frame)
    for note_id, kept in frames.items():
        if text := text_of(kept):
            found.setdefault(note_id, []).append(text)
    return {note_id: "\n".join(texts) for note_id, texts in found.items()}


def video_frames(note) -> list[VideoFrame]:
    """The frames sampled from a video note, in order of time ([] for a photo note)."""
    return list(VideoFrame.objects.filter(note=note).order_by("at"))


def note_video_text(viewer, note_id: int):
    """(note, its frames in order of time) for a video note the viewer may see; the same 404 as
    the note itself when they may not, and a 404 for a note of photos."""
    note = get_visible_note(viewer, note_id)
    if not note.video_duration:
        raise NotFound(_("This note has no video."))
    return note, video_frames(note)
