"""The following timeline as a lookup: each reader's newest candidate notes kept in process memory.

A reader's list holds the ids and times of the newest LIST_LENGTH notes by the people they follow,
newest first, whatever those notes' state: private, held, removed, withheld, by someone muted or
blocked. It says which notes *may* be on a page, never which are: every page asks the database,
in the one compiled question that also reads the page's facts (crossnote.feeds.cards.page_facts
through selectors.following_shown: the visibility rule, the follow and the mute as they are now),
which of the candidates the reader may see now. So a list may be older than the notes' states and
nothing stale is served; what it must never miss is a candidate.

Each page first reads the list's freshness mark, in one query of index look-ups: the newest note
id anywhere, and the count and newest id of the reader's own follows. A new note (by anyone)
changes the first, and the notes newer than the list's mark by the people the reader follows are
merged in (a delta read on the primary key); a follow or unfollow changes the second, and the list
is made again. Deleting a note changes neither: it is simply no longer among the page's facts.

That the newest id is a sound mark needs ids committed in the order they are given, which SQLite
guarantees (one writer at a time, AUTOINCREMENT). On other databases a transaction holding a lower
id may commit after one holding a higher id, so there lists are not kept and every page is asked
of the database (crossnote.feeds.cards.newest_shown), as it is with Redis timelines.

A list holds two arrays of 64-bit integers (times in microseconds, ids): ~3 kB a reader.
"""

import bisect
from array import array
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection

from crossnote.core.memo import BoundedMemo
from crossnote.feeds import cards
from crossnote.notes.models import Note
from crossnote.social.models import Follow

LIST_LENGTH = 200  # newest candidates kept per reader: ten API pages; older pages ask the database
DELTA_LIMIT = 5_000  # new notes anywhere since a list's mark read as a delta; more: made again
MEMO_SIZE = 10_000  # readers' lists per process
# Candidates asked beyond the page's, for the few the reader may not see (on the 1M-note world
# about 1 in 100 candidates: a page's facts cost ~20 us more per note asked, a second question
# ~150 us, needed by one first page in five with no slack and one in fifty with one).
SLACK = 1

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

_lists: BoundedMemo = BoundedMemo(MEMO_SIZE)
cards.forget_with(_lists.forget)


@dataclass(frozen=True)
class CandidateList:
    """A reader's candidates, newest first by (created_at, id); `complete`: every note by the
    people followed is in it (else older ones exist beyond its end)."""

    newest_note: int  # the newest note id anywhere when the list was read
    follows: str  # the reader's follows' mark when the list was read
    times: array  # created_at in microseconds since the epoch
    ids: array
    complete: bool

    def position_after(self, after: tuple[datetime, int] | None) -> int:
        """Index of the first candidate strictly older than the keyset `after`."""
        if after is None:
            return 0
        key = (-_micros(after[0]), -int(after[1]))
        times, ids = self.times, self.ids
        return bisect.bisect_right(range(len(ids)), key, key=lambda i: (-times[i], -ids[i]))

    def created_at(self, index: int) -> datetime:
        return _EPOCH + self.times[index] * _MICROSECOND


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


def usable() -> bool:
    """Whether lists may be kept on this connection (ids commit in order: SQLite)."""
    return connection.vendor == "sqlite"


def _marks(reader_id: int) -> tuple[int, str]:
    notes = connection.ops.quote_name(Note._meta.db_table)
    follows = connection.ops.quote_name(Follow._meta.db_table)
    sql = (
        f"SELECT (SELECT MAX(id) FROM {notes}), "  # noqa: S608 - quoted table names only
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {follows} WHERE follower_id = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [reader_id])
        newest, follows_mark = cursor.fetchone()
    return int(newest or 0), str(follows_mark)


def _followed(reader_id: int):
    return Follow.objects.filter(follower_id=reader_id).values("followee_id")


def _build(reader_id: int, newest: int, follows: str) -> CandidateList:
    rows = list(
        Note.objects.filter(author_id__in=_followed(reader_id))
        .order_by("-created_at", "-id")
        .values_list("id", "created_at")[: LIST_LENGTH + 1]
    )
    complete = len(rows) <= LIST_LENGTH
    rows = rows[:LIST_LENGTH]
    times = array("q", (_micros(created) for _pk, created in rows))
    return CandidateList(newest, follows, times, array("q", (pk for pk, _c in rows)), complete)


def candidates(viewer) -> CandidateList:
    """The reader's current list (read, merged or made now as its marks say)."""
    reader_id = int(viewer.pk)
    newest, follows = _marks(reader_id)
    key = (connection.alias, reader_id)
    kept = _lists.recall(key)
    if kept is not None and kept.follows == follows and kept.newest_note == newest:
        return kept
    if (
        kept is not None
        and kept.follows == follows
        and kept.newest_note < newest <= kept.newest_note + DELTA_LIMIT
    ):
        fresh = _merge(reader_id, kept, newest)
    else:
        fresh = _build(reader_id, newest, follows)
    _lists.remember(key, fresh)
    return fresh


def _merge(reader_id: int, old: CandidateList, newest: int) -> CandidateList:
    """`old` with the notes after its mark by the people followed (the follows are unchanged)."""
    rows = list(
        Note.objects.filter(pk__gt=old.newest_note, author_id__in=_followed(reader_id))
        .order_by()
        .values_list("id", "created_at")
    )
    known = set(old.ids)
    added = [(-_micros(created), -pk) for pk, created in rows if pk not in known]
    if not added:
        return CandidateList(newest, old.follows, old.times, old.ids, old.complete)
    keyed = [(-t, -pk) for t, pk in zip(old.times, old.ids, strict=True)] + added
    keyed.sort()
    # A cut list holds exactly LIST_LENGTH notes, so a new note older than its end (an import)
    # is cut again here: notes between it and the end are not in the list either.
    complete = old.complete and len(keyed) <= LIST_LENGTH
    keyed = keyed[:LIST_LENGTH]
    times = array("q", (-t for t, _pk in keyed))
    return CandidateList(
        newest, old.follows, times, array("q", (-pk for _t, pk in keyed)), complete
    )


def page(viewer, shown_for, after, limit: int, *, name: str, extra: tuple[str, ...] = ()):
    """(the page's [(note id, created_at)] newest first, whether more follow, the facts of the
    page's notes as cards.page_facts gives them) of the notes the reader may see now after the
    keyset `after`, from the reader's list; None when the page reaches past the list's end (the
    caller asks the database)."""
    listed = candidates(viewer)
    want = limit + 1
    position = listed.position_after(after)
    chosen: list[int] = []  # positions in the list
    facts: dict = {}
    ask = want + SLACK
    rounds = 0
    while len(chosen) < want:
        ids = listed.ids[position : position + ask]
        if not ids:
            if listed.complete:
                break
            return None
        shown = cards.page_facts(viewer, shown_for, list(ids), name=name, extra=extra)
        for offset, pk in enumerate(ids):
            if pk in shown:
                chosen.append(position + offset)
                facts[pk] = shown[pk]
                if len(chosen) == want:
                    break
        position += len(ids)
        rounds += 1
        ask = (want - len(chosen)) * 4**rounds + SLACK  # what is missing, and more each round
    more = len(chosen) > limit
    entries = [(listed.ids[i], listed.created_at(i)) for i in chosen[:limit]]
    return entries, more, {pk: facts[pk] for pk, _created in entries}
