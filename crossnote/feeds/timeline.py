"""The following timeline: pull from the database (embedded default), or hybrid fan-out at scale.

With CROSSNOTE_TIMELINE_REDIS_URL set (it defaults to REDIS_URL), a new note's id is written on
commit into a Redis sorted set per follower (score: the note's creation time, trimmed to
CROSSNOTE_TIMELINE_LENGTH), unless its author has more than CROSSNOTE_FANOUT_MAX_FOLLOWERS
followers: those notes are pulled from the database at read time and merged, as large platforms
do (writing a celebrity's note into millions of timelines costs more than reading it).

Either way the page is read back through `following_notes` (crossnote.feeds.selectors), so
visibility, blocks, withholding, mutes and unfollows are decided where they always are, and both
paths give the same pages (tests/feeds/test_feeds_timeline.py checks this on PostgreSQL + Redis).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput
from crossnote.core.pagination import MAX_PAGE_SIZE, Page, decode_cursor, encode_cursor, paginate
from crossnote.feeds import cards, following_lists
from crossnote.feeds.selectors import following_notes, following_shown
from crossnote.notes.models import Note, Visibility
from crossnote.social.models import Follow

_clients: dict = {}
EMPTY_MARK = "-"  # a member that marks a built (possibly empty) timeline


def redis_client():
    """The Redis client for timelines, or None on the embedded default (pull only)."""
    url = getattr(settings, "CROSSNOTE_TIMELINE_REDIS_URL", "")
    if not url:
        return None
    if url not in _clients:
        import redis

        _clients[url] = redis.Redis.from_url(url)
    return _clients[url]


def _key(user_id: int) -> str:
    return f"crossnote:timeline:{user_id}"


def _limit() -> int:
    return settings.CROSSNOTE_TIMELINE_LENGTH


def _is_big(follower_count: int) -> bool:
    return follower_count > settings.CROSSNOTE_FANOUT_MAX_FOLLOWERS


def _fanned_notes():
    """Notes that travel by fan-out: everything but private ones."""
    return Note.objects.exclude(visibility=Visibility.PRIVATE)


def rebuild_timeline(user_id: int) -> int:
    """Fill one reader's Redis timeline from the database (first read, or after a flush)."""
    client = redis_client()
    small = Follow.objects.filter(
        follower_id=user_id, followee__follower_count__lte=settings.CROSSNOTE_FANOUT_MAX_FOLLOWERS
    ).values("followee_id")
    rows = (
        _fanned_notes()
        .filter(author_id__in=small)
        .order_by("-created_at", "-id")
        .values_list("id", "created_at")[: _limit()]
    )
    mapping = {str(pk): created.timestamp() for pk, created in rows}
    mapping[EMPTY_MARK] = 0.0
    pipe = client.pipeline()
    pipe.delete(_key(user_id))
    pipe.zadd(_key(user_id), mapping)
    pipe.execute()
    return len(mapping) - 1


def fan_out_note(note_id: int) -> int:
    """Write a note into its author's followers' timelines (those already built); returns how
    many. Celebrity authors and private notes are skipped (pulled at read time / never shown)."""
    client = redis_client()
    note = _fanned_notes().select_related("author").filter(pk=note_id).first()
    if client is None or note is None or _is_big(note.author.follower_count):
        return 0
    followers = Follow.objects.filter(followee_id=note.author_id).values_list(
        "follower_id", flat=True
    )
    score = note.created_at.timestamp()
    count = 0
    pipe = client.pipeline(transaction=False)
    for follower_id in followers.iterator(chunk_size=2000):
        key = _key(follower_id)
        # A timeline not built yet (no EMPTY_MARK) is made whole from the database on its
        # first read, so writing into it here loses nothing.
        pipe.zadd(key, {str(note.pk): score})
        pipe.zremrangebyrank(key, 0, -(_limit() + 2))
        count += 1
        if count % 1000 == 0:
            pipe.execute()
    pipe.execute()
    return count


def add_author_to_timeline(follower_id: int, followee_id: int) -> None:
    """A new follow: bring the followee's recent notes into the follower's built timeline."""
    client = redis_client()
    if client is None or client.zscore(_key(follower_id), EMPTY_MARK) is None:
        return
    rows = (
        _fanned_notes()
        .filter(author_id=followee_id)
        .order_by("-created_at", "-id")
        .values_list("id", "created_at")[: _limit()]
    )
    if rows:
        client.zadd(_key(follower_id), {str(pk): created.timestamp() for pk, created in rows})


def remove_author_from_timeline(follower_id: int, followee_id: int) -> None:
    """An unfollow (or block): take the followee's notes out of the follower's timeline."""
    client = redis_client()
    if client is None or not client.exists(_key(follower_id)):
        return
    pks = Note.objects.filter(author_id=followee_id).values_list("id", flat=True)[: _limit() * 2]
    ids = [str(pk) for pk in pks]
    if ids:
        client.zrem(_key(follower_id), *ids)


def remove_note(note_id: int, author_id: int) -> None:
    """A deleted note leaves its author's followers' timelines."""
    client = redis_client()
    if client is None:
        return
    followers = Follow.objects.filter(followee_id=author_id).values_list("follower_id", flat=True)
    pipe = client.pipeline(transaction=False)
    for follower_id in followers.iterator(chunk_size=2000):
        pipe.zrem(_key(follower_id), str(note_id))
    pipe.execute()


def _after(queryset, cursor_key):
    if cursor_key is None:
        return queryset
    created, pk = cursor_key
    return queryset.filter(Q(created_at__lt=created) | Q(created_at=created, id__lt=pk))


def _pushed_ids(client, user_id: int, before: datetime | None, count: int) -> tuple[list, bool]:
    """Up to `count` note ids from the Redis timeline at or before `before`; and whether the
    timeline may hold more than it returned."""
    key = _key(user_id)
    if client.zscore(key, EMPTY_MARK) is None:
        rebuild_timeline(user_id)
    top = before.timestamp() if before is not None else "+inf"
    members = client.zrevrangebyscore(key, top, "(0", start=0, num=count)
    return [int(m) for m in members if m != EMPTY_MARK.encode()], len(members) == count


# Pull windows: someone who follows thousands of people has tens of thousands of notes in
# reach; sorting them all for one page is what makes a naive pull slow (0.25-0.9 s on the 1M
# world for 2,000 follows). Each window is read through the (author, created_at) index and most
# pages are full in the first one; readers following HEAVY_FOLLOWING people or fewer get one
# query (their sort is small), so their query count is the same at every page size.
PULL_WINDOWS = (timedelta(days=2), timedelta(days=14), timedelta(days=90), None)
HEAVY_FOLLOWING = 300


def pull_page(viewer, cursor: str | None = None, limit: int = 20, *, media: bool = True) -> Page:
    """A page of the following timeline straight from the database, newest first
    (`media=False`: notes without images, topics and author, for their ids)."""
    if not cursor:
        top = timezone.now()
    else:
        top = decode_cursor(cursor)[0]
    notes = following_notes(viewer, media=media)
    # Most readers follow few enough people for one sort; only the heavy followers get windows.
    heavy = getattr(viewer, "following_count", 0) > HEAVY_FOLLOWING
    for window in PULL_WINDOWS if heavy else (None,):
        scoped = notes if window is None else notes.filter(created_at__gte=top - window)
        page = paginate(scoped, cursor, limit)
        if page.next_cursor or window is None:
            return page
        if not notes.filter(created_at__lt=top - window).exists():
            return page  # nothing older: the page is complete
    raise AssertionError("unreachable: the last window has no bound")


def following_page(
    viewer, cursor: str | None = None, limit: int = 20, *, media: bool = True
) -> Page:
    """One page of the following timeline, newest first; pull, or hybrid when Redis is set
    (`media=False`: notes without images, topics and author, for their ids)."""
    client = redis_client()
    if client is None:
        return pull_page(viewer, cursor, limit, media=media)
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    cursor_key = decode_cursor(cursor) if cursor else None
    before = cursor_key[0] if cursor_key else None
    want = limit + 1
    visible = _after(following_notes(viewer, media=media), cursor_key)
    visible = visible.order_by("-created_at", "-id")
    big = Follow.objects.filter(
        follower=viewer, followee__follower_count__gt=settings.CROSSNOTE_FANOUT_MAX_FOLLOWERS
    ).values("followee_id")
    pulled = visible.filter(author_id__in=big).values_list("id", flat=True)[:want]
    fetch = want * 2
    while True:
        pushed, more_in_redis = _pushed_ids(client, viewer.pk, before, fetch)
        ids = set(pushed) | set(pulled)
        rows = list(visible.filter(pk__in=ids)[:want])
        # Enough rows, or nothing more to read: done. Otherwise (many pushed ids hidden by
        # visibility or unfollows) read further into the Redis timeline.
        if len(rows) >= want or not more_in_redis or fetch >= _limit():
            break
        fetch *= 4
    if len(rows) < want and client.zcard(_key(viewer.pk)) > _limit():
        # Older than the trimmed Redis timeline keeps: read this page from the database.
        return pull_page(viewer, cursor, limit, media=media)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].created_at, rows[-1].pk) if more and rows else None
    return Page(items=rows, next_cursor=next_cursor)


@dataclass(frozen=True)
class TimelineEntry:
    """A note of a timeline page when only its id and time are needed (the API's cards)."""

    pk: int
    created_at: datetime


def following_entries(viewer, cursor: str | None = None, limit: int = 20) -> Page:
    """A page of the following timeline as TimelineEntry items, newest first."""
    return following_facts(viewer, cursor, limit)[0]


def following_facts(
    viewer, cursor: str | None = None, limit: int = 20, *, extra: tuple[str, ...] = ()
) -> tuple[Page, dict | None]:
    """(a page of the following timeline as TimelineEntry items, newest first; the page's facts
    as cards.page_facts gives them with `extra`, when they were read on the way, else None).

    On SQLite the page is chosen from the reader's candidate list kept in process memory
    (crossnote.feeds.following_lists), in the one query that reads its facts; past the list's end,
    or on another database, it is one question compiled once per kind of reader through the
    visibility rule (crossnote.feeds.cards.newest_shown). For a reader following very many
    people the notes come from following_page: the Redis timeline where there is one, else pull
    windows. Not for the others, with Redis or without: on PostgreSQL + Redis the hybrid page
    (three ORM queries around the Redis read) cost 12 ms of CPU and 6.4 ms of the database's
    per request, the compiled question 4 ms and 2.9 ms (bench/README, 2026-12-07)."""
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    if getattr(viewer, "following_count", 0) > HEAVY_FOLLOWING:
        page = following_page(viewer, cursor, limit, media=False)
        items = [TimelineEntry(note.pk, note.created_at) for note in page.items]
        return Page(items=items, next_cursor=page.next_cursor), None
    after = decode_cursor(cursor) if cursor else None
    if following_lists.usable():
        found = following_lists.page(
            viewer, following_shown, after, limit, name="following", extra=extra
        )
        if found is not None:
            listed, more, facts = found
            return _entries_page([TimelineEntry(pk, at) for pk, at in listed], more), facts
    rows = cards.newest_shown(viewer, following_shown, after, limit + 1, name="following")
    entries = [TimelineEntry(pk, created_at) for pk, created_at in rows[:limit]]
    return _entries_page(entries, len(rows) > limit), None


def _entries_page(entries: list[TimelineEntry], more: bool) -> Page:
    last = entries[-1] if entries else None
    next_cursor = encode_cursor(last.created_at, last.pk) if more and last else None
    return Page(items=entries, next_cursor=next_cursor)
