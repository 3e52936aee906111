"""Reports across servers (ActivityPub `Flag`, as Mastodon sends them).

In: each local note or person a Flag names is queued for human review like a reader's report
(through moderation's public services), and the remote moderators' comment is kept in the audit
log beside it. A Flag naming nothing here, or someone else's objects, is refused; a server sends
at most FLAGS_PER_HOUR.

Out: a reader here reports a remote note to its server's moderators; the Flag is sent from this
server's instance actor (an `Application` at /ap/actor, as Mastodon forwards reports), so the
reporter's name does not leave this server; the report is kept in the audit log here."""

import logging
import uuid

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from crossnote.core.errors import Conflict, InvalidInput, PermissionDenied
from crossnote.core.tasks import enqueue
from crossnote.federation import activities, services
from crossnote.federation.models import InstanceKey, RemoteActor, RemoteNote
from crossnote.federation.signatures import new_key_pair

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


# --- out: reporting a remote note to its server -------------------------------------------

REPORT_COMMENT_MAX = 1000
REPORT_REMEMBERED = 60 * 60 * 24 * 30  # one report per reader and note for 30 days


def instance_key() -> InstanceKey:
    """The instance actor's key pair, made and stored on first need."""
    existing = InstanceKey.objects.order_by("pk").first()
    if existing:
        return existing
    private, public = new_key_pair()
    try:
        with transaction.atomic():
            return InstanceKey.objects.create(public_pem=public, private_pem=private)
    except IntegrityError:  # pragma: no cover - one row; a concurrent maker wins
        return InstanceKey.objects.order_by("pk").first()  # type: ignore[return-value]


def report_remote_note(*, reporter, note: RemoteNote, comment: str = "") -> str:
    """Send a Flag about `note` (and its author) to its server's moderators from the instance
    actor; the server's domain. Once per reader and note; blocked servers are not told."""
    from crossnote.federation import tasks
    from crossnote.moderation.services import audit

    services.require_enabled()
    actor = note.actor
    if services.is_blocked(actor.domain):
        raise PermissionDenied(_("That server is blocked here."))
    comment = (comment or "").strip()
    if len(comment) > REPORT_COMMENT_MAX:
        raise InvalidInput(
            _("A report's comment has at most %(n)d characters.") % {"n": REPORT_COMMENT_MAX},
            field="comment",
        )
    if not cache.add(f"federation:flag_sent:{reporter.pk}:{note.pk}", 1, REPORT_REMEMBERED):
        raise Conflict(_("You have already reported this."))
    uri = activities.instance_actor_uri()
    flag = {
        "@context": activities.CONTEXT,
        "id": f"{uri}#flags/{uuid.uuid4()}",
        "type": "Flag",
        "actor": uri,
        "content": comment,
        "object": [actor.uri, note.uri],
    }
    with transaction.atomic():
        audit(
            reporter,
            "federation.flag_sent",
            f"remote_note:{note.pk}",
            after={"to_server": actor.domain, "note": note.uri, "comment": comment},
        )
        enqueue(tasks.deliver_as_instance, actor.delivery_inbox, flag)
    log.info("report of a note on %s sent to its moderators", actor.domain)
    return actor.domain
