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
