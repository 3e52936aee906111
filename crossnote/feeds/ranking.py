"""Explore ranking: candidate generation, scoring, author diversity, and why each note is shown.

A page of explore is made in four steps, each a constant number of queries whatever the page size:

1. Candidates, each source bounded by SOURCE_SIZE and served by an index: the newest public notes;
   the most engaged-with notes of the last POPULAR_WINDOW (shared by every reader, cached for
   POPULAR_TTL seconds); the newest notes in the topics the reader picked (one UNION ALL over
   the note–topic index, per topic); notes by authors followed by the people the reader follows.
2. One query reads the candidates through the visibility choke point (crossnote.notes.policies:
   visibility, blocks, regional withholding, inactive authors) and drops limited notes (never
   recommended) and muted authors; one more counts each candidate's comments written in another
   language than the note ("well received across languages").
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
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from crossnote.core.tasks import enqueue
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
    mine = Follow.objects.filter(follower=viewer).values("followee_id")
    near = (
        Follow.objects.filter(follower=viewer)
        .order_by("-created_at")
        .values_list("followee_id", flat=True)[:NETWORK_FOLLOWEES]
    )
    authors = (
        Follow.objects.filter(follower_id__in=list(near))
        .exclude(followee_id__in=mine)
        .exclude(followee=viewer)
        .values("followee_id")
        .annotate(n=Count("id"))
        .order_by("-n", "followee_id")
        .values_list("followee_id", flat=True)[:NETWORK_AUTHORS]
    )
    author_ids = list(authors)
    if not author_ids:
        return []
    since = as_of - POPULAR_WINDOW * 4
    notes = _base_notes(as_of).filter(author_id__in=author_ids, created_at__gt=since)
    return list(notes.order_by("-created_at").values_list("id", flat=True)[:SOURCE_SIZE])


def gather_candidates(viewer, as_of: datetime) -> dict[int, Candidate]:
    """Every candidate the reader may see, with its sources (steps 1 and 2 above)."""
    sources: dict[int, set[str]] = {}
    for source, ids in (("recent", recent_ids(as_of)), ("popular", popular_ids(as_of))):
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
    rows = (
        Note.objects.filter(_ids_in(Note, "id", sources), created_at__lte=as_of)
        .filter(policies.visible_notes_filter(viewer), visibility=Visibility.PUBLIC)
        .exclude(moderation=ModerationState.LIMITED)
        .exclude(author_id__in=muted_authors(viewer))
        .values_list(
            "id",
            "author_id",
            "created_at",
            "language",
            "like_count",
            "collect_count",
            "comment_count",
            "moderation",
        )
    )
    candidates = {
        row[0]: Candidate(*row, sources=sources[row[0]], topic=topic_of.get(row[0], ""))
        for row in rows
    }
    for note_id, count in cross_language_counts(list(candidates)).items():
        candidates[note_id].cross_language = count
    return candidates


def cross_language_counts(note_ids) -> dict[int, int]:
    """{note id: comments written in another language than the note} for visible comments."""
    if not note_ids:
        return {}
    rows = (
        Comment.objects.filter(_ids_in(Comment, "note_id", note_ids))
        .exclude(moderation__in=policies.HIDDEN_STATES)
        .exclude(language="")
        .exclude(note__language="")
        .exclude(language=F("note__language"))
        .values("note_id")
        .annotate(n=Count("id"))
        .values_list("note_id", "n")
    )
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


def ranked_pool(viewer, as_of: datetime, languages: list[str], screen: int) -> list[dict]:
    """The ranked, diversified pool made at `as_of` as [{id, author_id, reasons}] (a later page:
    cached under the reader and `as_of` for POOL_TTL, remade if it expired)."""
    key = f"feeds:pool:{reader_key(viewer, languages, screen)}:{as_of.timestamp():.6f}"
    pool = cache.get(key)
    if pool is None:
        pool = _build_pool(viewer, as_of, languages, screen)
        cache.set(key, pool, POOL_TTL)
    return pool


def first_pool(viewer, languages: list[str], screen: int) -> tuple[datetime, list[dict], int]:
    """(as_of, the pool's first `screen` entries, the pool's size) for a first page.

    A signed-in explore page is a look-up: the reader's ranked pool is made in the background
    and read by slice. The head kept for the reader (all visitors of one region and language
    share one) is served as long as one exists; when it went stale (a note, comment, topic pick
    or follow was written since, `freshness`, or it is older than CROSSNOTE_EXPLORE_CACHE_SECONDS)
    it is still served and a refresh is queued (crossnote.feeds.tasks.refresh_explore, at most
    once per reader every REFRESH_EVERY_SECONDS). Only a reader with no head at all (new, or unseen for POOL_TTL) waits
    for the ranking. Shown notes are re-checked for visibility at every page, so a stale pool
    never shows what was removed, withheld or blocked since. Only the first screen is kept under
    the head's key (the whole pool, for later pages, under ranked_pool's): unpickling a thousand
    entries was a third of a signed-in explore request."""
    ttl = settings.CROSSNOTE_EXPLORE_CACHE_SECONDS
    if ttl <= 0:
        now = timezone.now()
        pool = ranked_pool(viewer, now, languages, screen)
        return now, pool[:screen], len(pool)
    reader = reader_key(viewer, languages, screen)
    fresh, own = _freshness_marks(viewer)
    cached = cache.get(f"feeds:head:{reader}")
    if cached is None or cached.get("own") != own:
        # None yet, or the reader's own follows or topic picks changed: their action takes
        # effect on their next page, as the topic picker promises.
        cached = build_first_pool(viewer, languages, screen)
    elif cached.get("fresh") != fresh or timezone.now() - cached["as_of"] > timedelta(seconds=ttl):
        _queue_refresh(viewer, languages, screen, reader)
        served_stale.set(True)
    return cached["as_of"], cached["head"], cached["size"]


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


def refresh_first_pool(user_id, region: str, languages: list[str], screen: int) -> None:
    """The background half of first_pool: rank the pool of this reader (a person, or a visitor
    of `region`) again."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    viewer: Any
    if user_id is None:
        viewer = AnonymousUser()
        viewer.region = region  # read by notes.policies.viewer_region, as the middleware sets it
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


def _freshness_marks(viewer) -> tuple[str, str]:
    """(freshness(), the reader's own mark: their newest topic pick, follow and note and how
    many of each), in one query. The own mark changes when the reader picks topics, follows or
    unfollows someone, or posts or deletes a note (their new note is on their next page)."""
    parts = _freshness_sql()
    params: list = []
    if getattr(viewer, "is_authenticated", False):
        picks = connection.ops.quote_name(TopicInterest._meta.db_table)
        follows = connection.ops.quote_name(Follow._meta.db_table)
        notes = connection.ops.quote_name(Note._meta.db_table)
        parts += [
            f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {picks} WHERE user_id = %s)",  # noqa: S608
            f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {follows} WHERE follower_id = %s)",  # noqa: S608
            f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {notes} WHERE author_id = %s)",  # noqa: S608
        ]
        params = [viewer.pk, viewer.pk, viewer.pk]
    with connection.cursor() as cursor:
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
