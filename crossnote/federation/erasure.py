"""Telling other servers that an erased person is gone (GDPR Art. 17(2): a controller that made
personal data public takes reasonable steps to inform the others processing it that erasure was
asked for). On erasure, before their key and rows go, a `Delete` of their actor (Mastodon's
shape) is signed once per inbox that knows them: their followers' servers, the people they
follow or liked notes of, and the people who liked or boosted their notes. The signed requests are sent
after the erasure commits (crossnote.federation.tasks.deliver_erasure): retried a few times
within the signature window, then dropped; never kept as a dead letter, which would keep the
erased name and key-signed body after the erasure.

The other way, a Delete of an actor this server never knew is answered 202 before any key is
fetched (as Mastodon skips it): the erased account's key is gone, and there is nothing to delete."""

import json
import logging

from crossnote.core.tasks import enqueue
from crossnote.federation import activities, fetch, services
from crossnote.federation.models import (
    ActorKey,
    RemoteActor,
    RemoteAnnounce,
    RemoteFollow,
    RemoteFollower,
    RemoteLike,
    RemoteNoteLike,
)
from crossnote.federation.signatures import sign_request

log = logging.getLogger(__name__)


def known_inboxes(user) -> list[str]:
    """One inbox per server that knows the person (shared inboxes where offered)."""
    actors = [row.actor for row in RemoteFollower.objects.filter(user=user).select_related("actor")]
    actors += [row.actor for row in RemoteFollow.objects.filter(user=user).select_related("actor")]
    actors += [
        row.actor for row in RemoteLike.objects.filter(note__author=user).select_related("actor")
    ]
    actors += [
        row.actor
        for row in RemoteAnnounce.objects.filter(note__author=user).select_related("actor")
    ]
    actors += [
        row.note.actor
        for row in RemoteNoteLike.objects.filter(user=user).select_related("note__actor")
    ]
    inboxes = {actor.delivery_inbox for actor in actors if not services.is_blocked(actor.domain)}
    return sorted(inbox for inbox in inboxes if inbox)


def announce_erasure(user) -> int:
    """Queue a signed Delete(actor) to every server that knows `user` (on commit); how many."""
    from crossnote.federation import tasks

    if not activities.enabled():
        return 0
    key = ActorKey.objects.filter(user=user).first()
    if key is None:  # never had a key: no server could have verified anything of theirs
        return 0
    inboxes = known_inboxes(user)
    body = json.dumps(activities.delete_actor(user)).encode()
    for inbox in inboxes:
        headers = sign_request(
            method="POST",
            url=inbox,
            body=body,
            key_id=activities.key_id(user),
            private_pem=key.private_pem,
        )
        headers["Content-Type"] = fetch.ACTIVITY_JSON
        enqueue(tasks.deliver_erasure, inbox, body.decode(), headers)
    if inboxes:
        log.info("erasure: a Delete of an actor queued for %d servers", len(inboxes))
    return len(inboxes)


def deletes_unknown_actor(activity: dict) -> bool:
    """A Delete of its own actor by an actor never kept here: nothing to verify or delete."""
    actor = activity.get("actor")
    obj = activity.get("object")
    target = obj.get("id") if isinstance(obj, dict) else obj
    return (
        activity.get("type") == "Delete"
        and target == actor
        and not RemoteActor.objects.filter(uri=actor).exists()
    )
