"""PostgreSQL: whether a reader is in any block, and whether their region withholds anything,
kept by the database's news (crossnote.notes.policies, crossnote.core.pgnews). A settled like by
a reader in no block, in a region that withholds nothing, asks neither question; a block or a
withholding written by another process is news, and the next like or page obeys it. Real
commits: the tests run outside a transaction (`transactional_db`)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.core import pgnews
from crossnote.notes import policies
from crossnote.notes.models import NoteWithholding
from crossnote.social.models import Block
from tests.conftest import make_user, pg_news_caught_up, write_elsewhere

NOTES = "/api/v1/notes"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="LISTEN/NOTIFY is PostgreSQL's; SQLite asks its in-process database every time",
)


@pytest.fixture
def liking_world(transactional_db, make_note, settings):
    settings.CROSSNOTE_REGION_HEADER = "X-Country-Code"
    policies.forget_kept()
    author = make_user("blockfacts_author", region="US")
    notes = [make_note(author, title=f"block facts note {i}") for i in range(4)]
    reader = make_user("blockfacts_reader", region="US", languages=["en"])
    client = Client(HTTP_X_COUNTRY_CODE="US")
    client.force_login(reader)
    pg_news_caught_up()
    yield author, reader, notes, client
    policies.forget_kept()


def _like(client, note) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"{NOTES}/{note.pk}/like")
    return response.status_code, [q["sql"] for q in queries.captured_queries]


def _asks_blocks_or_withholdings(asked: list[str]) -> list[str]:
    blocks, withholdings = Block._meta.db_table, NoteWithholding._meta.db_table
    return [sql for sql in asked if blocks in sql or withholdings in sql]


def test_a_settled_like_asks_nothing_about_blocks_or_withholdings(liking_world):
    _author, _reader, notes, client = liking_world
    status, _asked = _like(client, notes[0])  # the reader's and the region's facts read once
    assert status == 200
    status, asked = _like(client, notes[1])
    assert status == 200
    assert _asks_blocks_or_withholdings(asked) == []


def test_a_block_written_elsewhere_is_obeyed_at_the_next_like(liking_world):
    author, reader, notes, client = liking_world
    assert _like(client, notes[0])[0] == 200
    before = pgnews.generation()
    write_elsewhere(
        f"INSERT INTO {Block._meta.db_table} (created_at, updated_at, blocker_id, blocked_id) "  # noqa: S608
        "VALUES (now(), now(), %s, %s)",
        [author.pk, reader.pk],
    )
    assert pgnews.wait_for_news(before) is not None
    status, _asked = _like(client, notes[1])
    assert status == 404


def test_a_withholding_written_elsewhere_is_obeyed_at_the_next_like(liking_world):
    _author, _reader, notes, client = liking_world
    assert _like(client, notes[0])[0] == 200
    before = pgnews.generation()
    write_elsewhere(
        f"INSERT INTO {NoteWithholding._meta.db_table} (note_id, region) VALUES (%s, 'US')",  # noqa: S608
        [notes[2].pk],
    )
    assert pgnews.wait_for_news(before) is not None
    assert _like(client, notes[2])[0] == 451
    assert _like(client, notes[3])[0] == 200  # the region withholds something, not this one
