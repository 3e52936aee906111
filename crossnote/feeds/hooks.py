"""Keeps the Redis timelines in step with writes (only when fan-out is configured).

A note written (`content_created`) is fanned out on commit; follows and unfollows (model
signals: follow, unfollow and block all go through them) add or take out the followee's notes;
a deleted note leaves the timelines.

Feed cards (crossnote.feeds.cards) are kept per note version, `updated_at` among it: a change to
a note's topics, an image saved in place (say its variants made in the background) or its video
saved (transcoded, published) touches the note's `updated_at` so that its card is written anew."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from crossnote.core import hooks
from crossnote.core.tasks import enqueue
from crossnote.notes.models import Note, NoteImage, NoteVideo
from crossnote.social.models import Follow


def _content_created(*, obj, kind, author):
    from crossnote.feeds import tasks, timeline

    if kind == "note" and timeline.redis_client() is not None:
        enqueue(tasks.fan_out_note, obj.pk)


def _follow_saved(sender, instance, created, **kwargs):
    from crossnote.feeds import tasks, timeline

    if created and timeline.redis_client() is not None:
        enqueue(tasks.follow_changed, instance.follower_id, instance.followee_id, True)


def _follow_deleted(sender, instance, **kwargs):
    from crossnote.feeds import tasks, timeline

    if timeline.redis_client() is not None:
        enqueue(tasks.follow_changed, instance.follower_id, instance.followee_id, False)


def _note_deleted(sender, instance, **kwargs):
    from crossnote.feeds import tasks, timeline

    if timeline.redis_client() is not None:
        enqueue(tasks.note_deleted, instance.pk, instance.author_id)


def _touch_notes(note_ids) -> None:
    if note_ids:
        Note.objects.filter(pk__in=list(note_ids)).update(updated_at=timezone.now())


def _image_saved(sender, instance, created, **kwargs):
    # A new or deleted image changes the card's image mark already (count, newest id).
    if not created:
        _touch_notes([instance.note_id])


def _video_saved(sender, instance, created, **kwargs):
    # A video note's card shows its video (state, poster, length), made in the background.
    _touch_notes([instance.note_id])


def _topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    _touch_notes((pk_set or ()) if reverse else [instance.pk])


def connect() -> None:
    hooks.register(hooks.CONTENT_CREATED, _content_created)
    post_save.connect(_follow_saved, sender=Follow, dispatch_uid="feeds-follow-saved")
    post_delete.connect(_follow_deleted, sender=Follow, dispatch_uid="feeds-follow-deleted")
    post_delete.connect(_note_deleted, sender=Note, dispatch_uid="feeds-note-deleted")
    post_save.connect(_image_saved, sender=NoteImage, dispatch_uid="feeds-image-saved")
    post_save.connect(_video_saved, sender=NoteVideo, dispatch_uid="feeds-video-saved")
    m2m_changed.connect(
        _topics_changed, sender=Note.topics.through, dispatch_uid="feeds-topics-changed"
    )
