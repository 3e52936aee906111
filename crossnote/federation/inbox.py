"""Incoming activities: the signature is verified before anything is stored, then the activity is
checked (actor is the key's owner, server not blocked, id not seen before) and applied: Follow,
Accept, Reject, Undo, Create / Update / Delete of notes, Like, Announce (boosts) and Block (as
Mastodon: the blocker and the person blocked stop following each other). Every refusal is
logged with its reason and answered with a 4xx carrying that reason."""

import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from crossnote.federation import activities, erasure, fetch, flags, moving, replies, services
from crossnote.federation.models import (
    RemoteActor,
    RemoteAnnounce,
    RemoteBlock,
    RemoteFollow,
    RemoteFollower,
    RemoteLike,
    RemoteNote,
    SeenActivity,
)
from crossnote.federation.signatures import (
    SignatureRefused,
    signature_key_id,
    verify_request,
)
from crossnote.social.services import notify

log = logging.getLogger("crossnote.federation.inbox")


class Refused(Exception):  # noqa: N818 - it says what happened to the activity
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass
class Accepted:
    status: int
    outcome: str


def _parse(body: bytes) -> dict:
    if len(body) > settings.CROSSNOTE_FEDERATION_MAX_BYTES:
        raise Refused(413, "the activity is too large")
    try:
        activity = json.loads(body)
    except ValueError as exc:
        raise Refused(400, "the body is not JSON") from exc
    if not isinstance(activity, dict) or not isinstance(activity.get("type"), str):
        raise Refused(400, "the body is not an activity")
    if not isinstance(activity.get("id"), str) or not isinstance(activity.get("actor"), str):
        raise Refused(400, "the activity needs an id and an actor")
    return activity


def _authenticate(*, method: str, url: str, headers, body: bytes) -> RemoteActor:
    key_id = signature_key_id(headers)
    if not key_id:
        raise Refused(401, "the request is not signed")
    if services.is_blocked(services.domain_of(key_id)):
        raise Refused(403, "the sender's server is blocked here")
    window = settings.CROSSNOTE_FEDERATION_SIGNATURE_WINDOW
    owner: dict[str, RemoteActor] = {}

    def public_key(key: str, refresh: bool = False) -> str:
        try:
            owner["actor"] = services.actor_for_key(key, refresh=refresh)
        except fetch.FetchRefused as exc:
            raise SignatureRefused(f"the signing key cannot be fetched: {exc.reason}") from exc
        return owner["actor"].public_key_pem

    try:
        verify_request(
            method=method, url=url, headers=headers, body=body, public_key=public_key, window=window
        )
    except SignatureRefused as first:
        if "does not match" not in first.reason or "actor" not in owner:
            raise Refused(first.status, first.reason) from first
        try:  # the sender may have a new key since we kept theirs: fetch it once more
            verify_request(
                method=method,
                url=url,
                headers=headers,
                body=body,
                public_key=lambda key: public_key(key, refresh=True),
                window=window,
            )
        except SignatureRefused as second:
            # A key that cannot be fetched again leaves the first answer standing.
            final = first if "cannot be fetched" in second.reason else second
            raise Refused(final.status, final.reason) from second
    return owner["actor"]


def receive(
    *, method: str, url: str, headers, body: bytes, username: str | None = None
) -> Accepted:
    """Verify and apply one incoming activity; raises Refused (logged) with a 4xx and a reason."""
    try:
        activity = _parse(body)
        if services.is_blocked(services.domain_of(activity["actor"])):
            raise Refused(403, "the actor's server is blocked here")
        if erasure.deletes_unknown_actor(activity):  # nothing here to delete (as Mastodon)
            return Accepted(202, "ignored: a Delete of an actor unknown here")
        sender = _authenticate(method=method, url=url, headers=headers, body=body)
        if sender.uri != activity["actor"]:
            raise Refused(403, "the activity's actor is not the owner of the signing key")
        if services.domain_of(activity["id"]) != sender.domain:
            raise Refused(403, "the activity's id is not on the actor's server")
        with transaction.atomic():
            try:
                with transaction.atomic():
                    SeenActivity.objects.create(activity_id=activity["id"][:500])
            except IntegrityError as exc:
                raise Refused(403, "the activity was already received (a replay)") from exc
            outcome = _apply(sender, activity)
    except Refused as refused:
        log.warning(
            "inbox refused %s (%s): %s",
            headers.get("Signature", "")[:80] or url,
            refused.status,
            refused.reason,
        )
        raise
    log.info(
        "inbox accepted %s %s from %s: %s", activity["type"], activity["id"], sender.uri, outcome
    )
    return Accepted(202, outcome)


def _object_id(obj) -> str:
    if isinstance(obj, dict):
        obj = obj.get("id")
    return obj if isinstance(obj, str) else ""


def _local_user(uri: str):
    from crossnote.accounts.models import User

    username = activities.local_username(uri)
    return User.objects.filter(username=username, is_active=True).first() if username else None


def _apply(sender: RemoteActor, activity: dict) -> str:
    kind = activity["type"]
    handler = {
        "Follow": _follow,
        "Accept": _accept,
        "Reject": _reject,
        "Undo": _undo,
        "Create": _create,
        "Update": _update,
        "Delete": _delete,
        "Like": _like,
        "Announce": _announce,
        "Block": _block,
        "Move": moving.receive_move,
        "Flag": flags.receive_flag,
    }.get(kind)
    if handler is None:
        return f"ignored: {kind} is not handled yet"
    return handler(sender, activity)


def _follow(sender, activity) -> str:
    from crossnote.federation import tasks

    user = _local_user(_object_id(activity.get("object")))
    if user is None:
        raise Refused(404, "no such person here")
    if RemoteBlock.objects.filter(user=user, actor=sender).exists():
        reject = activities.wrap(
            user,
            "Reject",
            {
                "id": activity["id"],
                "type": "Follow",
                "actor": sender.uri,
                "object": activities.actor_uri(user),
            },
        )
        transaction.on_commit(lambda: tasks.dispatch_delivery(user.pk, sender.inbox, reject))
        return "follow from a person they blocked: Reject queued"
    RemoteFollower.objects.update_or_create(
        actor=sender, user=user, defaults={"activity_id": activity["id"][:500]}
    )
    accept = activities.wrap(
        user,
        "Accept",
        {
            "id": activity["id"],
            "type": "Follow",
            "actor": sender.uri,
            "object": activities.actor_uri(user),
        },
    )
    transaction.on_commit(lambda: tasks.dispatch_delivery(user.pk, sender.inbox, accept))
    return "follower added, Accept queued"


def _answer_to_follow(sender, activity, state: str) -> str:
    obj = activity.get("object")
    follow_id = _object_id(obj)
    follow = RemoteFollow.objects.filter(activity_id=follow_id, actor=sender).first()
    if follow is None and isinstance(obj, dict):  # some servers send a new id: match the pair
        follow = RemoteFollow.objects.filter(
            actor=sender, user__username=activities.local_username(_object_id(obj.get("actor")))
        ).first()
    if follow is None:
        return "no such follow"
    follow.state = state
    follow.save(update_fields=["state", "updated_at"])
    return f"follow {state}"


def _accept(sender, activity) -> str:
    return _answer_to_follow(sender, activity, RemoteFollow.State.ACCEPTED)


def _reject(sender, activity) -> str:
    return _answer_to_follow(sender, activity, RemoteFollow.State.REJECTED)


def _undo(sender, activity) -> str:
    obj = activity.get("object")
    kind = obj.get("type") if isinstance(obj, dict) else None
    undone = _object_id(obj)
    if isinstance(obj, dict) and obj.get("actor") not in (None, sender.uri):
        raise Refused(403, "an actor can only undo its own activities")
    if kind == "Follow" or RemoteFollower.objects.filter(actor=sender, activity_id=undone).exists():
        user = _local_user(_object_id(obj.get("object"))) if isinstance(obj, dict) else None
        rows = RemoteFollower.objects.filter(actor=sender)
        rows = rows.filter(user=user) if user else rows.filter(activity_id=undone)
        return f"unfollowed ({rows.delete()[0]})"
    if kind == "Like" or RemoteLike.objects.filter(actor=sender, activity_id=undone).exists():
        return f"like undone ({RemoteLike.objects.filter(actor=sender, activity_id=undone).delete()[0]})"
    if (
        kind == "Announce"
        or RemoteAnnounce.objects.filter(actor=sender, activity_id=undone).exists()
    ):
        gone = RemoteAnnounce.objects.filter(actor=sender, activity_id=undone).delete()[0]
        return f"boost undone ({gone})"
    if kind == "Block":  # the follows it ended stay ended (as Mastodon): nothing to restore
        return "block undone"
    return "ignored: nothing to undo"


def _note_fields(sender, note: dict) -> dict:
    content = services.sanitise_html(str(note.get("content") or "")[:20000])
    content_map = note.get("contentMap") if isinstance(note.get("contentMap"), dict) else {}
    language = next(iter(content_map), "") if content_map else ""
    if not content and content_map:
        content = services.sanitise_html(str(next(iter(content_map.values())))[:20000])
    attachments = []
    for item in (
        (note.get("attachment") or [])[:10] if isinstance(note.get("attachment"), list) else []
    ):
        if not isinstance(item, dict):
            continue
        url = services._url(item.get("url"))
        if url:
            attachments.append(
                {
                    "url": url,
                    "media_type": str(item.get("mediaType") or "")[:50],
                    "name": str(item.get("name") or "")[:1500],
                }
            )
    tags: list = note["tag"] if isinstance(note.get("tag"), list) else []
    return {
        "actor": sender,
        "url": services._url(note.get("url")),
        "content": content,
        "text": services.html_to_text(content),
        "summary": str(note.get("summary") or "")[:500],
        "sensitive": bool(note.get("sensitive")),
        "language": str(language)[:16],
        "attachments": attachments,
        "hashtags": [
            str(t.get("name", "")).lstrip("#")[:100]
            for t in tags
            if isinstance(t, dict) and t.get("type") == "Hashtag"
        ][:30],
        "in_reply_to": _object_id(note.get("inReplyTo"))[:500],
        "published": services.parse_published(note.get("published")),
    }


def _screened(fields: dict) -> dict:
    """Remote text passes the same synchronous moderation layers and policies as local notes."""
    from crossnote.moderation.selectors import screen_text

    text = "\n".join(part for part in (fields["summary"], fields["text"]) if part)
    if not text.strip():
        return fields
    _signals, verdict = screen_text(text, kind="note", language=fields["language"])
    fields["moderation"], fields["moderation_category"] = verdict.action, verdict.category[:50]
    if verdict.action == "label" and not fields["summary"]:
        fields["summary"] = (verdict.label_text or verdict.category)[:500]
        fields["sensitive"] = True
    return fields


def _is_wanted(sender, note: dict) -> bool:
    """Kept only when someone here follows the author, or it answers a local note or a remote
    note kept here (a reply in a thread people here read)."""
    if (
        RemoteFollow.objects.filter(actor=sender)
        .exclude(state=RemoteFollow.State.REJECTED)
        .exists()
    ):
        return True
    return replies.answers_local(note) or replies.answers_known(note)


def _note_of(sender, activity) -> dict:
    note = activity.get("object")
    if not isinstance(note, dict) or note.get("type") not in (
        "Note",
        "Article",
        "Page",
        "Question",
    ):
        raise Refused(422, "only notes are accepted")
    if (
        note.get("attributedTo") != sender.uri
        and _object_id(note.get("attributedTo")) != sender.uri
    ):
        raise Refused(403, "the note is attributed to someone other than the actor")
    if not isinstance(note.get("id"), str) or services.domain_of(note["id"]) != sender.domain:
        raise Refused(403, "the note's id is not on the actor's server")
    return note


def _create(sender, activity) -> str:
    note = _note_of(sender, activity)
    if not _is_wanted(sender, note):
        return "ignored: nobody here follows the author"
    fields = _screened(_note_fields(sender, note))
    if replies.answers_local(note):  # a reply under a local note: one of its comments
        return replies.store_reply(sender, note, fields)
    RemoteNote.objects.update_or_create(uri=note["id"][:500], defaults=fields)
    return "note stored"


def _update(sender, activity) -> str:
    obj = activity.get("object")
    if isinstance(obj, dict) and obj.get("id") == sender.uri:
        services.store_actor(obj, fetched_from=sender.uri)
        return "actor updated"
    note = _note_of(sender, activity)
    fields = _screened(_note_fields(sender, note))
    rows = RemoteNote.objects.filter(uri=note["id"], actor=sender)
    with replies.recounting(rows):  # a reply re-screened may now be shown or hidden
        updated = rows.update(**{k: v for k, v in fields.items() if k != "actor"})
    return "note updated" if updated else "ignored: unknown note"


def _delete(sender, activity) -> str:
    target = _object_id(activity.get("object"))
    if target == sender.uri:  # the account itself is gone
        with replies.recounting(RemoteNote.objects.filter(actor=sender)):
            sender.delete()
        return "actor deleted"
    rows = RemoteNote.objects.filter(uri=target, actor=sender)
    with replies.recounting(rows):
        deleted, _rows = rows.delete()
    return "note deleted" if deleted else "ignored: unknown note"


def _local_notes(uri: str, visibilities):
    """The local note `uri` names (a queryset of one or none), among those `visibilities`."""
    from crossnote.notes.models import Note

    note_id = activities.local_note_id(uri)
    if note_id is None:
        return Note.objects.none()
    return Note.objects.filter(pk=note_id, visibility__in=visibilities)


def _like(sender, activity) -> str:
    target = _object_id(activity.get("object"))
    note = _local_notes(target, activities.FEDERATED_VISIBILITIES).first()
    if note is None:
        raise Refused(404, "no such note here")
    _, created = RemoteLike.objects.get_or_create(
        actor=sender, note=note, defaults={"activity_id": activity["id"][:500]}
    )
    if created:
        _tell_author(note, sender, "like")
    return "like stored"


def _public_local_note(uri: str):
    """The local note `uri` names, if anyone may see it (only public notes can be boosted)."""
    return (
        _local_notes(uri, ("public",))
        .filter(author__is_active=True)
        .exclude(moderation__in=activities.HIDDEN_MODERATION)
        .first()
    )


def _announce(sender, activity) -> str:
    """A boost. Of a local public note: kept and counted as one of its shares (refused when the
    note's author blocked the booster). Of a remote note: nothing to keep beyond the note itself,
    which arrives (or not) by its own Create; a boost does not make this server fetch it."""
    target = _object_id(activity.get("object"))
    if not target:
        raise Refused(422, "an Announce needs an object")
    if not target.startswith(activities.base_url() + "/"):
        known = RemoteNote.objects.filter(uri=target[:500]).exists()
        return "boost of a note kept here" if known else "ignored: a boost of a note not kept here"
    note = _public_local_note(target)
    if note is None:
        raise Refused(404, "no such note here")
    if RemoteBlock.objects.filter(user_id=note.author_id, actor=sender).exists():
        raise Refused(403, "the note's author blocked the actor")
    _, created = RemoteAnnounce.objects.get_or_create(
        actor=sender, note=note, defaults={"activity_id": activity["id"][:500]}
    )
    if created:
        _tell_author(note, sender, "share")
    return "boost stored"


def _tell_author(note, sender, verb: str) -> None:
    """The note's author hears of a like or boost from elsewhere (once per person there: the
    row above is kept once), unless they blocked that person."""
    if not RemoteBlock.objects.filter(user_id=note.author_id, actor=sender).exists():
        notify(recipient=note.author, actor=None, verb=verb, note=note, elsewhere=True)


def _block(sender, activity) -> str:
    """Someone elsewhere blocks a person here (Mastodon's semantics): neither follows the other
    any more (their follow of the person and the person's follow of them, pending or accepted,
    go), so the blocker's notes stop reaching the person's following feed. Blocks are private:
    nothing is shown to the person blocked."""
    target = _object_id(activity.get("object"))
    user = _local_user(target)
    if user is None:
        raise Refused(404, "the Block's object is not a person here")
    followers = RemoteFollower.objects.filter(actor=sender, user=user).delete()[0]
    following = RemoteFollow.objects.filter(actor=sender, user=user).delete()[0]
    return f"blocked by them: follows removed ({followers + following})"
