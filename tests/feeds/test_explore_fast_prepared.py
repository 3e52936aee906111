"""The hot reads' compiled SQL planned once per PostgreSQL connection (crossnote.core.sql
.planned_cursor, ids_as_parameter): the feed cards' question, the signed-in person's row and the
freshness marks. The page's ids travel as one array parameter so that every page has the same
text; what the reader is shown must not change."""

import pytest
from django.db import connection

from crossnote.accounts import authcache
from crossnote.core.sql import ids_as_parameter, planned_cursor
from crossnote.feeds import cards, selectors
from crossnote.notes.models import Note


def test_ids_become_one_parameter_in_their_place():
    sql = "SELECT a FROM t WHERE b = %s AND c LIKE '%%s' AND t.id IN (-7340099) AND d = %s"
    made, params = ids_as_parameter(sql, ["b", "d"], "-7340099", [3, "4"])
    assert made == "SELECT a FROM t WHERE b = %s AND c LIKE '%%s' AND t.id = ANY(%s) AND d = %s"
    assert params == ["b", [3, 4], "d"]
    with pytest.raises(ValueError):
        ids_as_parameter("SELECT 1", [], "-7340099", [1])


def _notes(author, count):
    return [
        Note.objects.create(author=author, title=f"n{i}", body="b", visibility="public")
        for i in range(count)
    ]


@pytest.mark.django_db
def test_page_facts_are_the_same_planned_or_not(settings, mia, lin):
    notes = _notes(lin, 4)
    ids = [n.pk for n in notes]
    cards.forget_all()
    settings.DATABASE_PREPARE_THRESHOLD = 0
    plain = cards.page_facts(mia, selectors.explore_shown, ids, name="explore")
    for _run in range(4):  # past the threshold: prepared on PostgreSQL
        settings.DATABASE_PREPARE_THRESHOLD = 2
        planned = cards.page_facts(mia, selectors.explore_shown, ids, name="explore")
        assert planned == plain
    Note.objects.filter(pk=ids[0]).update(moderation="removed")
    assert set(cards.page_facts(mia, selectors.explore_shown, ids, name="explore")) == set(ids[1:])


@pytest.mark.django_db
def test_on_postgresql_the_hot_reads_are_prepared_on_the_connection(settings, mia, lin):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (SQLite caches its statements itself)")
    settings.DATABASE_PREPARE_THRESHOLD = 2
    ids = [n.pk for n in _notes(lin, 3)]
    cards.forget_all()
    for _run in range(3):
        assert authcache.active_person(mia.pk).pk == mia.pk
        assert len(cards.page_facts(mia, selectors.explore_shown, ids, name="explore")) == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"accounts_user"' in s and "$1" in s and "notes_note" not in s for s in prepared)
    assert any("= ANY($" in s and '"notes_note"' in s for s in prepared)


@pytest.mark.django_db
def test_a_planned_cursor_still_logs_its_query_text(settings, mia):
    from django.test.utils import CaptureQueriesContext

    settings.DATABASE_PREPARE_THRESHOLD = 2
    with CaptureQueriesContext(connection) as queries:
        with planned_cursor(connection) as cursor:
            cursor.execute("SELECT id FROM accounts_user WHERE id = %s", [mia.pk])
            assert cursor.fetchone()[0] == mia.pk
    assert "accounts_user" in queries.captured_queries[0]["sql"]
