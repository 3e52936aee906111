"""The text in a video's frames, and the frames kept for the moderators' contact sheet.

Once a video note is ready (NOTE_MEDIA_READY), its 720p rendition is sampled one frame a second
(crossnote.notes.video.sample_frames, at most CROSSNOTE_VIDEO_SAMPLE_FRAMES). Each frame is hashed
(PDQ); a frame that shows the same picture as one already read (a still scene, the same caption:
`same_picture`, by PDQ distance and a small grey copy) is not read again; the others are read
(crossnote.vision.ocr), at most CROSSNOTE_VIDEO_OCR_FRAMES of them and for at most
CROSSNOTE_VIDEO_OCR_SECONDS in all (the rest are kept as `skipped`). Every frame is kept as a small JPEG in vision's private frame storage
(never a public media URL) for the contact sheet.

The frames' text (each distinct line once, in order of time) is what search indexes for the note
("text in video") and what moderation screens, through the same PHOTO_TEXT_READ event as a
photo's text (with `image` None), so a caption that insults is caught as typed text would be.
"""

import io
import logging
import os
import secrets
import tempfile
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from PIL import Image

from crossnote.core import hooks
from crossnote.core.errors import DomainError
from crossnote.language.detection import language_of
from crossnote.notes.models import Note, NoteVideo, VideoState
from crossnote.vision import ocr
from crossnote.vision.models import VideoFrame, frame_storage

log = logging.getLogger(__name__)

# A frame is the same picture as one already read when their PDQ hashes (256 bits) are this
# close AND hardly a pixel of their small grey copies (SIGNATURE_SIZE) changed by more than
# PIXEL_CHANGE grey levels (at most CHANGED_SHARE of them). PDQ alone cannot tell captions apart:
# "第一句" and "第二句" on the same background are 2 bits apart, while 0.2-0.4% of the small copy's
# pixels change (a re-encoded still frame: none). PDQ sorts out different scenes cheaply.
DUPLICATE_DISTANCE = 24
SIGNATURE_SIZE = (128, 72)
PIXEL_CHANGE = 32
CHANGED_SHARE = 0.0005
SHEET_SIDE = 320  # the contact sheet's frames: the longer side at most, in pixels
# What OCR reads in a frame: its 720p picture (the long side at most this).
READ_SIDE = 1280


def distance(a: str, b: str) -> int:
    """Bits that differ between two PDQ hashes (64 hex digits each)."""
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def _pdq(picture: Image.Image) -> str:
    import numpy as np
    import pdqhash

    bits, _quality = pdqhash.compute(np.asarray(picture.convert("RGB")))
    return f"{int(''.join('1' if b else '0' for b in bits), 2):064x}"


def _signature(picture: Image.Image):
    import numpy as np

    small = picture.convert("L").resize(SIGNATURE_SIZE, Image.Resampling.BILINEAR)
    return np.asarray(small, dtype=np.int16)


def same_picture(a: tuple, b: tuple) -> bool:
    """Whether two frames, each (PDQ hex, signature), show the same picture (see above)."""
    if distance(a[0], b[0]) > DUPLICATE_DISTANCE:
        return False
    import numpy as np

    changed = np.abs(a[1] - b[1]) > PIXEL_CHANGE
    return float(changed.mean()) <= CHANGED_SHARE


def _jpeg(picture: Image.Image, side: int, quality: int) -> bytes:
    copy = picture.convert("RGB")
    copy.thumbnail((side, side))
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def text_of(frames) -> str:
    """The text of a video's frames for search and moderation: each distinct line once, in the
    order the lines first appear (a caption held for ten seconds is one line, not ten)."""
    seen: dict[str, None] = {}
    for frame in frames:
        if frame.status != VideoFrame.Status.DONE:
            continue
        for line in frame.lines:
            text = " ".join(str(line.get("text", "")).split())
            if text:
                seen.setdefault(text, None)
    return "\n".join(seen)[: ocr.MAX_TEXT_CHARS]


def _download(video: NoteVideo) -> str:
    handle = tempfile.NamedTemporaryFile(suffix=".mp4", delete=False)  # noqa: SIM115 - removed below
    with handle, video.mp4.open("rb") as stored:
        for chunk in iter(lambda: stored.read(1 << 20), b""):
            handle.write(chunk)
    return handle.name


def _frame_rows(note: Note, sampled, deadline: float) -> tuple[list[VideoFrame], list[str]]:
    """Rows (not saved) for the sampled frames: hashed, deduplicated, read within the caps, each
    with its contact-sheet JPEG saved in the frame storage; and the texts moderation screens
    (ocr.Reading.screenings: as read, as read again whole; each distinct line once)."""
    storage = frame_storage()
    cap = settings.CROSSNOTE_VIDEO_OCR_FRAMES
    stamp = timezone.now().strftime("%Y/%m")
    token = secrets.token_hex(8)
    read: list[tuple[VideoFrame, tuple]] = []  # each with (PDQ, signature)
    screenings: list[list[str]] = [[], []]  # as read, as read again whole (not stored)
    rows: list[VideoFrame] = []
    for at, picture in sampled:
        row = VideoFrame(
            note=note,
            at=at,
            pdq=_pdq(picture),
            width=picture.width,
            height=picture.height,
            engine=ocr.ENGINE,
            read_at=timezone.now(),
        )
        seen = (row.pdq, _signature(picture))
        twin = next((r for r, other in read if same_picture(other, seen)), None)
        if twin is not None:
            row.status, row.same_as = VideoFrame.Status.SAME, twin.at
        elif len(read) >= cap or time.monotonic() > deadline:
            row.status = VideoFrame.Status.SKIPPED
        else:
            left = max(1.0, deadline - time.monotonic())
            try:
                reading = ocr.read_text(
                    _jpeg(picture, READ_SIDE, 92), time_limit=min(ocr.TIME_LIMIT_S, left)
                )
            except ocr.OcrFailed as exc:
                row.status, row.error = VideoFrame.Status.FAILED, str(exc)[:300]
            else:
                row.lines = [line.as_dict() for line in reading.lines]
                found = reading.screenings  # one text when reading again changed nothing
                for kept, text in zip(screenings, found + found[-1:], strict=False):
                    kept.extend(text.splitlines())
                row.text = reading.text
                row.language = language_of(row.text)[0] if row.text else ""
                row.confidence = reading.confidence
                row.elapsed_ms = reading.elapsed_ms
            read.append((row, seen))
        row.picture = storage.save(
            f"{stamp}/{note.pk}-{token}-{int(at * 1000):06d}.jpg",
            io.BytesIO(_jpeg(picture, SHEET_SIDE, 80)),
        )
        rows.append(row)
    texts = ["\n".join(dict.fromkeys(line for line in lines if line)) for lines in screenings]
    return rows, [text for text in dict.fromkeys(texts) if text]


def delete_frames(rows) -> None:
    """Remove the kept pictures of these frames (the rows go by the caller or by cascade)."""
    storage = frame_storage()
    for name in {row.picture for row in rows if row.picture}:
        try:
            storage.delete(name)
        except OSError as exc:  # already gone, or the storage failed: the row goes anyway
            log.warning("could not delete video frame %s: %s", name, exc)


def read_video(*, note_id: int) -> list[VideoFrame]:
    """Sample, keep and read the frames of a ready video note, replacing what an earlier reading
    stored; fires PHOTO_TEXT_READ with the frames' text. [] when the note has no ready video (a
    photo note, gone, not transcoded yet) or its video can no longer be decoded."""
    from crossnote.notes import video as media

    video = (
        NoteVideo.objects.select_related("note", "note__author")
        .filter(note_id=note_id, state=VideoState.READY)
        .exclude(mp4="")
        .first()
    )
    if video is None:
        return []
    started = time.monotonic()
    deadline = started + settings.CROSSNOTE_VIDEO_OCR_SECONDS
    path = _download(video)
    try:
        sampled = media.sample_frames(
            path, cap=settings.CROSSNOTE_VIDEO_SAMPLE_FRAMES, deadline=deadline
        )
    except DomainError as exc:
        log.warning("could not sample the frames of video note %s: %s", note_id, exc)
        return []
    finally:
        os.unlink(path)
    rows, screenings = _frame_rows(video.note, sampled, deadline)
    with transaction.atomic():
        note = Note.objects.select_related("author").filter(pk=note_id).first()
        if note is None:  # deleted while we read
            transaction.on_commit(lambda: delete_frames(rows))
            return []
        VideoFrame.objects.filter(note=note).delete()  # their pictures go on commit (hooks)
        VideoFrame.objects.bulk_create(rows)
        text = text_of(rows)
        for screened in screenings or [""]:
            hooks.collect(
                hooks.PHOTO_TEXT_READ,
                note=note,
                image=None,
                text=screened,
                language=language_of(text)[0] if text else "",
            )
    log.info(
        "read %d of %d frames of video note %s in %.1f s",
        sum(r.status == VideoFrame.Status.DONE for r in rows),
        len(rows),
        note_id,
        time.monotonic() - started,
    )
    return rows


def unread_videos(*, older_than_seconds: int = 120, within_hours: int = 24, limit: int = 10):
    """Ids of recent ready video notes whose frames were never read (the sweep)."""
    now = timezone.now()
    waiting = Note.objects.filter(
        media_ready=True,
        video__state=VideoState.READY,
        video_frames__isnull=True,
        created_at__lt=now - timedelta(seconds=older_than_seconds),
        created_at__gte=now - timedelta(hours=within_hours),
    )
    return list(waiting.order_by("pk").values_list("pk", flat=True)[:limit])
