"""Where note vectors are compared: one interface, two stores.

- Brute force (every engine, the embedded default): the newest EMBEDDING_CANDIDATES notes the
  reader may see are scored in numpy against the target (crossnote.search.embeddings.nearest).
- pgvector (PostgreSQL with the `vector` extension): a `search_notevector` table with an HNSW
  index (cosine). The index answers the nearest ids over every note; the reader's visibility
  (searchable_notes) is applied to those ids afterwards, widening the search once when it
  leaves too few.

NoteEmbedding stays the source of truth on every engine: the pgvector table is a copy kept in
step by the search services (and by ON DELETE CASCADE), so switching stores never loses a
vector and `crossnote search reindex --only vectors` refills the table without re-embedding.
CROSSNOTE_SEARCH_VECTORS picks the store: `auto` (pgvector where the table is ready),
`pgvector` (refuse when it cannot be had) or `brute-force`. The table is made by the search
app's post_migrate handler (`ensure_schema`), so SQLite and PostgreSQL without pgvector never
see it.
"""

import logging
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, transaction
from django.db.models import QuerySet
from pgvector import Vector

from crossnote.core.sql import row_exists
from crossnote.search import embeddings

logger = logging.getLogger(__name__)

MODES = ("auto", "pgvector", "brute-force")
TABLE = "search_notevector"
# Brute force scores at most this many of the newest visible notes.
EMBEDDING_CANDIDATES = 2000
# pgvector asks the index for OVERFETCH × limit ids (at least MIN_FETCH), then, when the
# reader's visibility leaves fewer than `limit`, once more for WIDEN times as many.
# hnsw.ef_search (the size of the index's candidate list) is set to the ids asked for: the
# index never returns more than ef_search rows, and 1000 is its ceiling.
OVERFETCH = 4
MIN_FETCH = 40
WIDEN = 10
EF_SEARCH_MAX = 1000

SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS vector",
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " note_id bigint PRIMARY KEY REFERENCES notes_note(id) ON DELETE CASCADE,"
    f" vector vector({embeddings.DIMENSIONS}) NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_hnsw ON {TABLE} USING hnsw (vector vector_cosine_ops)",
]

Ranked = list[tuple[int, float]]


class VectorStoreUnavailable(ImproperlyConfigured):
    """CROSSNOTE_SEARCH_VECTORS asks for a store this database cannot provide."""


class BruteForceStore:
    """Vectors stay in NoteEmbedding; the newest visible notes are scored in numpy."""

    name = "brute-force"

    def nearest(
        self, visible: QuerySet, target: np.ndarray, *, exclude=(), limit: int, threshold: float
    ) -> Ranked:
        """(note id, cosine) of the visible notes closest to `target`, best first."""
        candidates = list(
            visible.exclude(pk__in=list(exclude))
            .filter(embedding__model=embeddings.MODEL)
            .order_by("-created_at", "-id")
            .values_list("pk", "embedding__vector")[:EMBEDDING_CANDIDATES]
        )
        return embeddings.nearest(target, candidates, limit=limit, threshold=threshold)

    def save(self, vectors: Iterable[tuple[int, np.ndarray]]) -> None:
        """Nothing to do: NoteEmbedding already holds them."""

    def remove(self, note_id: int) -> None:
        """Nothing to do: NoteEmbedding's row goes with its note."""

    def fill_missing(self, *, chunk: int, progress: Callable[[int], None] | None = None) -> int:
        return 0

    def missing(self) -> int:
        return 0


class PgVectorStore:
    """Vectors copied into `search_notevector`, searched through its HNSW index."""

    name = "pgvector"

    def __init__(self, using: str):
        self.using = using

    def nearest(
        self, visible: QuerySet, target: np.ndarray, *, exclude=(), limit: int, threshold: float
    ) -> Ranked:
        """(note id, cosine) of the visible notes closest to `target`, best first: the index's
        nearest ids, kept when the reader may see them, widened once when too few remain."""
        excluded = set(exclude)
        fetch = min(max(limit * OVERFETCH, MIN_FETCH), EF_SEARCH_MAX)
        for _attempt in range(2):
            found = self._closest(target, fetch)
            close = [(pk, s) for pk, s in found if s >= threshold and pk not in excluded]
            seen = set(visible.filter(pk__in=[pk for pk, _s in close]).values_list("pk", flat=True))
            ranked = [(pk, s) for pk, s in close if pk in seen]
            # Wider cannot help once the last id is too far. Fewer ids than asked for does not
            # mean the index ran out: it also counts rows deleted but not yet vacuumed.
            done = fetch >= EF_SEARCH_MAX or (bool(found) and found[-1][1] < threshold)
            if len(ranked) >= limit or done:
                break
            fetch = min(fetch * WIDEN, EF_SEARCH_MAX)
        return ranked[:limit]

    def _closest(self, target: np.ndarray, fetch: int) -> Ranked:
        with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
            # SET cannot take a bind parameter; set_config(..., is_local=true) is SET LOCAL.
            cursor.execute("SELECT set_config('hnsw.ef_search', %s, true)", [str(fetch)])
            cursor.execute(
                "SELECT note_id, vector <=> %s::vector AS distance FROM search_notevector"
                " ORDER BY distance LIMIT %s",
                [Vector(target).to_text(), fetch],
            )
            return [(int(pk), 1.0 - float(distance)) for pk, distance in cursor.fetchall()]

    def save(self, vectors: Iterable[tuple[int, np.ndarray]]) -> None:
        """Insert or replace the rows of these notes."""
        rows = [(pk, Vector(vector).to_text()) for pk, vector in vectors]
        if not rows:
            return
        with connections[self.using].cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_notevector (note_id, vector) VALUES (%s, %s::vector)"
                " ON CONFLICT (note_id) DO UPDATE SET vector = EXCLUDED.vector",
                rows,
            )

    def remove(self, note_id: int) -> None:
        with connections[self.using].cursor() as cursor:
            cursor.execute("DELETE FROM search_notevector WHERE note_id = %s", [note_id])

    def _missing_rows(self, after: int, chunk: int) -> list[tuple[int, bytes]]:
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "SELECT e.note_id, e.vector FROM search_noteembedding e"
                " LEFT JOIN search_notevector v ON v.note_id = e.note_id"
                " WHERE v.note_id IS NULL AND e.model = %s AND e.note_id > %s"
                " ORDER BY e.note_id LIMIT %s",
                [embeddings.MODEL, after, chunk],
            )
            return cursor.fetchall()

    def fill_missing(self, *, chunk: int, progress: Callable[[int], None] | None = None) -> int:
        """Copy stored embeddings that have no row here yet (no re-embedding); how many."""
        done, last = 0, 0
        while rows := self._missing_rows(last, chunk):
            with transaction.atomic(using=self.using):
                self.save((pk, embeddings.from_bytes(raw)) for pk, raw in rows)
            done += len(rows)
            last = rows[-1][0]
            if progress is not None:
                progress(done)
        return done

    def missing(self) -> int:
        """Stored embeddings of the current model without a row here."""
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM search_noteembedding e WHERE e.model = %s AND NOT EXISTS"
                " (SELECT 1 FROM search_notevector v WHERE v.note_id = e.note_id)",
                [embeddings.MODEL],
            )
            return cursor.fetchone()[0]


BRUTE_FORCE = BruteForceStore()


def mode() -> str:
    chosen = getattr(settings, "CROSSNOTE_SEARCH_VECTORS", "auto")
    if chosen not in MODES:
        raise ImproperlyConfigured(
            f"CROSSNOTE_SEARCH_VECTORS must be one of {', '.join(MODES)} (not {chosen!r})."
        )
    return chosen


def pgvector_available(using: str = "default") -> bool:
    """PostgreSQL offers the `vector` extension (installed, or installable by `migrate`)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    return row_exists(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'", [], using=using
    )


@lru_cache(maxsize=16)
def _table_ready(using: str, database: str) -> bool:
    """The pgvector table exists in this database (cached: `ensure_schema` clears it)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
        return bool(cursor.fetchone()[0])


def unavailable_reason(using: str = "default") -> str:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return f"the database is {connection.display_name}, not PostgreSQL"
    if not pgvector_available(using):
        return (
            "this PostgreSQL server has no `vector` extension (install your distribution's "
            "pgvector package, e.g. postgresql-15-pgvector)"
        )
    return f"the {TABLE} table is missing (run `crossnote migrate`)"


def get_vector_store(using: str = "default") -> BruteForceStore | PgVectorStore:
    """The store CROSSNOTE_SEARCH_VECTORS asks for on this database."""
    chosen = mode()
    if chosen == "brute-force":
        return BRUTE_FORCE
    connection = connections[using]
    if connection.vendor == "postgresql" and _table_ready(using, connection.settings_dict["NAME"]):
        return PgVectorStore(using)
    if chosen == "pgvector":
        raise VectorStoreUnavailable(
            "CROSSNOTE_SEARCH_VECTORS=pgvector, but " + unavailable_reason(using) + "."
        )
    return BRUTE_FORCE


def ensure_schema(using: str = "default") -> bool:
    """Create the extension, table and HNSW index where the store may be pgvector (idempotent);
    whether the table is there. The search app runs it after every `migrate`."""
    chosen = mode()
    if chosen == "brute-force":
        return False
    if not pgvector_available(using):
        if chosen == "pgvector":
            raise VectorStoreUnavailable(
                "CROSSNOTE_SEARCH_VECTORS=pgvector, but " + unavailable_reason(using) + "."
            )
        return False
    try:
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)
    except DatabaseError as exc:
        if chosen == "pgvector":
            raise
        # E.g. a database user who may not CREATE EXTENSION: stay on brute force.
        logger.warning("pgvector left off, brute force stays: %s", exc)
        return False
    finally:
        _table_ready.cache_clear()
    return True
