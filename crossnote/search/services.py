"""Search writes: index notes, people and topics; rebuild the whole index; remember searches."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from crossnote.accounts.models import User
from crossnote.notes.models import Note, Topic
from crossnote.search import embeddings
from crossnote.search.models import NoteEmbedding, NoteEntry, RecentSearch, TopicEntry, UserEntry
from crossnote.search.text import fold, index_text, pinyin_keys
from crossnote.search.vectors import VectorStoreUnavailable, get_vector_store
from crossnote.vision.selectors import photo_text_of

RECENT_SEARCHES_KEPT = 20
QUERY_MAX = 200
CHUNK = 500

NOTE_FIELDS = ["title", "body", "topics"]
USER_FIELDS = ["name", "bio", "handle", "display", "initials"]
TOPIC_FIELDS = ["name", "folded", "pinyin", "initials"]


def topic_names(topics) -> list[str]:
    """The topics' names and every other name of their subjects (#猫 brings #cats), so a search
    for either name finds the same notes and topics."""
    topics = list(topics)
    roots = {t.root_id for t in topics}
    if not roots:
        return []
    linked = Topic.objects.filter(Q(pk__in=roots) | Q(canonical_id__in=roots))
    return list(dict.fromkeys([t.name for t in topics] + [t.name for t in linked]))


def note_entry(note: Note) -> NoteEntry:
    """The index row of a note (its topics and photo texts should be prefetched when many are
    made). The text read in its photos (crossnote.vision) is indexed with the body."""
    topics = " ".join(topic_names(note.topics.all()))
    in_photos = photo_text_of(note)
    return NoteEntry(
        note_id=note.pk,
        title=index_text(note.title),
        body=index_text(f"{note.body}\n{in_photos}" if in_photos else note.body),
        topics=index_text(topics),
        indexed_at=timezone.now(),
    )


def user_entry(user: User) -> UserEntry:
    full, initials = pinyin_keys(user.display_name)
    return UserEntry(
        user_id=user.pk,
        name=" ".join(filter(None, [index_text(f"{user.username} {user.display_name}"), full])),
        bio=index_text(user.bio),
        handle=user.username.lower(),
        display=fold(user.display_name)[:50],
        initials=initials[:50],
        indexed_at=timezone.now(),
    )


def topic_entry(topic: Topic) -> TopicEntry:
    full, initials = pinyin_keys(topic.name)
    return TopicEntry(
        topic_id=topic.pk,
        name=" ".join(filter(None, [index_text(" ".join(topic_names([topic]))), full])),
        folded=fold(topic.name)[:30],
        pinyin=full[:200],
        initials=initials[:30],
    )


def _upsert(model, rows: list, key: str, fields: list[str]) -> None:
    """Insert or update rows in one statement; on SQLite the FTS5 triggers follow."""
    if rows:
        model.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=[key], update_fields=fields
        )


def index_note(*, note_id: int) -> bool:
    """(Re)index one note; False when it is gone (deleted before the commit hook ran)."""
    note = Note.objects.prefetch_related("topics", "photo_texts").filter(pk=note_id).first()
    if note is None:
        return False
    _upsert(NoteEntry, [note_entry(note)], "note", [*NOTE_FIELDS, "indexed_at"])
    return True


def index_user(*, user_id: int) -> bool:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return False
    _upsert(UserEntry, [user_entry(user)], "user", [*USER_FIELDS, "indexed_at"])
    return True


def index_topics_and_notes(*, topic_ids) -> None:
    """Re-index topics whose group changed, and the notes under them (their other names)."""
    for topic_id in topic_ids:
        index_topic(topic_id=topic_id)
    for note_id in Note.objects.filter(topics__in=list(topic_ids)).values_list("pk", flat=True):
        index_note(note_id=note_id)


def index_topic(*, topic_id: int) -> bool:
    topic = Topic.objects.filter(pk=topic_id).first()
    if topic is None:
        return False
    _upsert(TopicEntry, [topic_entry(topic)], "topic", TOPIC_FIELDS)
    return True


def embed_note(*, note_id: int) -> bool:
    """Store a note's sentence embedding; False when embeddings are off or the note is gone."""
    if not embeddings.available():
        return False
    note = Note.objects.filter(pk=note_id).only("title", "body").first()
    if note is None:
        return False
    vector = embeddings.embed([embeddings.note_text(note)])[0]
    with transaction.atomic(using=note._state.db):
        NoteEmbedding.objects.update_or_create(
            note_id=note_id,
            defaults={"vector": embeddings.to_bytes(vector), "model": embeddings.MODEL},
        )
        get_vector_store(note._state.db or "default").save([(note_id, vector)])
    return True


def rebuild_embeddings(
    *, progress: Callable[[str, int], None] | None = None, chunk: int = CHUNK
) -> int:
    """Embed every note in batches (`crossnote search reindex` does this when embeddings are
    available), into NoteEmbedding and the vector store; returns how many."""
    if not embeddings.available():
        return 0
    done = 0
    notes = Note.objects.only("title", "body")
    store = get_vector_store(notes.db)
    for rows in _chunks(notes, chunk):
        vectors = embeddings.embed([embeddings.note_text(n) for n in rows])
        made = [
            NoteEmbedding(note_id=n.pk, vector=embeddings.to_bytes(v), model=embeddings.MODEL)
            for n, v in zip(rows, vectors, strict=True)
        ]
        with transaction.atomic(using=notes.db):
            _upsert(NoteEmbedding, made, "note", ["vector", "model"])
            store.save((n.pk, v) for n, v in zip(rows, vectors, strict=True))
        done += len(rows)
        if progress is not None:
            progress("embeddings", done)
    return done


def fill_vectors(*, progress: Callable[[str, int], None] | None = None, chunk: int = CHUNK) -> int:
    """Copy stored embeddings missing from the pgvector table into it, without re-embedding
    (`crossnote search reindex`); 0 on the brute-force store, which reads NoteEmbedding."""
    report = (lambda done: progress("vectors", done)) if progress is not None else None
    return get_vector_store().fill_missing(chunk=chunk, progress=report)


def remove_note(*, note_id: int, using: str = "default") -> None:
    """Drop a note's rows at once (its FTS5 entry goes with it through the trigger; on
    pgvector, ON DELETE CASCADE has usually taken its vector already)."""
    NoteEntry.objects.filter(note_id=note_id).delete()
    try:
        store = get_vector_store(using)
    except VectorStoreUnavailable:
        return  # no pgvector table, so no row to drop; a deletion must not fail over it
    store.remove(note_id)


def _chunks(queryset, size: int) -> Iterable[list]:
    """Rows by primary key in chunks, without OFFSET."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


# kind: (source rows, index model, row -> entry, the entry's key field, the fields written)
KINDS: dict[str, tuple[QuerySet, type[Model], Callable[[Any], Model], str, list[str]]] = {
    "notes": (
        Note.objects.prefetch_related("topics", "photo_texts"),
        NoteEntry,
        note_entry,
        "note",
        NOTE_FIELDS,
    ),
    "users": (User.objects.all(), UserEntry, user_entry, "user", USER_FIELDS),
    "topics": (Topic.objects.all(), TopicEntry, topic_entry, "topic", TOPIC_FIELDS),
}


def count_indexable(kinds: Iterable[str] = tuple(KINDS)) -> dict[str, int]:
    return {kind: KINDS[kind][0].count() for kind in kinds}


def rebuild_index(
    *,
    kinds: Iterable[str] = tuple(KINDS),
    progress: Callable[[str, int], None] | None = None,
    chunk: int = CHUNK,
) -> dict[str, int]:
    """Re-make every row of the given kinds, in chunks of `chunk` (one transaction each), and
    drop rows whose object is gone. `progress(kind, done)` is called after each chunk."""
    done: dict[str, int] = {}
    for kind in kinds:
        queryset, model, make, key, fields = KINDS[kind]
        extra = ["indexed_at"] if kind != "topics" else []
        done[kind] = 0
        for rows in _chunks(queryset, chunk):
            with transaction.atomic():
                _upsert(model, [make(row) for row in rows], key, fields + extra)
            done[kind] += len(rows)
            if progress is not None:
                progress(kind, done[kind])
        # NOT EXISTS (an anti-join), not NOT IN: PostgreSQL runs `NOT IN (SELECT …)` over a
        # million ids that do not fit work_mem as a scan of the subquery per row (hours).
        source = queryset.model._default_manager.filter(pk=OuterRef(f"{key}_id"))
        model._default_manager.exclude(Exists(source)).delete()
    return done


def record_search(*, user: User, query: str) -> None:
    """Remember a signed-in person's search (their own suggestions); keep the latest 20."""
    if not getattr(user, "is_authenticated", False):
        return
    query = " ".join((query or "").split())[:QUERY_MAX]
    if not query:
        return
    with transaction.atomic():
        RecentSearch.objects.update_or_create(
            user=user,
            folded=fold(query),
            defaults={"query": query, "searched_at": timezone.now()},
        )
        stale = RecentSearch.objects.filter(user=user).order_by("-searched_at")[
            RECENT_SEARCHES_KEPT:
        ]
        RecentSearch.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
