"""Index work queued on commit, run in-process (thin: take an id, call a service, return quietly
when the row is gone). Indexing failures are logged and never fail the write that caused them:
`crossnote search reindex` repairs the index."""

import logging

from crossnote.search import services

log = logging.getLogger(__name__)


def _run(service, **ids) -> None:
    try:
        service(**ids)
    except Exception:  # the write already committed; never turn indexing into a user error
        log.exception("search indexing failed for %s", ids)


def index_note(note_id: int) -> None:
    _run(services.index_note, note_id=note_id)
    _run(services.embed_note, note_id=note_id)


def index_user(user_id: int) -> None:
    _run(services.index_user, user_id=user_id)


def index_topic(topic_id: int) -> None:
    _run(services.index_topic, topic_id=topic_id)
