"""Federation's reads: which local notes go out, remote people's notes for a reader, counts for
NodeInfo and profiles, and remote notes translated through the language bridge."""

import logging

from django.db.models import QuerySet

from crossnote.core.errors import DomainError
from crossnote.federation import activities
from crossnote.federation.models import (
    DomainBlock,
    RemoteFollow,
    RemoteFollower,
    RemoteNote,
    RemoteNoteLike,
)

log = logging.getLogger(__name__)

HIDDEN_ACTIONS = ("hold", "remove")  # moderation's verdicts that keep a remote note from readers


def federated_notes() -> QuerySet:
    """Local notes that may leave the server: public or followers-only, not held or removed,
    by an active author."""
    from crossnote.notes.models import Note

    return (
        Note.objects.filter(
            visibility__in=activities.FEDERATED_VISIBILITIES, author__is_active=True
        )
        .exclude(moderation__in=activities.HIDDEN_MODERATION)
        .select_related("author")
    )


def remote_follower_count(user) -> int:
    return RemoteFollower.objects.filter(user=user).count()


def remote_following(user) -> QuerySet:
    return (
        RemoteFollow.objects.filter(user=user)
        .exclude(actor__domain__in=DomainBlock.objects.values("domain"))
        .select_related("actor")
        .order_by("-created_at")
    )


def notes_of(actor) -> QuerySet:
    """A remote person's notes, newest first (nothing from a blocked server)."""
    return (
        RemoteNote.objects.filter(actor=actor)
        .exclude(moderation__in=HIDDEN_ACTIONS)
        .exclude(actor__domain__in=DomainBlock.objects.values("domain"))
        .select_related("actor")
        .order_by("-published")
    )


def liked_note_ids(user, note_ids) -> list[int]:
    return list(
        RemoteNoteLike.objects.filter(user=user, note_id__in=note_ids).values_list(
            "note_id", flat=True
        )
    )


def translate_note(note: RemoteNote, target: str):
    """The remote note's text in `target` through the same cache and backends as local notes;
    None when it needs none or no backend can translate it."""
    from crossnote.language.services import normalise_target, translate_text

    if not note.text.strip():
        return None
    source = (note.language or "").split("-")[0] or None
    if source and source == normalise_target(target):
        return None
    try:
        return translate_text(note.text, target, source=source)
    except DomainError as exc:
        log.info("remote note %s not translated: %s", note.pk, exc.message)
        return None


def translate_notes(notes, target: str) -> dict:
    return {n.pk: translate_note(n, target) for n in notes}


def nodeinfo() -> dict:
    from crossnote.accounts.models import User

    return {
        "version": "2.1",
        "software": {
            "name": "crossnote",
            "version": "1",
            "repository": "https://github.com/crossnote/crossnote",
        },
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": []},
        "openRegistrations": True,
        "usage": {
            "users": {"total": User.objects.filter(is_active=True).count()},
            "localPosts": federated_notes().filter(visibility="public").count(),
        },
        "metadata": {"nodeName": activities.domain()},
    }
