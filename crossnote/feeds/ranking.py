"""Explore ranking: candidate generation, scoring, author diversity, and why each note is shown.

A page of explore is made in four steps, each a constant number of queries whatever the page size:

1. Candidates, each source bounded by SOURCE_SIZE and served by an index: the newest public notes;
   the most engaged-with notes of the last POPULAR_WINDOW (shared by every reader, cached for
   POPULAR_TTL seconds); the newest notes in the topics the reader picked (one UNION ALL over
   the note–topic index, per topic); notes by authors followed by the people the reader follows.
2. One query reads the candidates through the visibility choke point (crossnote.notes.policies:
   visibility, blocks, regional withholding, inactive authors) and drops limited notes (never
   recommended) and muted authors; one more counts each candidate's comments written in another
   language than the note ("well received across languages"). Both are SQL compiled once per
   kind of reader; the newest notes and the cross-language counts, the same for every reader,
   are kept per process under the newest note and comment ids and the popular list's minute.
3. Scoring in Python: engagement (likes, collects ×2, comments ×3) decayed by age, freshness,
   source boosts, the reader's languages (notes in other languages sink unless well received
   across languages, which lifts them for everyone), a content-warning penalty.
4. Diversity: no author twice on a screen (one page) while other authors are left; a screen with
   only one author's notes left is still filled.

The ranked pool is cached per reader and moment (`as_of`, carried in the cursor) so later pages
continue the same order without repeats; when the pool is used up, explore goes on with every
other visible note, newest first (keyset on created_at, id).
"""

import contextvars
import math
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from crossnote.core import pgnews
from crossnote.core.memo import BoundedMemo
from crossnote.core.sql import planned_cursor
from crossnote.core.tasks import enqueue, uses_broker
from crossnote.feeds import cards
from crossnote.feeds.models import TopicInterest
from crossnote.notes import policies
from crossnote.notes.models import Comment, ModerationState, Note, Topic, Visibility
from crossnote.social.models import Follow
from crossnote.social.selectors import muted_authors

SOURCE_SIZE = 150
TOPIC_SOURCE_SIZE = 60  # per picked topic
NETWORK_AUTHORS = 50
NETWORK_FOLLOWEES = 200
POPULAR_WINDOW = timedelta(days=7)
POPULAR_TTL = 60
POOL_TTL = 30 * 60
RECOMMENDABLE = (ModerationState.VISIBLE, ModerationState.LABELLED)

# Scoring weights (dimensionless; tuned on the synthetic world, see docs/operating/feeds.md).
AGE_SCALE_HOURS = 24.0
GRAVITY = 1.5
FRESH_HOURS = 6.0
FRESH_WEIGHT = 0.8
TOPIC_FACTOR = 2.0
NETWORK_FACTOR = 1.5
PERSONAL_EVERY = 3  # every third slot goes to a picked-topic or network note, when there is one
CROSS_LANGUAGE_MIN = 2
CROSS_LANGUAGE_SHARE = 0.2
CROSS_LANGUAGE_BOOST = 0.5
OTHER_LANGUAGE_FACTOR = 0.4
LABELLED_FACTOR = 0.7


@dataclass
class Candidate:
    """A note that may be recommended, with what scoring needs and why it is here."""

    id: int
    author_id: int
    created_at: datetime
    language: str
    likes: int
    collects: int
    comments: int
    moderation: str
    sources: set[str] = field(default_factory=set)
    topic: str = ""
    cross_language: int = 0
    score: float = 0.0
    reasons: list[dict] = field(default_factory=list)


def _ids_in(model, column: str, ids) -> RawSQL:
    """`column IN (…)` for hundreds of integer ids without Django preparing each one (that
    preparation was a tenth of an explore request); the ids are ints, so inlining is safe."""
    table = connection.ops.quote_name(model._meta.db_table)
    listed = ",".join(str(int(pk)) for pk in ids) or "NULL"
    sql = f"{table}.{connection.ops.quote_name(column)} IN ({listed})"
    return RawSQL(sql, [], BooleanField())  # noqa: S611 - only ints and quoted names


def _base_notes(as_of: datetime):
    return Note.objects.filter(
        visibility=Visibility.PUBLIC, moderation__in=RECOMMENDABLE, created_at__lte=as_of
    )


def recent_ids(as_of: datetime) -> list[int]:
    """The newest public notes (index: visibility, -created_at, -id)."""
    notes = _base_notes(as_of).order_by("-created_at", "-id")
    return list(notes.values_list("id", flat=True)[:SOURCE_SIZE])


# What every reader's ranking shares is kept in each process under a shared mark (the newest
# note and comment ids, and the POPULAR_TTL bucket, as the popular list is): the newest notes and
# the cross-language comment counts were a quarter of a pool's ranking, asked again for each
# reader. A new note or comment changes the mark at once; a note or comment hidden or shown by
# moderation shows in these lists within POPULAR_TTL (what a reader may see is asked per reader
# in the candidates' facts query, and again at every page).
RECENT_MARGIN = 20  # newest notes kept beyond SOURCE_SIZE, for readers whose as_of is earlier
_shared_lists: BoundedMemo = BoundedMemo(16)


def _shared_mark(as_of: datetime) -> tuple:
    notes = connection.ops.quote_name(Note._meta.db_table)
    comments = connection.ops.quote_name(Comment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(id) FROM {notes}), (SELECT MAX(id) FROM {comments})")  # noqa: S608
        newest_note, newest_comment = cursor.fetchone()
    return (connection.alias, int(as_of.timestamp()) // POPULAR_TTL, newest_note, newest_comment)


def _shared_for(mark: tuple) -> dict:
    lists = _shared_lists.recall(mark)
    if lists is None:
        lists = {"recent": None, "cross_language": {}}
        _shared_lists.remember(mark, lists)
    return lists


def shared_recent_ids(mark: tuple, as_of: datetime) -> list[int]:
    """recent_ids(as_of) from the newest notes kept under `mark` (read after the mark, so any
    note newer than the mark is in the list, and left out here by its time like any other)."""
    lists = _shared_for(mark)
    newest = lists["recent"]
    if newest is None:
        notes = Note.objects.filter(
            visibility=Visibility.PUBLIC, moderation__in=RECOMMENDABLE
        ).order_by("-created_at", "-id")
        newest = lists["recent"] = list(
            notes.values_list("id", "created_at")[: SOURCE_SIZE + RECENT_MARGIN]
        )
    ids = [pk for pk, created_at in newest if created_at <= as_of][:SOURCE_SIZE]
    if len(ids) < SOURCE_SIZE and len(newest) == SOURCE_SIZE + RECENT_MARGIN:
        return recent_ids(as_of)  # as_of is older than the margin reaches: ask
    return ids


def popular_ids(as_of: datetime) -> list[int]:
    """The most engaged-with notes of the last POPULAR_WINDOW, shared by all readers and cached
    for POPULAR_TTL seconds (a minute-old list of popular notes is as good as a fresh one)."""
    bucket = int(as_of.timestamp()) // POPULAR_TTL
    key = f"feeds:popular:{bucket}"
    ids = cache.get(key)
    if ids is None:
        engagement = F("like_count") + 2 * F("collect_count") + 3 * F("comment_count")
        notes = (
            _base_notes(as_of)
            .filter(created_at__gt=as_of - POPULAR_WINDOW)
            .annotate(engagement=engagement)
            .filter(engagement__gt=0)
            .order_by("-engagement", "-id")
        )
        ids = list(notes.values_list("id", flat=True)[:SOURCE_SIZE])
        cache.set(key, ids, POPULAR_TTL * 2)
    return ids


def picked_topics(viewer) -> dict[int, str]:
    """{topic id: name} of the topics `viewer` picked, with every other name of their subjects
    under the picked name (picking #cats brings the #猫 notes too)."""
    if not getattr(viewer, "is_authenticated", False):
        return {}
    rows = TopicInterest.objects.filter(user=viewer).values_list(
        "topic_id", "topic__name", "topic__canonical_id"
    )
    picked = {topic_id: name for topic_id, name, _root in rows}
    if not picked:
        return {}
    root_name = {(root or topic_id): name for topic_id, name, root in rows}
    linked = Topic.objects.filter(
        Q(pk__in=list(root_name)) | Q(canonical_id__in=list(root_name))
    ).values_list("pk", "canonical_id")
    for topic_id, root in linked:
        picked.setdefault(topic_id, root_name[root or topic_id])
    return picked


def topic_note_ids(topic_ids, as_of: datetime) -> list[tuple[int, int]]:
    """(note id, topic id) of the newest notes in each topic: one UNION ALL of per-topic
    LIMITed index scans, so a topic with a million notes costs what a small one does."""
    if not topic_ids:
        return []
    through = Note.topics.through._meta.db_table
    part = (
        f"SELECT * FROM (SELECT note_id, topic_id FROM {through} "  # noqa: S608 - table name only
        f"WHERE topic_id = %s ORDER BY id DESC LIMIT {TOPIC_SOURCE_SIZE}) AS t{{n}}"
    )
    sql = " UNION ALL ".join(part.format(n=n) for n in range(len(topic_ids)))
    with connection.cursor() as cursor:
        cursor.execute(sql, list(topic_ids))
        return [(row[0], row[1]) for row in cursor.fetchall()]


def network_note_ids(viewer, as_of: datetime) -> list[int]:
    """Newest notes by the authors most followed by the people `viewer` follows (whom the
    reader does not follow yet)."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    follows = connection.ops.quote_name(Follow._meta.db_table)
    # One statement (as the ORM's two asked it): the authors most followed by the reader's
    # NETWORK_FOLLOWEES newest follows, leaving out whom the reader follows and the reader.
    sql = (
        f"SELECT f.followee_id FROM {follows} f WHERE f.follower_id IN ("  # noqa: S608
        f"SELECT n.followee_id FROM {follows} n WHERE n.follower_id = %s "
        f"ORDER BY n.created_at DESC LIMIT {NETWORK_FOLLOWEES}) "
        f"AND f.followee_id NOT IN (SELECT m.followee_id FROM {follows} m WHERE m.follower_id = %s) "
        f"AND f.followee_id <> %s "
        f"GROUP BY f.followee_id ORDER BY COUNT(f.id) DESC, f.followee_id LIMIT {NETWORK_AUTHORS}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [viewer.pk] * 3)
        authors = [row[0] for row in cursor.fetchall()]
    author_ids = list(authors)
    if not author_ids:
        return []
    return newest_by_authors(author_ids, as_of - POPULAR_WINDOW * 4, as_of)


def newest_by_authors(author_ids, since: datetime, as_of: datetime) -> list[int]:
    """The SOURCE_SIZE newest recommendable public notes by these authors written after `since`:
    one UNION ALL of per-author LIMITed scans of the (author, -created_at) index. Asked as one
    `author_id IN (…) ORDER BY created_at` the planners walked the (visibility, created_at)
    index through every public note of the window (four weeks) to find fifty authors' notes:
    a third of a pool's ranking."""
    notes = connection.ops.quote_name(Note._meta.db_table)
    states = ", ".join("%s" for _state in RECOMMENDABLE)
    part = (
        f"SELECT * FROM (SELECT id, created_at FROM {notes} "  # noqa: S608 - table name only
        f"WHERE author_id = %s AND visibility = %s AND moderation IN ({states}) "
        f"AND created_at > %s AND created_at <= %s "
        f"ORDER BY created_at DESC LIMIT {SOURCE_SIZE}) AS a{{n}}"
    )
    sql = " UNION ALL ".join(part.format(n=n) for n in range(len(author_ids)))
    window = [_adapt(since), _adapt(as_of)]
    params: list = []
    for author_id in author_ids:
        params += [int(author_id), Visibility.PUBLIC, *RECOMMENDABLE, *window]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY 2 DESC, 1 DESC LIMIT {SOURCE_SIZE}", params)
        return [row[0] for row in cursor.fetchall()]


def _adapt(moment: datetime):
    """A datetime as the database's driver takes it in raw SQL (what the ORM would pass)."""
    return connection.ops.adapt_datetimefield_value(moment)


def gather_candidates(viewer, as_of: datetime) -> dict[int, Candidate]:
    """Every candidate the reader may see, with its sources (steps 1 and 2 above)."""
    sources: dict[int, set[str]] = {}
    mark = _shared_mark(as_of)
    recent = shared_recent_ids(mark, as_of)
    for source, ids in (("recent", recent), ("popular", popular_ids(as_of))):
        for pk in ids:
            sources.setdefault(pk, set()).add(source)
    topics = picked_topics(viewer)
    topic_of: dict[int, str] = {}
    for note_id, topic_id in topic_note_ids(list(topics), as_of):
        sources.setdefault(note_id, set()).add("topic")
        topic_of.setdefault(note_id, topics[topic_id])
    for pk in network_note_ids(viewer, as_of):
        sources.setdefault(pk, set()).add("network")
    if not sources:
        return {}
    rows = cards.compiled_rows("ranking:candidates", _candidates_question, viewer, list(sources))
    candidates = {}
    for pk, author_id, created_at, language, likes, collects, comments, moderation in rows:
        if created_at > as_of:  # not in the compiled question: it changes with every call
            continue
        candidates[pk] = Candidate(
            pk,
            author_id,
            created_at,
            language,
            likes,
            collects,
            comments,
            moderation,
            sources=sources[pk],
            topic=topic_of.get(pk, ""),
        )
    known = _shared_for(mark)["cross_language"]
    missing = [pk for pk in candidates if pk not in known]
    if missing:
        counts = cross_language_counts(missing, viewer)
        known.update({pk: counts.get(pk, 0) for pk in missing})
    for note_id, candidate in candidates.items():
        candidate.cross_language = known[note_id]
    return candidates


CANDIDATE_FACTS = (
    "id",
    "author_id",
    "created_at",
    "language",
    "like_count",
    "collect_count",
    "comment_count",
    "moderation",
)


def _candidates_question(viewer, ids=None):
    """What scoring needs of those of `ids` the reader may be recommended: through the
    visibility choke point, public, never limited, not by someone they muted. Compiled once per
    kind of reader (cards.compiled_rows): building this tree of subqueries with
    the ORM cost more than running it."""
    where = cards.ids_marker() if ids is None else _ids_in(Note, "id", ids)
    return (
        Note.objects.filter(where)
        .filter(policies.visible_notes_filter(viewer), visibility=Visibility.PUBLIC)
        .exclude(moderation=ModerationState.LIMITED)
        .exclude(author_id__in=muted_authors(viewer))
        .values_list(*CANDIDATE_FACTS)
    )


def _cross_language_question(_viewer, ids=None):
    # The ids name the notes table's column: it is joined for the note's language.
    where = cards.ids_marker() if ids is None else _ids_in(Note, "id", ids)
    return (
        Comment.objects.filter(where)
        .exclude(moderation__in=policies.HIDDEN_STATES)
        .exclude(language="")
        .exclude(note__language="")
        .exclude(language=F("note__language"))
        .values("note_id")
        .annotate(n=Count("id"))
        .values_list("note_id", "n")
    )


def cross_language_counts(note_ids, viewer=None) -> dict[int, int]:
    """{note id: comments written in another language than the note} for visible comments
    (the same for every reader; `viewer` only picks the compiled question's slot)."""
    rows = cards.compiled_rows("ranking:cross_language", _cross_language_question, viewer, note_ids)
    return dict(rows)


def score(candidate: Candidate, as_of: datetime, languages: list[str]) -> None:
    """Set `candidate.score` and `candidate.reasons` (strongest reason first)."""
    age_hours = max((as_of - candidate.created_at).total_seconds() / 3600, 0.0)
    engagement = candidate.likes + 2 * candidate.collects + 3 * candidate.comments
    decayed = math.log1p(engagement) / (1 + age_hours / AGE_SCALE_HOURS) ** GRAVITY
    fresh = 1 / (1 + age_hours / FRESH_HOURS)
    value = decayed + FRESH_WEIGHT * fresh
    reasons: list[dict] = []
    if "topic" in candidate.sources:
        value *= TOPIC_FACTOR
        reasons.append({"code": "topic", "topic": candidate.topic})
    if "network" in candidate.sources:
        value *= NETWORK_FACTOR
        reasons.append({"code": "network"})
    # Readers of another language took the trouble to comment: at least CROSS_LANGUAGE_MIN
    # of them, and a CROSS_LANGUAGE_SHARE of all comments (not 3 in 300).
    well_received = (
        candidate.cross_language >= CROSS_LANGUAGE_MIN
        and candidate.cross_language >= CROSS_LANGUAGE_SHARE * candidate.comments
    )
    if well_received:
        value += CROSS_LANGUAGE_BOOST
        reasons.append({"code": "cross_language", "count": candidate.cross_language})
    if languages and candidate.language and candidate.language not in languages:
        if not well_received:
            value *= OTHER_LANGUAGE_FACTOR
    elif languages and candidate.language in languages:
        reasons.append({"code": "language", "language": candidate.language})
    if candidate.moderation == ModerationState.LABELLED:
        value *= LABELLED_FACTOR
    if "popular" in candidate.sources:
        reasons.append({"code": "popular", "engagement": engagement})
    if age_hours < 24:
        reasons.append({"code": "fresh"})
    if not reasons or reasons[0]["code"] == "language":
        reasons.append({"code": "recent"})
    # Language alone is not a reason to show a note: lead with what picked it.
    reasons.sort(key=lambda r: r["code"] == "language")
    candidate.score = value
    candidate.reasons = reasons


def rank(candidates, as_of: datetime, languages: list[str]) -> list[Candidate]:
    """Candidates by score, best first (ties: newer first), with every PERSONAL_EVERY-th slot
    (the 2nd, 5th, 8th …) given to the best remaining note from the reader's picked topics or
    network: popular notes score higher, and a new reader's picks must still show (cold start)."""
    for candidate in candidates:
        score(candidate, as_of, languages)
    ordered = sorted(candidates, key=lambda c: (-c.score, -c.created_at.timestamp(), -c.id))
    personal = [c for c in ordered if c.sources & {"topic", "network"}]
    if not personal:
        return ordered
    placed: set[int] = set()
    result: list = []
    general, mine = iter(ordered), iter(personal)
    while len(result) < len(ordered):
        source = mine if len(result) % PERSONAL_EVERY == 1 else general
        item = next((c for c in source if c.id not in placed), None)
        if item is None:
            item = next(c for c in ordered if c.id not in placed)
        placed.add(item.id)
        result.append(item)
    return result


def diversify(ranked: list, screen: int, author=lambda c: c.author_id) -> list:
    """Reorder so no author appears twice on a screen of `screen` items while notes by other
    authors remain; otherwise keep rank order. Stable and O(n × screen)."""
    remaining = list(ranked)
    ordered = []
    while remaining:
        seen: set = set()
        taken: list = []
        deferred: list = []
        for item in remaining:
            if len(taken) < screen and author(item) not in seen:
                taken.append(item)
                seen.add(author(item))
            else:
                deferred.append(item)
        # Fewer authors than a screen: fill it with the best of the repeats, in rank order.
        while len(taken) < screen and deferred:
            taken.append(deferred.pop(0))
        ordered.extend(taken)
        remaining = deferred
    return ordered


def reader_key(viewer, languages: list[str], screen: int) -> str:
    who = viewer.pk if getattr(viewer, "is_authenticated", False) else "anon"
    region = policies.viewer_region(viewer)
    return f"{who}:{region}:{','.join(languages)}:{screen}"


def _build_pool(viewer, as_of: datetime, languages: list[str], screen: int) -> list[dict]:
    ranked = rank(gather_candidates(viewer, as_of).values(), as_of, languages)
    return [
        {"id": c.id, "author_id": c.author_id, "reasons": c.reasons}
        for c in diversify(ranked, screen)
    ]


def ranked_pool(
    viewer, as_of: datetime, languages: list[str], screen: int, *, shared: bool = False
) -> list[dict]:
    """The ranked, diversified pool made at `as_of` as [{id, author_id, reasons}] (a later page:
    cached under the reader and `as_of` for POOL_TTL, remade if it expired). `shared`: the pool
    of the visitors of the reader's region and languages that a cold reader's first page came
    from (first_pool), so later pages continue that order."""
    if shared:
        viewer = visitor_of(policies.viewer_region(viewer))
    key = f"feeds:pool:{reader_key(viewer, languages, screen)}:{as_of.timestamp():.6f}"
    pool = cache.get(key)
    if pool is None:
        pool = _build_pool(viewer, as_of, languages, screen)
        cache.set(key, pool, POOL_TTL)
    return pool


def first_pool(viewer, languages: list[str], screen: int) -> tuple[datetime, list[dict], int]:
    """(as_of, the pool's first `screen` entries, the pool's size) for a first page (see
    first_pool_of, which also says whether the head is the visitors' shared one)."""
    as_of, head, size, _shared = first_pool_of(viewer, languages, screen)
    return as_of, head, size


def first_pool_of(
    viewer, languages: list[str], screen: int
) -> tuple[datetime, list[dict], int, bool]:
    """(as_of, the pool's first `screen` entries, the pool's size, shared) for a first page.

    A signed-in explore page is a look-up: the reader's ranked pool is made in the background
    and read by slice. The head kept for the reader (all visitors of one region and language
    share one) is served as long as one exists; when it went stale (a note, comment, topic pick
    or follow was written since, `freshness`, or it is older than CROSSNOTE_EXPLORE_CACHE_SECONDS)
    it is still served and a refresh is queued (crossnote.feeds.tasks.refresh_explore, at most
    once per reader every REFRESH_EVERY_SECONDS).

    A cold reader (no head of their own: new, or unseen for POOL_TTL) is served at once the head
    ranked for the visitors of their region and languages (`shared` is then True, and the
    cursor says so, so later pages continue that pool); when they come back (a first page again
    within POOL_TTL) their own pool is ranked in the background, not for a reader who reads
    one page and leaves (_came_back). The shared head is re-checked for them like any other
    (their blocks both ways, mutes, withholding, removals) and carries their liked and collected
    marks; their picked topics and network show once their own pool is made (the refresh, moments
    after they come back); one who picked a topic, followed someone or posted since the shared
    head was ranked is ranked now.
    Only a cold reader whose region and languages have no shared head yet waits for the ranking
    (of their own pool; the shared head is then ranked in the background for the next one).
    A reader whose own follows, topic picks or notes changed is ranked at once (their action
    takes effect on their next page, as the topic picker promises).

    Shown notes are re-checked for visibility at every page, so a stale or shared pool never
    shows what was removed, withheld or blocked since. Only the first screen is kept under the
    head's key (the whole pool, for later pages, under ranked_pool's): unpickling a thousand
    entries was a third of a signed-in explore request."""
    ttl = settings.CROSSNOTE_EXPLORE_CACHE_SECONDS
    if ttl <= 0:
        now = timezone.now()
        pool = ranked_pool(viewer, now, languages, screen)
        return now, pool[:screen], len(pool), False
    reader = reader_key(viewer, languages, screen)
    fresh, own = _freshness_marks(viewer)
    now = timezone.now()
    cached = _heads.get(reader)
    if cached is None or not _is_current(cached, fresh, own, now, ttl):
        # Only a head that is current may be served from this process's memory: a stale one
        # may have been refreshed meanwhile (by the background task, in any process).
        cached = cache.get(f"feeds:head:{reader}")
        if cached is not None:
            _remember_head(reader, cached)
    if cached is None and getattr(viewer, "is_authenticated", False):
        # Cold: the visitors' head for the reader's region and languages now, theirs soon.
        visitor = visitor_of(policies.viewer_region(viewer))
        shared_key = reader_key(visitor, languages, screen)
        shared = _shared_head(shared_key, now, ttl)
        if shared is None or not _is_current(shared, fresh, "", now, ttl):
            _queue_refresh(visitor, languages, screen, shared_key)
        if shared is not None and not _acted_since(own, shared.get("fresh", "")):
            if _came_back(reader):
                _queue_refresh(viewer, languages, screen, reader)
            return shared["as_of"], shared["head"], shared["size"], True
    if cached is None or cached.get("own") != own:
        # None yet, or the reader's own follows or topic picks changed: their action takes
        # effect on their next page, as the topic picker promises.
        cached = build_first_pool(viewer, languages, screen)
    elif not _is_current(cached, fresh, own, now, ttl):
        _queue_refresh(viewer, languages, screen, reader)
        served_stale.set(True)
    return cached["as_of"], cached["head"], cached["size"], False


def _came_back(reader: str) -> bool:
    """Whether this cold reader was served the shared head before, within POOL_TTL. Their own
    pool is ranked only then: ranking it cost 4x what serving them the shared head does, and
    a reader who reads one page and leaves (most new readers) never sees it. The first time
    marks them (one cache add, as the refresh's claim is) and ranks nothing."""
    return not cache.add(f"feeds:cold:{reader}", 1, POOL_TTL)


def _acted_since(own: str, fresh: str) -> bool:
    """Whether the reader picked a topic, followed someone or posted a note after the shared
    head was ranked (their newest of each is newer than the newest of all then): their action
    takes effect on their next page, so they are ranked now."""
    try:
        picks, follows, notes = (int(part.split(":")[1]) for part in own.split("."))
        newest_note, _comment, newest_pick, newest_follow = (int(x) for x in fresh.split("."))
    except ValueError:
        return True  # a mark of another shape: rank rather than guess
    return picks > newest_pick or follows > newest_follow or notes > newest_note


def visitor_of(region: str):
    """An anonymous reader of `region` (as the middleware makes a visitor)."""
    from django.contrib.auth.models import AnonymousUser

    visitor = AnonymousUser()
    visitor.region = region  # type: ignore[attr-defined]  # read by policies.viewer_region
    return visitor


def _shared_head(key: str, now: datetime, ttl: int) -> dict | None:
    """The visitors' head kept under reader `key` within POOL_TTL, stale or not: its notes are
    re-checked for the reader at every page, and it stands in for the reader's own for moments."""
    head = _heads.get(key)
    if head is None or now - head["as_of"] > timedelta(seconds=ttl):
        head = cache.get(f"feeds:head:{key}")
        if head is not None:
            _remember_head(key, head)
    return head


# Heads read from the shared cache, kept in each process while they are current (the same
# freshness and own marks, younger than the cache's seconds): unpickling a head from the cache
# table was a fifth of a signed-in explore request.
HEADS_KEPT = 5_000
_heads: BoundedMemo = BoundedMemo(HEADS_KEPT)


def _is_current(cached: dict, fresh: str, own: str, now: datetime, ttl: int) -> bool:
    return (
        cached.get("fresh") == fresh
        and cached.get("own") == own
        and now - cached["as_of"] <= timedelta(seconds=ttl)
    )


def _remember_head(reader: str, head: dict) -> None:
    _heads.remember(reader, head)


def forget_heads() -> None:
    """Empty this process's kept heads and shared lists (tests: the cache they came from was
    emptied)."""
    _heads.forget()
    _shared_lists.forget()
    _marks.forget()


cards.forget_with(forget_heads)


# Set when first_pool served a stale head in this request (thread / context): the visitors' shared
# page (crossnote.feeds.api) is not kept then, so the refreshed pool shows on the next request.
served_stale: contextvars.ContextVar[bool] = contextvars.ContextVar("served_stale", default=False)


def build_first_pool(viewer, languages: list[str], screen: int) -> dict:
    """Rank the reader's pool now and keep its head (and the whole pool, for later pages) for
    POOL_TTL: {as_of, head, size, fresh, own}."""
    fresh, own = _freshness_marks(viewer)
    now = timezone.now()
    pool = _build_pool(viewer, now, languages, screen)
    reader = reader_key(viewer, languages, screen)
    first = {"as_of": now, "head": pool[:screen], "size": len(pool), "fresh": fresh, "own": own}
    cache.set_many(
        {f"feeds:head:{reader}": first, f"feeds:pool:{reader}:{now.timestamp():.6f}": pool},
        POOL_TTL,
    )
    _remember_head(reader, first)
    return first


# A reader's pool is ranked in the background at most once per this many seconds: where notes
# and comments arrive all the time every head is stale at every request, and without the claim
# each active reader would be re-ranked after each write. (A claim outlives a lost task too.)
REFRESH_EVERY_SECONDS = 10


def _queue_refresh(viewer, languages: list[str], screen: int, reader: str) -> None:
    from crossnote.feeds import tasks

    if not cache.add(f"feeds:refreshing:{reader}", 1, REFRESH_EVERY_SECONDS):
        return  # queued or made for this reader moments ago
    authenticated = getattr(viewer, "is_authenticated", False)
    enqueue(
        tasks.refresh_explore,
        viewer.pk if authenticated else None,
        policies.viewer_region(viewer),
        list(languages),
        screen,
    )


# On the embedded default (no broker) each queued refresh runs in a thread of the web process
# that queued it: a burst of readers (a server's first seconds, everyone's head going stale
# at once after a write) ran as many rankings side by side, each taking turns at the GIL with
# the requests. They run one at a time per process instead: the same CPU, spread out.
_one_ranking_at_a_time = threading.Lock()


def refresh_first_pool(user_id, region: str, languages: list[str], screen: int) -> None:
    """The background half of first_pool: rank the pool of this reader (a person, or a visitor
    of `region`) again (one at a time in a web process, see above)."""
    if uses_broker():
        _refresh_first_pool(user_id, region, languages, screen)
        return
    with _one_ranking_at_a_time:
        _refresh_first_pool(user_id, region, languages, screen)


def _refresh_first_pool(user_id, region: str, languages: list[str], screen: int) -> None:
    viewer: Any
    if user_id is None:
        viewer = visitor_of(region)
    else:
        viewer = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if viewer is None:
            return
    build_first_pool(viewer, languages, screen)


def _freshness_sql() -> list[str]:
    tables = [
        Note._meta.db_table,
        Comment._meta.db_table,
        TopicInterest._meta.db_table,
        Follow._meta.db_table,
    ]
    return [
        f"(SELECT MAX(id) FROM {connection.ops.quote_name(t)})"  # noqa: S608 - table names
        for t in tables
    ]


def freshness() -> str:
    """The newest note, comment, topic pick and follow ids, in one query of four index look-ups:
    it changes whenever one is written, and cannot be evicted like a cached counter could."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(_freshness_sql())}")
        return ".".join(str(value or 0) for value in cursor.fetchone())


def _own_mark_sql() -> list[str]:
    """The reader's own mark, three parts "how many:newest id": their topic picks (counted: a
    handful), follows and notes (how many from their row's counters, which follow_user,
    unfollow_user and the note services keep; the newest id from an index that ends in the id,
    one probe). Counting a reader's notes or follows at every page cost 4 ms on SQLite and up to
    230 ms on PostgreSQL for an account with 44,000 notes, and on PostgreSQL made the statement
    planned again at every execution (bench/README, 2026-12-07)."""
    quote = connection.ops.quote_name
    picks = quote(TopicInterest._meta.db_table)
    follows = quote(Follow._meta.db_table)
    notes = quote(Note._meta.db_table)
    people = quote(get_user_model()._meta.db_table)
    return [
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {picks} WHERE user_id = %s)",  # noqa: S608
        f"(SELECT following_count || ':' || COALESCE((SELECT MAX(id) FROM {follows} "  # noqa: S608
        f"WHERE follower_id = %s), 0) FROM {people} WHERE id = %s)",
        f"(SELECT note_count || ':' || COALESCE((SELECT MAX(id) FROM {notes} "  # noqa: S608
        f"WHERE author_id = %s), 0) FROM {people} WHERE id = %s)",
    ]


# On PostgreSQL, each reader's marks as last read, with the generation of the database's news
# they were read at (crossnote.core.pgnews): every write that moves a mark (a note, comment,
# topic pick or follow written or deleted) is announced, so while the generation is the same
# the marks are too, and the statement is not asked again.
_marks: BoundedMemo = BoundedMemo(HEADS_KEPT)


def _freshness_marks(viewer) -> tuple[str, str]:
    """(freshness(), the reader's own mark: their newest topic pick, follow and note and how
    many of each), in one query. The own mark changes when the reader picks topics, follows or
    unfollows someone, or posts or deletes a note (their new note is on their next page)."""
    generation = pgnews.generation()
    key = viewer.pk if getattr(viewer, "is_authenticated", False) else None
    if generation is not None:
        kept = _marks.get(key)
        if kept is not None and kept[0] == generation:
            return kept[1], kept[2]
    fresh, own = _asked_marks(viewer)
    if generation is not None:
        _marks.remember(key, (generation, fresh, own))
    return fresh, own


def _asked_marks(viewer) -> tuple[str, str]:
    parts = _freshness_sql()
    params: list = []
    if getattr(viewer, "is_authenticated", False):
        parts += _own_mark_sql()
        params = [viewer.pk] * 5
    with planned_cursor(connection) as cursor:  # on every explore page: planned once
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    return ".".join(str(value or 0) for value in row[:4]), ".".join(map(str, row[4:]))


def reader_languages(viewer, fallback: str = "") -> list[str]:
    """The languages the reader reads: from the profile, else the UI language."""
    languages = list(getattr(viewer, "languages", None) or [])
    if not languages and fallback:
        languages = [fallback.split("-")[0].lower()]
    return languages


def older_than(queryset, created_at: datetime, pk: int):
    """Keyset step: rows strictly after (created_at, pk) in newest-first order."""
    return queryset.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk))
