"""REST operations of vision (mounted under /api/v1 by crossnote.api.api)."""

from ninja import Router

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.language.services import normalise_target
from crossnote.security.ratelimits import ALL_METHODS, rate_limit
from crossnote.vision import selectors, services
from crossnote.vision.schemas import AltTextIn, AltTextOut, PhotoTextOut, VideoTextOut
from crossnote.vision.video import text_of

router = Router(tags=["vision"])


def photo_text_body(note, image, reading, target: str | None = None) -> dict:
    """The answer for one photo's text (translated into `target` when given)."""
    lines = list(reading.lines) if reading is not None else []
    translations = (
        services.translate_lines(note=note, photo_text=reading, target=target)
        if target and lines
        else [None] * len(lines)
    )
    if reading is not None:
        status = reading.status
    else:
        status = "pending" if services.enabled() else "off"
    return {
        "note_id": note.pk,
        "position": image.position,
        "status": status,
        "language": reading.language if reading is not None else "",
        "text": reading.text if reading is not None else "",
        "lines": [
            {**line, "translation": translated}
            for line, translated in zip(lines, translations, strict=True)
        ],
        "target": target,
    }


@router.get(
    "/notes/{note_id}/photos/{position}/text",
    response=PhotoTextOut,
    auth=OPTIONAL,
    url_name="vision_photo_text",
)
@rate_limit("translate", methods=ALL_METHODS)
def photo_text(request, note_id: int, position: int, translate_to: str | None = None):
    """The text read in one photo of a note: its lines with their boxes (fractions of the photo)
    and detected language; with `translate_to`, each line translated too (drawn over the photo
    by the note page). A note the caller may not see answers 404, as the note itself does."""
    target = normalise_target(translate_to) if translate_to else None
    note, image, reading = selectors.note_photo_text(request.user, note_id, position)
    return photo_text_body(note, image, reading, target)


@router.get(
    "/notes/{note_id}/video/text",
    response=VideoTextOut,
    auth=OPTIONAL,
    url_name="vision_video_text",
)
@rate_limit("translate", methods=ALL_METHODS)
def video_text(request, note_id: int, translate_to: str | None = None):
    """The text read in a video note's frames: every sampled frame (about one a second) with its
    time, and the lines of each frame read, with their boxes (fractions of the frame) and
    detected language; a frame showing the same picture as one read says which (`same_as`).
    With `translate_to`, each line translated too. A note the caller may not see answers 404,
    as the note itself does; so does a note of photos."""
    target = normalise_target(translate_to) if translate_to else None
    note, frames = selectors.note_video_text(request.user, note_id)
    out = []
    for frame in frames:
        lines = list(frame.lines)
        translated = (
            services.translate_lines(note=note, photo_text=frame, target=target)
            if target and lines
            else [None] * len(lines)
        )
        out.append(
            {
                "at": frame.at,
                "status": frame.status,
                "same_as": frame.same_as,
                "language": frame.language,
                "text": frame.text,
                "lines": [
                    {**line, "translation": again}
                    for line, again in zip(lines, translated, strict=True)
                ],
            }
        )
    if frames:
        status = "done"
    else:
        status = "pending" if services.enabled() else "off"
    return {
        "note_id": note.pk,
        "status": status,
        "text": text_of(frames),
        "frames": out,
        "target": target,
    }


@router.post("/notes/{note_id}/photos/{position}/alt-text", response=AltTextOut, auth=REQUIRED)
def photo_alt_text(request, note_id: int, position: int, payload: AltTextIn):
    """Describe one photo of one's own note: with no `alt_text`, the text read in the photo
    becomes its description (never over one the author wrote: 409)."""
    note, image, _reading = selectors.note_photo_text(request.user, note_id, position)
    image = services.set_alt_text(
        user=request.user, note=note, position=image.position, alt_text=payload.alt_text
    )
    return {"note_id": note.pk, "position": image.position, "alt_text": image.alt_text}
