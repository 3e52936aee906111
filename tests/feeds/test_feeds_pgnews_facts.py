"""PostgreSQL: a signed-in reader's explore and following pages ask the database nothing while
nothing about them was announced (crossnote.core.pgnews: the feeds' news, the reader's sign-in,
row and own likes and collects). Their own like or collect, made by any process, shows on their
next page; what decides the notes shown (a block, a withholding) is news as before; others' likes
are not news to them, and counts are read again after cards.FACTS_KEEP_SECONDS. Real commits:
the tests run outside a transaction (`transactional_db`)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.core import pgnews
from crossnote.feeds import cards
from crossnote.moderation.services import withhold_note
from crossnote.notes.models import Note, NoteLike
from crossnote.social.services import follow_user
from tests.conftest import heard, make_user, pg_news_caught_up, write_elsewhere

EXPLORE = "/api/v1/feeds/explore"
FOLLOWING = "/api/v1/feeds/following"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="LISTEN/NOTIFY is PostgreSQL's; SQLite reads a page's facts in process",
)


@pytest.fixture
def reader_world(transactional_db, make_note, settings):
    settings.CROSSNOTE_REGION_HEADER = "X-Country-Code"
    cards.forget_all()
    authors = [make_user(f"facts_author{i}", region="US") for i in range(3)]
    notes = [make_note(author, title=f"facts note {i}") for i, author in enumerate(authors)]
    reader = make_user("facts_reader", region="US", languages=["en"])
    other = make_user("facts_other", region="US", languages=["en"])
    for author in authors:
        follow_user(follower=reader, followee=author)
    client = Client(HTTP_X_COUNTRY_CODE="US")
    client.force_login(reader)
    pg_news_caught_up()  # listening, and the fixture's own writes taken in
    yield reader, other, notes, client
    cards.forget_all()


def _page(client, path: str) -> tuple[dict[int, dict], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    items = {item["id"]: item for item in response.json()["items"]}
    return items, [q["sql"] for q in queries.captured_queries]


def _kept_parts_asked(path: str, asked: list[str]) -> list[str]:
    """What a settled page must not ask: following asks nothing at all; explore in a world this
    small (a pool shorter than the page) also fills the page with the newest notes, a question
    of its own, so there it is its session, person and facts (the only question reading likes)."""
    if path == FOLLOWING:
        return asked
    return [
        sql
        for sql in asked
        if "notes_notelike" in sql
        or "django_session" in sql
        or 'FROM "accounts_user" WHERE "accounts_user"."id" =' in sql
    ]


def _settle(client, path: str) -> dict[int, dict]:
    """Pages until one asks nothing kept (the session, row, marks and facts)."""
    for _ in range(5):
        items, asked = _page(client, path)
        if not _kept_parts_asked(path, asked):
            return items
    raise AssertionError(f"{path} still asks the database: {asked}")


def _like_elsewhere(person, note) -> None:
    likes, notes = NoteLike._meta.db_table, Note._meta.db_table
    write_elsewhere(
        f'INSERT INTO "{likes}" (user_id, note_id, created_at, updated_at) '  # noqa: S608
        "VALUES (%s, %s, now(), now())",
        [person.pk, note.pk],
    )
    write_elsewhere(f'UPDATE "{notes}" SET like_count = like_count + 1 WHERE id = %s', [note.pk])  # noqa: S608


@pytest.mark.parametrize("path", [EXPLORE, FOLLOWING])
def test_a_settled_page_asks_nothing_and_the_reader_s_own_like_shows_next(reader_world, path):
    reader, _other, notes, client = reader_world
    items = _settle(client, path)
    assert set(items) == {n.pk for n in notes}
    assert not items[notes[0].pk]["liked"]

    mark = pgnews.people_mark()
    _like_elsewhere(reader, notes[0])
    heard(lambda: not pgnews.marks_unchanged(reader.pk, mark))
    items, asked = _page(client, path)
    assert _kept_parts_asked(path, asked)  # their own mark moved: read again
    assert items[notes[0].pk]["liked"] and items[notes[0].pk]["like_count"] == 1


def test_another_s_like_is_no_news_to_the_reader_until_the_facts_are_old(reader_world, monkeypatch):
    _reader, other, notes, client = reader_world
    _settle(client, FOLLOWING)
    mark = pgnews.people_mark()
    _like_elsewhere(other, notes[1])
    heard(lambda: not pgnews.marks_unchanged(other.pk, mark))
    items, asked = _page(client, FOLLOWING)
    assert asked == [] and items[notes[1].pk]["like_count"] == 0  # counts lag, by design
    monkeypatch.setattr(cards, "FACTS_KEEP_SECONDS", 0.0)
    cards._facts.forget()  # kept with the old deadline
    _page(client, FOLLOWING)
    items, asked = _page(client, FOLLOWING)
    assert asked and items[notes[1].pk]["like_count"] == 1  # read at every page now


def test_a_withholding_is_news_to_a_kept_page(reader_world):
    _reader, _other, notes, client = reader_world
    _settle(client, FOLLOWING)
    before = pgnews.generation()
    withhold_note(note=notes[2], regions=["US"], legal_basis="court order 9")
    assert pgnews.wait_for_news(before) is not None
    items, _asked = _page(client, FOLLOWING)
    assert notes[2].pk not in items
