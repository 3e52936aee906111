"""Connects federation to the layers below (crossnote.core.hooks): a local note written or edited
is sent to its author's remote followers (once its photos are ready), a removed one is deleted
there; an imported follow of a remote address sends a Follow. A local comment goes to the same
servers (replies as comments), and replies from elsewhere join a note's comments and count."""

import logging

from django.db.models.signals import post_delete

from crossnote.core import hooks
from crossnote.core.tasks import enqueue, is_done
from crossnote.federation import avatars
from crossnote.federation.models import RemoteActor
from crossnote.notes.models import Comment, Note

log = logging.getLogger(__name__)


def _content_created(*, obj, kind, author, **_kwargs):
    from crossnote.federation import activities, tasks

    if kind == "note" and activities.enabled():
        enqueue(tasks.federate_note, obj.pk)
    elif kind == "comment" and activities.enabled():  # the thread reaches readers elsewhere
        enqueue(tasks.federate_comment, obj.pk)


def _note_media_ready(*, note, **_kwargs):
    from crossnote.federation import activities, tasks

    if activities.enabled():
        enqueue(tasks.federate_note, note.pk)


def _note_deleted(sender, instance, **kwargs):
    from crossnote.federation import activities, tasks

    if activities.enabled() and is_done(f"federation:note:{instance.pk}"):
        public = instance.visibility == "public"
        enqueue(tasks.federate_deletion, instance.author_id, instance.pk, public)


def _comment_deleted(sender, instance, **kwargs):
    from crossnote.federation import activities, tasks

    if not (activities.enabled() and is_done(f"federation:comment:{instance.pk}")):
        return
    # Where the comment went: its note's author's followers (the note's own Delete covers a
    # comment deleted with its note).
    note_author = Note.objects.filter(pk=instance.note_id).values_list("author_id", flat=True)
    if note_author:
        enqueue(tasks.federate_comment_deletion, instance.author_id, instance.pk, note_author[0])


def _comments_elsewhere(*, note, viewer, **_kwargs):
    from crossnote.federation import replies

    return replies.comments_elsewhere(note, viewer)


def _comments_elsewhere_count(*, note_id, **_kwargs):
    from crossnote.federation import replies

    return replies.count_replies(note_id)


def _following_elsewhere(*, viewer, newer_than, older_than, **_kwargs):
    from crossnote.federation import providers

    return providers.following_elsewhere(viewer, newer_than=newer_than, older_than=older_than)


def _search_elsewhere(*, viewer, text, notes=True, **_kwargs):
    from crossnote.federation import providers

    return providers.search_elsewhere(viewer, text, notes=notes)


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


def _moved_author(*, author, **_kwargs):
    """A person who moved away (crossnote.federation.moving) may not post here, as Mastodon
    restricts a moved account: refused with a message naming their new account. It rides on
    SCREEN_IMAGES, which notes fires before anything of a new note is stored."""
    from crossnote.core.errors import PermissionDenied
    from crossnote.federation import moving

    refusal = moving.posting_refusal(author)
    if refusal:
        raise PermissionDenied(refusal)


def _moved_commenter(*, kind, author, **_kwargs):
    """A moved person's comment is refused too: CONTENT_CREATED fires inside the comment's
    write transaction, so the refusal rolls it back (a profile edit stays allowed)."""
    if kind == "comment":
        _moved_author(author=author)


def connect() -> None:

    hooks.register(hooks.CONTENT_CREATED, _content_created)
    hooks.register(hooks.NOTE_MEDIA_READY, _note_media_ready)  # federated once photos are ready
    hooks.register(hooks.REMOTE_FOLLOW_REQUESTED, _remote_follow_requested)  # portability's import
    hooks.register(hooks.REMOTE_BLOCK_REQUESTED, _remote_block_requested)
    hooks.register(hooks.SCREEN_IMAGES, _moved_author)  # a moved account posts no more notes
    hooks.register(hooks.CONTENT_CREATED, _moved_commenter)  # ... nor comments
    post_delete.connect(_note_deleted, sender=Note, dispatch_uid="crossnote.federation.note")
    post_delete.connect(
        avatars.forget, sender=RemoteActor, dispatch_uid="crossnote.federation.avatar"
    )
    # Replies as comments (crossnote.federation.replies): shown and counted among a note's
    # comments; a local comment deleted after it was sent is deleted elsewhere too.
    hooks.register(hooks.COMMENTS_ELSEWHERE, _comments_elsewhere)
    hooks.register(hooks.COMMENTS_ELSEWHERE_COUNT, _comments_elsewhere_count)
    # Remote notes first-class (crossnote.federation.providers): in following and search.
    hooks.register(hooks.FOLLOWING_ELSEWHERE, _following_elsewhere)
    hooks.register(hooks.SEARCH_ELSEWHERE, _search_elsewhere)
    post_delete.connect(
        _comment_deleted, sender=Comment, dispatch_uid="crossnote.federation.comment"
    )
