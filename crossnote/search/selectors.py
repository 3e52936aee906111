"""Search reads: notes, people and topics matching a query, and suggestions as one types.

Every note result comes from `visible_notes(viewer)`, i.e. through the notes policy
(visibility, moderation state, regional withholding, blocks): the match is added to that
queryset, so a note the reader may not see is never matched. People who turned off
"discoverable in search" are left out with their notes (they still find their own); inactive
people and people blocked either way are never found. Topics are found only when the reader may
see at least one note carrying them.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core.errors import InvalidInput
from crossnote.notes import policies
from crossnote.notes.models import Note, Topic
from crossnote.notes.selectors import visible_notes
from crossnote.search import embeddings
from crossnote.search.engines import NOTES, TOPICS, USERS, get_engine
from crossnote.search.expansion import Query, parse_query
from crossnote.search.models import NoteEmbedding, NoteEntry, RecentSearch, TopicEntry, UserEntry
from crossnote.search.snippets import snippet
from crossnote.search.text import fold, highlight_spans, index_text
from crossnote.search.vectors import get_vector_store
from crossnote.social.selectors import blocked_ids
from crossnote.vision.selectors import photo_texts_by_note

QUERY_MAX = 200
SUGGEST_MAX = 50
MAX_RESULTS = 500  # hard cap on how deep any search may page
RELATED_THRESHOLD = 0.3
RECALL_THRESHOLD = 0.28
TYPES = ("notes", "users", "topics")


@dataclass
class Results:
    """One page of results; `exact` says whether any row matched the query's own words (when
    none did, every row came through a translation of the query)."""

    query: Query
    type: str
    items: list
    offset: int
    next_offset: int | None
    exact: bool = True
    translations: list[str] = field(default_factory=list)
    similar: bool = False  # the words found nothing; these notes are close in meaning


@dataclass
class Hit:
    """What search adds to a row: its snippet, language, and whether only a translation of the
    query matched it."""

    snippet: str = ""
    language: str = ""
    translated: bool = False
    score: float = 0.0
    similar: bool = False  # found by meaning (sentence embeddings), not by words
    in_photo: bool = False  # the words matched only in the text read in a photo (vision)


def clean_query(text: str | None) -> str:
    """The query, whitespace-collapsed; empty or over 200 characters is a 400."""
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput(_("Type something to search for."), field="q")
    if len(text) > QUERY_MAX:
        raise InvalidInput(
            _("A search is at most %(max)d characters.") % {"max": QUERY_MAX}, field="q"
        )
    return text


def clean_type(kind: str | None) -> str:
    kind = kind or "notes"
    if kind not in TYPES:
        raise InvalidInput(
            _("type must be one of: %(types)s.") % {"types": ", ".join(TYPES)}, field="type"
        )
    return kind


def clean_limit(limit: int, most: int) -> int:
    if limit < 1 or limit > most:
        raise InvalidInput(_("limit must be between 1 and %(max)d.") % {"max": most}, field="limit")
    return limit


def _window(offset: int, limit: int) -> tuple[int, int]:
    if offset < 0:
        raise InvalidInput(_("The cursor is not valid."), field="cursor")
    if offset >= MAX_RESULTS:
        return offset, 0
    return offset, min(limit, MAX_RESULTS - offset)


def _findable(viewer) -> Q:
    """Notes whose authors let themselves be found, or the viewer's own."""
    own = Q(author=viewer) if getattr(viewer, "is_authenticated", False) else Q(pk__in=[])
    return Q(author__discoverable=True) | own


def searchable_notes(viewer) -> QuerySet:
    """Notes the viewer may see whose authors let themselves be found (or are the viewer)."""
    return visible_notes(viewer).filter(_findable(viewer))


def search_shown(viewer) -> QuerySet:
    """searchable_notes without images, topics and author joined: what a search matches, and
    the card path's question about a page's ids (crossnote.feeds.cards)."""
    return Note.objects.filter(policies.visible_notes_filter(viewer)).filter(_findable(viewer))


def findable_people(viewer) -> QuerySet:
    """Active, discoverable people, without those blocked by or blocking the viewer."""
    people = User.objects.filter(is_active=True, discoverable=True)
    blocked = blocked_ids(viewer)
    return people.exclude(pk__in=blocked) if blocked else people


def _page(queryset: QuerySet, offset: int, limit: int) -> tuple[list, int | None]:
    offset, limit = _window(offset, limit)
    if limit <= 0:
        return [], None
    rows = list(queryset[offset : offset + limit + 1])
    more = len(rows) > limit and offset + limit < MAX_RESULTS
    return rows[:limit], (offset + limit if more else None)


def _matched(query: Query, tokens: set[str]) -> tuple[bool, set[str]]:
    """Whether the row holds every original token, and which query tokens it holds."""
    exact = bool(query.tokens) and query.tokens <= tokens
    return exact, query.all_tokens & tokens


def _only_in_photo(title: str, body: str, entry, tokens: set[str], photo_text: str) -> str:
    """The photo text when the matched words are in it and not all in the note's own title,
    body and topics (the result then says "text in photo"); else ""."""
    if not photo_text or not tokens or entry is None:
        return ""
    own = set(index_text(f"{title}\n{body}").split()) | set(entry.topics.split())
    if tokens <= own or not tokens & set(index_text(photo_text).split()):
        return ""
    return photo_text


@dataclass
class FoundNote:
    """A note a search found, as its results carry it: its id and title and what search adds
    (`search_hit`). Pages and the API show it as a card (crossnote.feeds.cards), by its id."""

    pk: int
    title: str
    search_hit: Hit

    @property
    def id(self) -> int:
        return self.pk


def search_notes(viewer, text: str, *, offset: int = 0, limit: int = 20) -> Results:
    """Notes the viewer may see, best first (relevance × recency; translated matches count half),
    as FoundNotes (or, found by meaning when no words matched, as notes)."""
    query = parse_query(clean_query(text))
    if not query.terms:
        return Results(query, "notes", [], offset, None)
    queryset = get_engine().match(search_shown(viewer), query, NOTES)
    ranked = queryset.order_by("-search_score", "-id").values_list(
        "id", "title", "body", "language", "search_score"
    )
    rows, next_offset = _page(ranked, offset, limit)
    entries = NoteEntry.objects.in_bulk([row[0] for row in rows])
    in_photos = photo_texts_by_note([row[0] for row in rows])
    notes = []
    for pk, title, body, language, score in rows:
        entry = entries.get(pk)
        exact, tokens = _matched(query, entry.token_set if entry else set())
        photo = _only_in_photo(title, body, entry, tokens, in_photos.get(pk, ""))
        shown = body if highlight_spans(body, tokens) or not tokens else title
        hit = Hit(
            snippet=snippet(photo or shown or title, tokens),
            language=language,
            translated=not exact,
            score=score,
            in_photo=bool(photo),
        )
        notes.append(FoundNote(pk, title, hit))
    if not notes and offset == 0:
        similar = similar_notes(viewer, query.text, limit=limit, threshold=RECALL_THRESHOLD)
        if similar:
            return Results(query, "notes", similar, 0, None, exact=False, similar=True)
    return Results(
        query,
        "notes",
        notes,
        offset,
        next_offset,
        exact=any(not n.search_hit.translated for n in notes) or not notes,
        translations=query.translations,
    )


def _nearest_notes(viewer, target, *, exclude=(), limit: int, threshold: float) -> list[Note]:
    """Visible notes closest to `target`, through the vector store (crossnote.search.vectors)."""
    visible = searchable_notes(viewer)
    ranked = get_vector_store(visible.db).nearest(
        visible, target, exclude=exclude, limit=limit, threshold=threshold
    )
    found = visible.in_bulk([pk for pk, _score in ranked])
    notes = []
    for pk, score in ranked:
        note = found[pk]
        note.search_hit = Hit(
            snippet=snippet(note.body or note.title, set()),
            language=note.language,
            score=score,
            similar=True,
        )
        notes.append(note)
    return notes


def similar_notes(viewer, text: str, *, limit: int = 20, threshold: float = RECALL_THRESHOLD):
    """Notes close in meaning to `text` in any language (empty when embeddings are off)."""
    if not embeddings.available():
        return []
    target = embeddings.embed([text])[0]
    return _nearest_notes(viewer, target, limit=limit, threshold=threshold)


def related_notes(viewer, note: Note, *, limit: int = 6) -> list[Note]:
    """Visible notes closest in meaning to `note`, across languages (empty when embeddings are
    off or the note has no vector yet)."""
    if not embeddings.available():
        return []
    stored = NoteEmbedding.objects.filter(note=note, model=embeddings.MODEL).first()
    target = (
        embeddings.from_bytes(stored.vector)
        if stored
        else embeddings.embed([embeddings.note_text(note)])[0]
    )
    return _nearest_notes(
        viewer, target, exclude=[note.pk], limit=limit, threshold=RELATED_THRESHOLD
    )


def search_users(viewer, text: str, *, offset: int = 0, limit: int = 20) -> Results:
    """Findable people by handle, display name (or its pinyin) and bio."""
    query = parse_query(clean_query(text))
    if not query.terms:
        return Results(query, "users", [], offset, None)
    queryset = get_engine().match(findable_people(viewer), query, USERS)
    people, next_offset = _page(
        queryset.order_by("-search_score", "-follower_count", "-id"), offset, limit
    )
    entries = UserEntry.objects.in_bulk([p.pk for p in people])
    for person in people:
        entry = entries.get(person.pk)
        exact, tokens = _matched(query, entry.token_set if entry else set())
        person.search_hit = Hit(
            snippet=snippet(person.bio, tokens, width=80),
            language=person.bio_language,
            translated=not exact,
            score=person.search_score,
        )
    return Results(query, "users", people, offset, next_offset, translations=query.translations)


def topics_seen_by(viewer) -> Q:
    """Topics carried by at least one note the viewer may see."""
    seen = Note.objects.filter(
        policies.visible_notes_filter(viewer), author__discoverable=True, topics=OuterRef("pk")
    )
    return Q(Exists(seen))


def search_topics(viewer, text: str, *, offset: int = 0, limit: int = 20) -> Results:
    query = parse_query(clean_query(text))
    if not query.terms:
        return Results(query, "topics", [], offset, None)
    queryset = get_engine().match(Topic.objects.filter(topics_seen_by(viewer)), query, TOPICS)
    topics, next_offset = _page(
        queryset.order_by("-search_score", "-note_count", "-id"), offset, limit
    )
    entries = TopicEntry.objects.in_bulk([t.pk for t in topics])
    for topic in topics:
        entry = entries.get(topic.pk)
        exact, _tokens = _matched(query, set(entry.name.split()) if entry else set())
        topic.search_hit = Hit(translated=not exact, score=topic.search_score)
    return Results(query, "topics", topics, offset, next_offset, translations=query.translations)


SEARCHES = {"notes": search_notes, "users": search_users, "topics": search_topics}


def search(viewer, text: str, *, type: str = "notes", offset: int = 0, limit: int = 20):
    return SEARCHES[clean_type(type)](viewer, text, offset=offset, limit=limit)


def _prefix(field_name: str, prefix: str) -> Q:
    """`field` starts with `prefix`, as a range both databases answer from a b-tree index."""
    return Q(**{f"{field_name}__gte": prefix, f"{field_name}__lt": prefix + "\U0010ffff"})


@dataclass
class Suggestions:
    topics: list = field(default_factory=list)
    users: list = field(default_factory=list)
    recent: list = field(default_factory=list)


def suggest(viewer, text: str | None, *, limit: int = 5) -> Suggestions:
    """Topics, people and the viewer's own recent searches that start with what was typed;
    Chinese topics also by pinyin and its initials ("hg" → 火锅)."""
    typed = fold(" ".join((text or "").split()))[:SUGGEST_MAX]
    found = Suggestions()
    if getattr(viewer, "is_authenticated", False):
        recent = RecentSearch.objects.filter(user=viewer).order_by("-searched_at")
        if typed:
            recent = recent.filter(_prefix("folded", typed))
        found.recent = list(recent.values_list("query", flat=True)[:3])
    if not typed:
        return found
    key = typed.replace(" ", "")
    topic_match = _prefix("search_entry__folded", typed)
    user_match = _prefix("search_entry__handle", typed) | _prefix("search_entry__display", typed)
    if key.isascii() and key.isalnum():
        topic_match |= _prefix("search_entry__pinyin", key) | _prefix("search_entry__initials", key)
        user_match |= _prefix("search_entry__initials", key)
    found.topics = list(
        Topic.objects.filter(topic_match)
        .filter(topics_seen_by(viewer))
        .order_by("-note_count", "name")[:limit]
    )
    found.users = list(
        findable_people(viewer).filter(user_match).order_by("-follower_count", "username")[:limit]
    )
    return found
