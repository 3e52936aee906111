"""Index work queued on commit (crossnote.core.tasks: a worker at scale, a background thread on
the embedded default). Thin: take an id, call a service, return quietly when the row is gone.
Every write is an upsert, so a message delivered twice does no harm; a failure is retried with
backoff and then dead-lettered, never turned into an error for the write that caused it
(`crossnote search reindex` repairs the index)."""

from celery import shared_task

from crossnote.search import services


@shared_task(low_priority=True)  # crossnote serve's background process (crossnote.core.spool)
def index_note(note_id: int) -> None:
    if services.index_note(note_id=note_id):
        services.embed_note(note_id=note_id)


@shared_task
def index_user(user_id: int) -> None:
    services.index_user(user_id=user_id)


@shared_task
def index_topic(topic_id: int) -> None:
    services.index_topic(topic_id=topic_id)


@shared_task
def link_topic(topic_id: int) -> None:
    """A new topic: link it to its name in the other language, or suggest the link."""
    from crossnote.search import topic_links

    topic_links.link_new_topic(topic_id=topic_id)


@shared_task
def index_relinked_topics(topic_ids: list[int]) -> None:
    services.index_topics_and_notes(topic_ids=topic_ids)
