"""What a reader is about to report: the note, comment or profile they can see, summed up so the
report form (page, API, CLI) can show it before anything is sent."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput, NotFound
from crossnote.notes.models import ModerationState

KINDS = ("note", "comment", "profile")
SNIPPET_WORDS = 40
SNIPPET_CHARS = 160


def reportable(reporter, kind: str, object_id: int):
    """The note, comment or profile `reporter` may report; a clear error otherwise (an unknown
    kind, something gone or out of their sight, their own content)."""
    from crossnote.accounts.models import User
    from crossnote.moderation.review import content_for
    from crossnote.notes.policies import can_view_note

    if kind not in KINDS:
        raise InvalidInput(_("You can report a note, a comment or a profile."), field="kind")
    obj = content_for(kind, object_id)
    visible = obj is not None and (
        (kind == "profile" and isinstance(obj, User) and obj.is_active)
        or (kind == "note" and can_view_note(reporter, obj))
        or (kind == "comment" and can_view_note(reporter, obj.note))
    )
    if not visible:
        raise NotFound(_("That content no longer exists."))
    if author_of(obj, kind).pk == reporter.pk:
        raise InvalidInput(_("You cannot report your own content."))
    return obj


def author_of(obj, kind: str):
    return obj if kind == "profile" else obj.author


def _snippet(text: str) -> str:
    text = " ".join((text or "").split())
    return Truncator(Truncator(text).chars(SNIPPET_CHARS)).words(SNIPPET_WORDS)


def subject(obj, kind: str) -> dict:
    """What the report is about, as the reporter sees it: a title, a snippet, who wrote it, where
    it is, and a thumbnail for a note (none behind a content warning)."""
    author = author_of(obj, kind)
    out = {
        "kind": kind,
        "object_id": obj.pk,
        "title": "",
        "snippet": "",
        "author_username": author.username,
        "author_name": author.name,
        "url": author.get_absolute_url() if kind == "profile" else "",
        "thumbnail": "",
        "content_warning": False,
        "under_note": "",
    }
    if kind == "note":
        cover = obj.images.order_by("position").first()
        warned = obj.moderation == ModerationState.LABELLED
        out.update(
            title=obj.title,
            snippet=_snippet(obj.body),
            url=obj.get_absolute_url(),
            thumbnail=cover.thumb.url if cover and not warned else "",
            content_warning=warned,
        )
    elif kind == "comment":
        out.update(
            snippet=_snippet(obj.body),
            url=f"{obj.note.get_absolute_url()}#c{obj.pk}",
            under_note=obj.note.title,
            content_warning=obj.moderation == ModerationState.LABELLED,
        )
    else:
        out.update(title=author.name, snippet=_snippet(getattr(author, "bio", "")))
    return out
