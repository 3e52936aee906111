"""The vector store behind related notes and meaning recall (crossnote.search.vectors).

The store tests run on both stores with synthetic unit vectors (no sentence encoder needed):
brute force everywhere, pgvector where the test database has the `vector` extension
(scripts/test.sh's third pass starts a PostgreSQL 16 + pgvector from the pgserver wheel)."""

from io import StringIO

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from crossnote.moderation.services import withhold_note
from crossnote.notes.models import Visibility
from crossnote.notes.services import delete_note
from crossnote.ops import doctor
from crossnote.search import embeddings, vectors
from crossnote.search.models import NoteEmbedding
from crossnote.search.selectors import _nearest_notes, related_notes

pytestmark = pytest.mark.django_db

ANON = AnonymousUser()
NO_PGVECTOR = (
    "the test database has no pgvector (it needs PostgreSQL with the `vector` extension: "
    "scripts/test.sh runs tests/search on pgserver's PostgreSQL 16 + pgvector)"
)


def pgvector_ready() -> bool:
    try:
        return vectors.get_vector_store().name == "pgvector"
    except vectors.VectorStoreUnavailable:
        return False


def unit(*weights: float) -> np.ndarray:
    """A normalised 512-d vector with these leading components."""
    vector = np.zeros(embeddings.DIMENSIONS, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


def put_vector(note, vector: np.ndarray) -> None:
    """Store a note's vector as the services do: NoteEmbedding, then the store's copy."""
    NoteEmbedding.objects.update_or_create(
        note=note, defaults={"vector": embeddings.to_bytes(vector), "model": embeddings.MODEL}
    )
    vectors.get_vector_store().save([(note.pk, vector)])


def pgvector_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_notevector")
        return cursor.fetchone()[0]


@pytest.fixture
def quiet_post(post, settings):
    """`post` without the sentence encoder: these tests give notes synthetic vectors."""
    settings.CROSSNOTE_SEARCH_EMBEDDINGS = False
    return post


@pytest.fixture(params=["brute-force", "pgvector"])
def store(request, settings):
    settings.CROSSNOTE_SEARCH_VECTORS = request.param
    if request.param == "pgvector" and connection.vendor != "postgresql":
        pytest.skip(NO_PGVECTOR)
    try:
        return vectors.get_vector_store()
    except vectors.VectorStoreUnavailable:
        pytest.skip(NO_PGVECTOR)


@pytest.fixture
def pgvector(settings):
    settings.CROSSNOTE_SEARCH_VECTORS = "pgvector"
    if not pgvector_ready():
        pytest.skip(NO_PGVECTOR)
    return vectors.get_vector_store()


def titles(notes) -> list[str]:
    return [n.title for n in notes]


# --- Both stores ---------------------------------------------------------------------------


def test_nearest_notes_come_best_first_and_stop_at_the_threshold(store, mia, quiet_post):
    near, middle, far = (quiet_post(mia, t) for t in ("near", "middle", "far"))
    put_vector(near, unit(1, 0.1))
    put_vector(middle, unit(1, 1))
    put_vector(far, unit(0, 0, 1))
    found = _nearest_notes(ANON, unit(1), limit=5, threshold=0.3)
    assert titles(found) == ["near", "middle"]
    assert found[0].search_hit.similar and found[0].search_hit.score == pytest.approx(0.995, 1e-3)
    assert found[1].search_hit.score == pytest.approx(0.7071, 1e-3)
    assert titles(_nearest_notes(ANON, unit(1), limit=1, threshold=0.3)) == ["near"]


def test_the_note_itself_is_excluded(store, mia, quiet_post):
    note, other = quiet_post(mia, "itself"), quiet_post(mia, "other")
    put_vector(note, unit(1))
    put_vector(other, unit(1, 0.5))
    found = _nearest_notes(ANON, unit(1), exclude=[note.pk], limit=5, threshold=0.3)
    assert titles(found) == ["other"]


def test_notes_the_reader_may_not_see_never_come_back(
    store, monkeypatch, mia, lin, reader, quiet_post
):
    # One id on the first ask of the index, so pgvector must widen past the hidden notes (wide
    # enough to pass the dead rows that earlier tests' rolled-back vectors left in the index).
    monkeypatch.setattr(vectors, "OVERFETCH", 1)
    monkeypatch.setattr(vectors, "MIN_FETCH", 1)
    monkeypatch.setattr(vectors, "WIDEN", 200)
    hidden = [
        quiet_post(mia, "private", visibility=Visibility.PRIVATE),
        quiet_post(mia, "followers", visibility=Visibility.FOLLOWERS),
        quiet_post(mia, "withheld"),
    ]
    withhold_note(note=hidden[2], regions=["DE"], legal_basis="court order")
    shown = quiet_post(lin, "public")
    for n, note in enumerate(hidden):
        put_vector(note, unit(1, 0.01 * n))
    put_vector(shown, unit(1, 0.5))
    assert titles(_nearest_notes(reader, unit(1), limit=1, threshold=0.3)) == ["public"]
    assert titles(_nearest_notes(reader, unit(1), limit=5, threshold=0.3)) == ["public"]
    # A visitor has no region (no CROSSNOTE_REGION_HEADER): only the German withholding passes.
    assert titles(_nearest_notes(ANON, unit(1), limit=5, threshold=0.3)) == ["withheld", "public"]
    assert titles(_nearest_notes(mia, unit(1), limit=5, threshold=0.3)) == [
        "private",
        "followers",
        "withheld",
        "public",
    ]


# --- Choosing the store --------------------------------------------------------------------


def test_brute_force_scores_only_the_newest_candidates(settings, monkeypatch, mia, quiet_post):
    settings.CROSSNOTE_SEARCH_VECTORS = "brute-force"
    monkeypatch.setattr(vectors, "EMBEDDING_CANDIDATES", 2)
    oldest = quiet_post(mia, "oldest and closest")
    put_vector(oldest, unit(1))
    for title in ("newer", "newest"):
        put_vector(quiet_post(mia, title), unit(1, 0.5))
    assert vectors.get_vector_store() is vectors.BRUTE_FORCE
    assert titles(_nearest_notes(ANON, unit(1), limit=5, threshold=0.3)) == ["newest", "newer"]


def test_pgvector_searches_every_note_not_only_the_newest(pgvector, monkeypatch, mia, quiet_post):
    monkeypatch.setattr(vectors, "EMBEDDING_CANDIDATES", 2)
    oldest = quiet_post(mia, "oldest and closest")
    put_vector(oldest, unit(1))
    for title in ("newer", "newest"):
        put_vector(quiet_post(mia, title), unit(1, 0.5))
    assert titles(_nearest_notes(ANON, unit(1), limit=1, threshold=0.3)) == ["oldest and closest"]


def test_without_pgvector_auto_is_brute_force_and_no_table_is_made(settings):
    if pgvector_ready():
        pytest.skip("this test database has pgvector")
    settings.CROSSNOTE_SEARCH_VECTORS = "auto"
    assert vectors.get_vector_store() is vectors.BRUTE_FORCE
    assert vectors.TABLE not in connection.introspection.table_names()
    assert vectors.ensure_schema() is False


def test_asking_for_pgvector_where_it_cannot_be_had_is_refused(settings):
    if pgvector_ready():
        pytest.skip("this test database has pgvector")
    settings.CROSSNOTE_SEARCH_VECTORS = "pgvector"
    with pytest.raises(vectors.VectorStoreUnavailable, match="CROSSNOTE_SEARCH_VECTORS=pgvector"):
        vectors.get_vector_store()
    if connection.vendor == "postgresql":  # no extension on this server: migrate says so too
        with pytest.raises(vectors.VectorStoreUnavailable, match="no `vector` extension"):
            vectors.ensure_schema()
    [finding] = doctor._search_findings()
    assert finding.level == doctor.ERROR and "pgvector" in finding.fix


def test_an_unknown_vector_store_is_refused(settings):
    settings.CROSSNOTE_SEARCH_VECTORS = "faiss"
    with pytest.raises(ImproperlyConfigured, match="auto, pgvector, brute-force"):
        vectors.get_vector_store()


def test_doctor_says_which_vector_store_is_in_use(settings):
    settings.CROSSNOTE_SEARCH_VECTORS = "brute-force"
    [finding] = doctor._search_findings()
    assert "brute force" in finding.message and finding.level in (doctor.OK, doctor.INFO)
    settings.CROSSNOTE_SEARCH_VECTORS = "auto"
    [finding] = doctor._search_findings()
    expected = "pgvector (HNSW index)" if pgvector_ready() else "brute force"
    assert expected in finding.message


# --- pgvector ------------------------------------------------------------------------------


def test_the_table_and_its_hnsw_cosine_index_exist(pgvector):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [vectors.TABLE, "%USING hnsw%"],
        )
        [(indexdef,)] = cursor.fetchall()
        cursor.execute(
            "SELECT confdeltype FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
            [vectors.TABLE],
        )
        [(on_delete,)] = cursor.fetchall()
    assert "vector_cosine_ops" in indexdef
    assert on_delete == "c"  # ON DELETE CASCADE
    vectors.ensure_schema()  # idempotent: a second migrate changes nothing
    assert pgvector_rows() == 0


@pytest.mark.skipif(not embeddings.available(), reason="sentence encoder not installed")
def test_an_english_note_finds_its_chinese_twin_through_the_index(
    pgvector, monkeypatch, mia, lin, post
):
    def no_brute_force(*args, **kwargs):
        raise AssertionError("brute force was asked")

    monkeypatch.setattr(vectors.BruteForceStore, "nearest", no_brute_force)
    hotpot = post(mia, "Hotpot with friends tonight", "Spicy broth and lamb slices")
    post(lin, "今晚和朋友吃火锅", "麻辣锅底和羊肉片")
    post(lin, "股票市场今日新闻", "指数下跌")
    post(lin, "今晚吃火锅", "私密", visibility=Visibility.PRIVATE)
    assert pgvector_rows() == 4  # written by embed_note on commit
    related = related_notes(ANON, hotpot)
    assert related[0].title == "今晚和朋友吃火锅" and related[0].search_hit.similar
    assert "今晚吃火锅" not in titles(related)


def test_deleting_a_note_removes_its_vector(pgvector, mia, quiet_post):
    note, kept = quiet_post(mia, "gone"), quiet_post(mia, "kept")
    put_vector(note, unit(1))
    put_vector(kept, unit(1))
    delete_note(user=mia, note=note)
    assert pgvector_rows() == 1
    assert titles(_nearest_notes(ANON, unit(1), limit=5, threshold=0.3)) == ["kept"]


def test_reindex_fills_missing_rows_from_stored_embeddings(pgvector, mia, quiet_post):
    notes = [quiet_post(mia, f"note {n}") for n in range(3)]
    for n, note in enumerate(notes):
        put_vector(note, unit(1, n))
    stamped = dict(NoteEmbedding.objects.values_list("note_id", "embedded_at"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_notevector WHERE note_id <> %s", [notes[0].pk])
    assert pgvector.missing() == 2
    [finding] = doctor._search_findings()
    assert finding.level == doctor.WARNING and "--only vectors" in finding.fix

    out = StringIO()
    call_command("search", "reindex", "--only", "vectors", "--chunk", "1", stdout=out)
    assert "Indexed 2 vectors" in out.getvalue()
    assert pgvector_rows() == 3 and pgvector.missing() == 0
    # Copied, not re-embedded: NoteEmbedding untouched, the copies equal the stored vectors.
    assert dict(NoteEmbedding.objects.values_list("note_id", "embedded_at")) == stamped
    found = _nearest_notes(ANON, unit(1, 2), limit=1, threshold=0.3)
    assert titles(found) == ["note 2"] and found[0].search_hit.score == pytest.approx(1, 1e-5)
