"""Reports from other servers' moderators (ActivityPub `Flag`, as Mastodon sends them): each
local note or person a Flag names is queued for human review like a reader's report (through
moderation's public services), and the remote moderators' comment is kept in the audit log
beside it. A Flag naming nothing here, or someone else's objects, is refused; a server sends at
most FLAGS_PER_HOUR. (Mastodon sends a Flag from its instance actor, an `Application`.)"""

import logging

from django.core.cache import cache
from django.utils.html import strip_tags

from crossnote.federation import activities
from crossnote.federation.models import RemoteActor

log = logging.getLogger(__name__)

FLAGS_PER_HOUR = 30
MAX_OBJECTS = 20


def _refused(status: int, reason: str):
    from crossnote.federation.inbox import Refused  # the inbox dispatches here: no cycle at import

    return Refused(status, reason)


def _ids(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items[: MAX_OBJECTS + 1]:
        if isinstance(item, dict):
            item = item.get("id")
        if isinstance(item, str):
            found.append(item)
    return found


def _named_here(ids: list[str]) -> tuple[list, list]:
    """(local notes, local people) the Flag's objects name; foreign ones are left out."""
    from crossnote.accounts.models import User
    from crossnote.notes.models import Note

    note_ids = [n for n in (activities.local_note_id(i) for i in ids) if n is not None]
    names = [n for n in (activities.local_username(i) for i in ids) if n]
    notes = list(Note.objects.filter(pk__in=note_ids).select_related("author"))
    people = list(User.objects.filter(username__in=names, is_active=True))
    return notes, people


def _within_rate(domain: str) -> bool:
    key = f"federation:flags:{domain}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= FLAGS_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return True


def receive_flag(sender: RemoteActor, activity: dict) -> str:
    """Queue each local note and person the Flag names for review (module docstring)."""
    from crossnote.moderation.models import ReviewItem
    from crossnote.moderation.services import audit, open_item

    ids = _ids(activity.get("object"))
    if len(ids) > MAX_OBJECTS:
        raise _refused(422, f"a Flag names at most {MAX_OBJECTS} objects")
    notes, people = _named_here(ids)
    if not notes and not people:
        raise _refused(404, "the Flag names nothing on this server")
    if not _within_rate(sender.domain):
        raise _refused(429, "too many Flags from this server; try again later")
    comment = strip_tags(str(activity.get("content") or ""))[:1000].strip()
    # A reported note's author is reported with it (Mastodon names both): one item per note,
    # and one about the person only when no note of theirs is named.
    authors = {note.author_id for note in notes}
    targets = [(note, "note") for note in notes]
    targets += [(person, "profile") for person in people if person.pk not in authors]
    for obj, kind in targets:
        item = open_item(obj=obj, kind=kind, source=ReviewItem.Source.REPORT, severity=0.5)
        audit(
            None,
            "federation.flag_received",
            f"{kind}:{obj.pk}",
            after={
                "item": item.pk,
                "from_server": sender.domain,
                "flagged_by": sender.uri,
                "comment": comment,
                "activity": activity["id"][:500],
            },
        )
    log.info("Flag from %s: %d item(s) queued for review", sender.domain, len(targets))
    return f"flag queued for review ({len(targets)} item(s))"
