"""Timeline fan-out queued on commit (thin: take ids, call crossnote.feeds.timeline, return
quietly when the row is gone). A failure never fails the write: a reader's timeline is rebuilt
from the database when it is missing."""

import logging

from celery import shared_task

from crossnote.feeds import timeline

log = logging.getLogger(__name__)


@shared_task(name="feeds.fan_out_note")
def fan_out_note(note_id: int) -> None:
    try:
        timeline.fan_out_note(note_id)
    except Exception:
        log.exception("fan-out of note %s failed", note_id)


@shared_task(name="feeds.follow_changed")
def follow_changed(follower_id: int, followee_id: int, following: bool) -> None:
    try:
        if following:
            timeline.add_author_to_timeline(follower_id, followee_id)
        else:
            timeline.remove_author_from_timeline(follower_id, followee_id)
    except Exception:
        log.exception("timeline update for follow %s→%s failed", follower_id, followee_id)


@shared_task(name="feeds.note_deleted")
def note_deleted(note_id: int, author_id: int) -> None:
    try:
        timeline.remove_note(note_id, author_id)
    except Exception:
        log.exception("timeline removal of note %s failed", note_id)


@shared_task(name="feeds.refresh_explore")
def refresh_explore(user_id, region: str, languages: list, screen: int) -> None:
    """Rank a reader's explore pool again in the background (crossnote.feeds.ranking.first_pool
    served the stale one meanwhile)."""
    from crossnote.feeds import ranking

    ranking.refresh_first_pool(user_id, region, languages, screen)
