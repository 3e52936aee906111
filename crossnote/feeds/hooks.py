"""Keeps the Redis timelines in step with writes (only when fan-out is configured).

A note written (`content_created`) is fanned out on commit; follows and unfollows (model
signals: follow, unfollow and block all go through them) add or take out the followee's notes;
a deleted note leaves the timelines."""

from django.db.models.signals import post_delete, post_save

from crossnote.core import hooks
from crossnote.core.tasks import enqueue


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


def connect() -> None:
    from crossnote.notes.models import Note
    from crossnote.social.models import Follow

    hooks.register("content_created", _content_created)
    post_save.connect(_follow_saved, sender=Follow, dispatch_uid="feeds-follow-saved")
    post_delete.connect(_follow_deleted, sender=Follow, dispatch_uid="feeds-follow-deleted")
    post_delete.connect(_note_deleted, sender=Note, dispatch_uid="feeds-note-deleted")
