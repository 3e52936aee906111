"""Keeps the index in step with writes (see crossnote.core.hooks).

Notes and profiles fire `content_created` when they are written or their text changes; new
people are seen through post_save (sign-up, admin and createsuperuser alike). Each is indexed
once its transaction commits (crossnote.core.tasks.enqueue: a worker, or a thread on the
embedded default), so a rolled-back write indexes nothing. Model signals cover what no
hook announces: a note's topics changing on their own, new topics (also linked to their name
in the other language: crossnote.search.topic_links), and deletions (a deleted
note's row goes in the same transaction, not on commit).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.core.tasks import enqueue
from crossnote.notes.models import Note, Topic


def _content_created(*, obj, kind, author):
    from crossnote.search import tasks

    if kind == "note":
        enqueue(tasks.index_note, obj.pk)
    elif kind == "profile":
        enqueue(tasks.index_user, obj.pk)


def _photo_text_read(*, note, image, text, language):
    """The text in one of a note's photos was read (crossnote.vision): index it with the note."""
    from crossnote.search import tasks

    enqueue(tasks.index_note, note.pk)


def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    """New people however made (sign-up, admin, createsuperuser) and whole-row saves (admin
    edits); a login's `last_login` update is not a reason to re-index."""
    from crossnote.search import tasks

    if created or update_fields is None or {"username", "is_active"} & set(update_fields):
        enqueue(tasks.index_user, instance.pk)


def _topics_changed(sender, instance, action, reverse, **kwargs):
    from crossnote.search import tasks

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Note):
        enqueue(tasks.index_note, instance.pk)


def _topic_saved(sender, instance, created, **kwargs):
    from crossnote.search import tasks

    if created:
        enqueue(tasks.index_topic, instance.pk)
        enqueue(tasks.link_topic, instance.pk)


def _topics_relinked(*, topic_ids):
    from crossnote.search import tasks

    enqueue(tasks.index_relinked_topics, sorted(topic_ids))


def _note_deleted(sender, instance, using, **kwargs):
    from crossnote.search.services import remove_note

    remove_note(note_id=instance.pk, using=using)


def connect() -> None:
    hooks.register(hooks.CONTENT_CREATED, _content_created)
    hooks.register(hooks.TOPICS_RELINKED, _topics_relinked)
    hooks.register(hooks.PHOTO_TEXT_READ, _photo_text_read)
    post_save.connect(_user_saved, sender=User, dispatch_uid="search-user-saved")
    m2m_changed.connect(_topics_changed, sender=Note.topics.through, dispatch_uid="search-topics")
    post_save.connect(_topic_saved, sender=Topic, dispatch_uid="search-topic-saved")
    post_delete.connect(_note_deleted, sender=Note, dispatch_uid="search-note-deleted")
