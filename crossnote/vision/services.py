"""Vision writes: read the text in a note's photos (in the background, after their variants
exist), read old notes again, translate a photo's lines, offer the text as alt text.

A reading that fails (an unreadable file, the time limit) is stored as `failed` with its reason
and never reaches the person posting: the note is already published. Every reading, the first
and later ones, fires PHOTO_TEXT_READ inside its transaction, so moderation screens the text as
it screens a note's own, and search indexes it once the write commits.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.core import hooks
from crossnote.core.errors import Conflict, InvalidInput, PermissionDenied
from crossnote.language.detection import language_of
from crossnote.language.services import TranslationUnavailable, translate_text
from crossnote.notes.models import ALT_TEXT_MAX, Note, NoteImage, Visibility
from crossnote.notes.policies import can_edit_note
from crossnote.vision import ocr
from crossnote.vision.models import PhotoText, VideoFrame
from crossnote.vision.video import read_video, unread_videos

VIDEOS_PER_SWEEP = 3  # a video's frames take seconds to read: a few a run

log = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(getattr(settings, "CROSSNOTE_OCR_ENABLED", True))


def _reading_fields(image: NoteImage) -> dict:
    """PhotoText fields from reading the photo's large variant (a failure is a `failed` row)."""
    try:
        with default_storage.open(image.large.name or "", "rb") as stored:
            reading = ocr.read_text(stored.read())
    except (OSError, ocr.OcrFailed) as exc:
        log.warning("could not read the text in photo %s: %s", image.pk, exc)
        return {
            "status": PhotoText.Status.FAILED,
            "lines": [],
            "text": "",
            "language": "",
            "confidence": 0.0,
            "error": str(exc)[:300],
            "screenings": [],
        }
    text = reading.text
    return {
        "screenings": reading.screenings,  # not stored: what PHOTO_TEXT_READ screens
        "status": PhotoText.Status.DONE,
        "lines": [line.as_dict() for line in reading.lines],
        "text": text,
        "language": language_of(text)[0],
        "confidence": reading.confidence,
        "elapsed_ms": reading.elapsed_ms,
        "error": "",
    }


def read_photo(*, image_id: int) -> PhotoText | None:
    """Read the text in one photo's large variant and store it (None: the photo is gone or its
    variants do not exist yet)."""
    image = NoteImage.objects.select_related("note").filter(pk=image_id).first()
    if image is None or image.pending:
        return None
    fields = {"engine": ocr.ENGINE, "read_at": timezone.now(), **_reading_fields(image)}
    screenings = fields.pop("screenings") or [""]
    with transaction.atomic():
        if not NoteImage.objects.filter(pk=image.pk).exists():  # deleted while we read
            return None
        row, _created = PhotoText.objects.update_or_create(
            image=image, defaults={**fields, "note_id": image.note_id}
        )
        for text in screenings:  # as read, and as read again whole (ocr.screening_texts)
            hooks.collect(
                hooks.PHOTO_TEXT_READ,
                note=image.note,
                image=image,
                text=text,
                language=row.language,
            )
    return row


def read_note_photos(*, note_id: int) -> list[PhotoText]:
    """Read every photo of a note (the background task after its variants exist)."""
    if not enabled():
        return []
    ids = NoteImage.objects.filter(note_id=note_id, pending="").values_list("pk", flat=True)
    return [row for row in (read_photo(image_id=pk) for pk in list(ids)) if row is not None]


def queue_note(*, note) -> None:
    """Queue the reading of a note's photos (and of a video note's frames) once the current
    write commits."""
    from crossnote.core.tasks import enqueue
    from crossnote.vision import tasks

    if enabled():
        enqueue(tasks.read_note_photos, note.pk)
        if note.video_duration:
            enqueue(tasks.read_video_frames, note.pk)


def reprocess(*, note_ids=None, only_missing: bool = False, progress=None) -> int:
    """Read the photos (and a video note's frames) of `note_ids` (None: every note whose media
    are ready) again, or only those never read (`only_missing`): for notes posted before OCR, or
    after an engine update. Returns how many photos and videos were read."""
    notes = Note.objects.filter(media_ready=True).order_by("pk")
    if note_ids is not None:
        notes = notes.filter(pk__in=list(note_ids))
    images = NoteImage.objects.filter(note__in=notes, pending="").order_by("note_id", "position")
    if only_missing:
        images = images.filter(photo_text__isnull=True)
    count = 0
    for image_id in images.values_list("pk", flat=True).iterator():
        if read_photo(image_id=image_id) is not None:
            count += 1
            if progress:
                progress(count)
    videos = notes.filter(video__isnull=False)
    if only_missing:
        videos = videos.filter(video_frames__isnull=True)
    for note_id in videos.values_list("pk", flat=True).distinct().iterator():
        if read_video(note_id=note_id):
            count += 1
            if progress:
                progress(count)
    return count


def read_unread_photos(
    *, older_than_seconds: int = 120, within_hours: int = 24, limit: int = 50
) -> int:
    """The sweep: photos (and video frames) of recent notes that were never read (the process
    that should have read them died first) are read here, at most `limit` photos and
    VIDEOS_PER_SWEEP videos a run; older notes are for
    `crossnote vision reprocess --missing`. Returns how many were read."""
    if not enabled():
        return 0
    now = timezone.now()
    waiting = NoteImage.objects.filter(
        pending="",
        photo_text__isnull=True,
        note__media_ready=True,
        note__created_at__lt=now - timedelta(seconds=older_than_seconds),
        note__created_at__gte=now - timedelta(hours=within_hours),
    )
    ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:limit])
    done = sum(read_photo(image_id=pk) is not None for pk in ids)
    videos = unread_videos(
        older_than_seconds=older_than_seconds, within_hours=within_hours, limit=VIDEOS_PER_SWEEP
    )
    return done + sum(bool(read_video(note_id=pk)) for pk in videos)


def translate_lines(*, note, photo_text: PhotoText | VideoFrame, target: str) -> list[str | None]:
    """Each line of a photo (or video frame) in `target` (None where no engine could translate
    that line). Lines of followers-only and private notes go only to local engines, as the
    note's own text does."""
    private = note.visibility != Visibility.PUBLIC
    context = {"title": note.title, "thread_language": note.language}
    out: list[str | None] = []
    for line in photo_text.lines:
        try:
            result = translate_text(line["text"], target, private=private, context=context)
        except TranslationUnavailable:
            result = None
        except InvalidInput:  # a line the service will not take (blank after cleaning)
            result = None
        out.append(None if result is None else result.text)
    return out


def set_alt_text(*, user, note, position: int, alt_text: str | None = None) -> NoteImage:
    """Describe one photo. With no `alt_text`, the text read in the photo becomes its
    description, but only while the author has written none (never overwritten: 409). With
    `alt_text`, that is the author's own edit and is stored as given."""
    if not can_edit_note(user, note):
        raise PermissionDenied(_("Only the author can describe this note's photos."))
    image = NoteImage.objects.filter(note=note, position=position).first()
    if image is None:
        raise InvalidInput(_("This note has no photo at position %(n)d.") % {"n": position})
    if alt_text is None:
        if image.alt_text:
            raise Conflict(_("This photo already has a description; edit it instead."))
        row = PhotoText.objects.filter(image=image, status=PhotoText.Status.DONE).first()
        if row is None or not row.text:
            raise Conflict(_("No text was read in this photo."))
        alt_text = " ".join(row.text.split())[:ALT_TEXT_MAX]
    alt_text = alt_text.strip()
    if len(alt_text) > ALT_TEXT_MAX:
        raise InvalidInput(
            _("A description is at most %(max)d characters.") % {"max": ALT_TEXT_MAX},
            field="alt_text",
        )
    image.alt_text = alt_text
    image.save(update_fields=["alt_text"])
    return image
