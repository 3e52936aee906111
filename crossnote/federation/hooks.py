"""Connects federation to the layers below (crossnote.core.hooks): a local note written or edited
is sent to its author's remote followers (once its photos are ready), a removed one is deleted there; an imported follow of a remote address sends a Follow."""

import logging

from django.db.models.signals import post_delete

from crossnote.core import hooks

log = logging.getLogger(__name__)


def _content_created(*, obj, kind, author, **_kwargs):
    from crossnote.core.tasks import enqueue
    from crossnote.federation import activities, tasks

    if kind == "note" and activities.enabled():
        enqueue(tasks.federate_note, obj.pk)


def _note_media_ready(*, note, **_kwargs):
    from crossnote.core.tasks import enqueue
    from crossnote.federation import activities, tasks

    if activities.enabled():
        enqueue(tasks.federate_note, note.pk)


def _note_deleted(sender, instance, **kwargs):
    from crossnote.core.tasks import enqueue, is_done
    from crossnote.federation import activities, tasks

    if activities.enabled() and is_done(f"federation:note:{instance.pk}"):
        public = instance.visibility == "public"
        enqueue(tasks.federate_deletion, instance.author_id, instance.pk, public)


def _imported(what: str, user, address: str):
    """An imported follow or block list (crossnote.portability) named someone elsewhere: None
    when federation is off, True when it was done (`what`: "follow" or "block"), False when
    the address could not be found or followed."""
    from crossnote.core.errors import DomainError
    from crossnote.federation import activities, services

    if not activities.enabled():
        return None
    act = services.follow_remote if what == "follow" else services.block_remote
    try:
        act(user=user, actor=services.lookup_address(address))
    except DomainError as exc:
        log.info("imported %s of %s not done: %s", what, address, exc.message)
        return False
    return True


def _remote_follow_requested(*, user, address, **_kwargs):
    return _imported("follow", user, address)


def _remote_block_requested(*, user, address, **_kwargs):
    return _imported("block", user, address)


def connect() -> None:
    from crossnote.notes.models import Note

    hooks.register(hooks.CONTENT_CREATED, _content_created)
    hooks.register(hooks.NOTE_MEDIA_READY, _note_media_ready)  # federated once photos are ready
    hooks.register(hooks.REMOTE_FOLLOW_REQUESTED, _remote_follow_requested)  # portability's import
    hooks.register(hooks.REMOTE_BLOCK_REQUESTED, _remote_block_requested)
    post_delete.connect(_note_deleted, sender=Note, dispatch_uid="crossnote.federation.note")
