"""Background work of federation: signed deliveries to remote inboxes (one task per inbox, so each
retries on its own with crossnote.core.tasks' backoff and dead letters), and a local note's
Create / Update / Delete fanned out to its author's remote followers."""

import json
import logging

from celery import shared_task

from crossnote.core.tasks import CrossnoteTask, PermanentFailure, dispatch, enqueue, mark_done

log = logging.getLogger(__name__)


def dispatch_delivery(user_id: int, inbox: str, activity: dict) -> None:
    """Start a delivery now (called on commit by the inbox)."""
    dispatch(deliver, user_id, inbox, activity)


def post_signed(user, inbox: str, activity: dict):
    """POST `activity` to `inbox`, signed with the person's key (draft-cavage, as Mastodon)."""
    from crossnote.federation import activities, fetch, services
    from crossnote.federation.signatures import sign_request

    body = json.dumps(activity).encode()
    key = services.key_for(user)
    headers = sign_request(
        method="POST",
        url=inbox,
        body=body,
        key_id=activities.key_id(user),
        private_pem=key.private_pem,
    )
    headers["Content-Type"] = fetch.ACTIVITY_JSON
    return fetch.request("POST", inbox, body=body, headers=headers)


@shared_task
def deliver(user_id: int, inbox: str, activity: dict) -> int:
    """One signed delivery; a 5xx, 429 or network failure is retried, any other 4xx is final."""
    from crossnote.accounts.models import User
    from crossnote.federation import activities, fetch, services

    user = User.objects.filter(pk=user_id).first()
    if user is None or not activities.enabled():
        return 0
    if services.is_blocked(services.domain_of(inbox)):
        return 0
    try:
        answer = post_signed(user, inbox, activity)
    except fetch.FetchRefused as exc:
        if exc.final:
            raise PermanentFailure(exc.reason) from exc
        raise  # a network failure: retried with backoff
    if 200 <= answer.status < 300:
        return answer.status
    message = f"{inbox} answered {answer.status}: {answer.body[:200]!r}"
    if 400 <= answer.status < 500 and answer.status not in (408, 429):
        raise PermanentFailure(message)
    raise RuntimeError(message)


@shared_task
def deliver_to_followers(user_id: int, activity: dict) -> int:
    """Fan one activity out: a delivery task per remote server (shared inboxes)."""
    from crossnote.accounts.models import User
    from crossnote.federation import services

    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    inboxes = services.follower_inboxes(user)
    for inbox in inboxes:
        enqueue(deliver, user_id, inbox, activity)
    return len(inboxes)


@shared_task
def federate_note(note_id: int) -> str:
    """A local note written or edited: Create the first time, Update after, to remote followers.
    Private, held and removed notes are not sent."""
    from crossnote.federation import activities
    from crossnote.notes.models import Note

    note = Note.objects.filter(pk=note_id).select_related("author").first()
    if note is None or not activities.enabled():
        return "gone"
    if note.visibility not in activities.FEDERATED_VISIBILITIES:
        return "not federated"
    if note.moderation in activities.HIDDEN_MODERATION:
        return "not federated"
    if not note.media_ready:
        from crossnote.core import hooks

        if getattr(hooks, "NOTE_MEDIA_READY", None):
            return "waiting for media"  # the media-ready hook queues this task again
        raise RuntimeError(f"note {note_id}: media not ready yet")  # retried with backoff
    kind = "Create" if mark_done(f"federation:note:{note_id}") else "Update"
    deliver_to_followers(note.author_id, activities.create_note(note, kind))
    return kind


@shared_task
def federate_deletion(user_id: int, note_id: int, public: bool) -> str:
    from crossnote.accounts.models import User
    from crossnote.federation import activities

    user = User.objects.filter(pk=user_id).first()
    if user is None or not activities.enabled():
        return "gone"
    deliver_to_followers(user_id, activities.delete_note(user, note_id, public))
    return "Delete"


@shared_task
def federate_comment(comment_id: int) -> str:
    """A local comment on a local note goes, signed by its author, to the note author's followers
    elsewhere and to the servers of people elsewhere in the thread (replies as comments)."""
    from crossnote.federation import activities, replies

    comment = replies.federated_comment(comment_id)
    if comment is None or not activities.enabled():
        return "not federated"
    inboxes = replies.comment_inboxes(comment)
    if not inboxes:
        return "nobody elsewhere"
    mark_done(f"federation:comment:{comment_id}")
    obj = replies.comment_object(comment)
    activity = activities.wrap(comment.author, "Create", obj, to=obj["to"], cc=obj["cc"])
    activity["id"] = f"{obj['id']}/activity"
    for inbox in inboxes:
        enqueue(deliver, comment.author_id, inbox, activity)
    return f"Create to {len(inboxes)}"


@shared_task
def federate_comment_deletion(user_id: int, comment_id: int, note_author_id: int) -> str:
    from crossnote.accounts.models import User
    from crossnote.federation import activities, replies, services

    user = User.objects.filter(pk=user_id).first()
    if user is None or not activities.enabled():
        return "gone"
    tombstone = {"id": replies.comment_uri(comment_id), "type": "Tombstone"}
    activity = activities.wrap(user, "Delete", tombstone, to=[activities.AS_PUBLIC], cc=[])
    note_author = User.objects.filter(pk=note_author_id).first()
    for inbox in services.follower_inboxes(note_author) if note_author else []:
        enqueue(deliver, user_id, inbox, activity)
    return "Delete"


@shared_task
def federate_reply(reply_id: int) -> str:
    """A local person's comment on a remote note: to its author's inbox and the commenter's
    followers elsewhere, signed."""
    from crossnote.federation import activities, replies
    from crossnote.federation.models import LocalReply

    reply = LocalReply.objects.select_related("author", "note__actor").filter(pk=reply_id).first()
    if reply is None or not activities.enabled():
        return "gone"
    obj = replies.reply_object(reply)
    activity = activities.wrap(reply.author, "Create", obj, to=obj["to"], cc=obj["cc"])
    activity["id"] = f"{obj['id']}/activity"
    inboxes = replies.reply_inboxes(reply)
    for inbox in inboxes:
        enqueue(deliver, reply.author_id, inbox, activity)
    return f"Create to {len(inboxes)}"


class _ForgottenOnFailure(CrossnoteTask):
    """An erased person's Delete: retried like any task, but never kept as a dead letter (its
    arguments hold the erased name and a body signed with their key); only the server is logged."""

    max_retries = 3

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from crossnote.federation import services

        inbox = args[0] if args else ""
        log.warning("erasure: the Delete to %s was not delivered", services.domain_of(inbox))


@shared_task(bind=True, max_retries=3)
def copy_avatar(self, actor_id: int) -> str:
    """Keep our own copy of a remote actor's avatar (crossnote.federation.avatars). A server
    that stays away is asked a few times, then the initial is shown: a missing picture is not
    worth a dead letter an operator must look at."""
    from crossnote.federation import avatars

    return avatars.copy(actor_id, last_try=self.request.retries >= self.max_retries)


@shared_task(base=_ForgottenOnFailure)
def deliver_erasure(inbox: str, body: str, headers: dict) -> int:
    """POST a Delete(actor) signed at erasure time (crossnote.federation.erasure)."""
    from crossnote.federation import fetch, services

    if not services.is_blocked(services.domain_of(inbox)):
        try:
            answer = fetch.request("POST", inbox, body=body.encode(), headers=dict(headers))
        except fetch.FetchRefused as exc:
            if exc.final:
                raise PermanentFailure(services.domain_of(inbox)) from None
            raise RuntimeError(services.domain_of(inbox)) from None  # retried with backoff
        if 200 <= answer.status < 300 or answer.status in (404, 410):
            return answer.status
        if 400 <= answer.status < 500 and answer.status not in (408, 429):
            raise PermanentFailure(f"{services.domain_of(inbox)} answered {answer.status}")
        raise RuntimeError(f"{services.domain_of(inbox)} answered {answer.status}")
    return 0


@shared_task
def deliver_as_instance(inbox: str, activity: dict) -> int:
    """POST `activity` signed by the instance actor (crossnote.federation.flags: forwarded
    reports); retried and dead-lettered like any delivery (it names no one here)."""
    from crossnote.federation import activities, fetch, flags, services
    from crossnote.federation.signatures import sign_request

    if not activities.enabled() or services.is_blocked(services.domain_of(inbox)):
        return 0
    body = json.dumps(activity).encode()
    headers = sign_request(
        method="POST",
        url=inbox,
        body=body,
        key_id=activities.instance_actor_uri() + "#main-key",
        private_pem=flags.instance_key().private_pem,
    )
    headers["Content-Type"] = fetch.ACTIVITY_JSON
    try:
        answer = fetch.request("POST", inbox, body=body, headers=headers)
    except fetch.FetchRefused as exc:
        if exc.final:
            raise PermanentFailure(exc.reason) from exc
        raise
    if 200 <= answer.status < 300:
        return answer.status
    message = f"{inbox} answered {answer.status}"
    if 400 <= answer.status < 500 and answer.status not in (408, 429):
        raise PermanentFailure(message)
    raise RuntimeError(message)
