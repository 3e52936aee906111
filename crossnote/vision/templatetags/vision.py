"""Template tags of vision: the text read in a note's photos, for the note page."""

from django import template

from crossnote.language.services import wants_translation
from crossnote.vision.selectors import photo_texts

register = template.Library()


@register.simple_tag(takes_context=True)
def photo_text_panel(context, note) -> dict:
    """What the note page offers for the text in its photos: the photos with text (position,
    language, text, whether this reader needs it translated, whether the author may take it as
    the photo's description)."""
    languages = context.get("viewer_languages") or []
    is_author = bool(context.get("is_author"))
    photos = []
    for position, row in sorted(photo_texts(note).items()):
        if not row.has_text:
            continue
        photos.append(
            {
                "position": position,
                "number": position + 1,
                "language": row.language,
                "text": row.text,
                "wants": wants_translation(languages, row.language),
                "offer_alt": is_author and not row.image.alt_text,
            }
        )
    return {
        "photos": photos,
        "translatable": any(p["wants"] for p in photos),
        "offer_alt": [p for p in photos if p["offer_alt"]],
    }


@register.inclusion_tag("vision/_contact_sheet.html", takes_context=True)
def contact_sheet(context, item) -> dict:
    """A moderator's review of a note: the frames sampled from its video as a contact sheet
    (each with its time and the text read in it, blurred until clicked; each picture through a
    signed link for this moderator only), or, for a photo note, the text read in each photo."""
    from crossnote.notes.models import Note
    from crossnote.vision.selectors import video_frames
    from crossnote.vision.views import frame_link

    empty: dict = {"frames": [], "photos": []}
    if getattr(item, "kind", "") != "note":
        return empty
    note = Note.objects.filter(pk=item.object_id).first()
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if note is None or user is None:
        return empty
    if note.video_duration:
        frames = [
            {
                "url": frame_link(user, frame) if frame.picture else "",
                "at": frame.at,
                "time": f"{int(frame.at) // 60}:{int(frame.at) % 60:02d}",
                "status": frame.status,
                "same_as": None
                if frame.same_as is None
                else f"{int(frame.same_as) // 60}:{int(frame.same_as) % 60:02d}",
                "text": frame.text,
                "language": frame.language,
                "width": frame.width,
                "height": frame.height,
            }
            for frame in video_frames(note)
        ]
        return {"frames": frames, "photos": [], "video": True, "note": note}
    photos = [
        {"number": position + 1, "text": row.text, "language": row.language}
        for position, row in sorted(photo_texts(note).items())
        if row.has_text
    ]
    return {"frames": [], "photos": photos, "video": False, "note": note}
