"""PostgreSQL's news of writes (crossnote.core.pgnews, feeds migration 0003): a visitor's explore
page is served from process memory with no round trip while the database has announced nothing,
and every write that can change it (a withholding, a label, an edit, a closed account, a new
note) is announced at commit, so the next hit checks again and the change shows. A like is not
announced. Real commits: the tests run outside a transaction (`transactional_db`)."""

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.core import pgnews
from crossnote.feeds import visitors
from crossnote.moderation.services import withhold_note
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import update_note
from crossnote.social.services import block_user, follow_user, mute_user
from tests.conftest import make_user, pg_news_caught_up

EXPLORE = "/api/v1/feeds/explore"

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="LISTEN/NOTIFY is PostgreSQL's; SQLite checks in its in-process database every hit",
)


@pytest.fixture
def world(transactional_db, make_note, settings):
    settings.CROSSNOTE_REGION_HEADER = "X-Country-Code"
    visitors.forget_all()
    authors = [make_user(f"author{i}", region="US") for i in range(4)]
    notes = [make_note(author, title=f"note by {author.username}") for author in authors]
    pg_news_caught_up()  # listening, and the fixture's own writes taken in
    yield authors, notes
    visitors.forget_all()


def shown() -> dict[int, dict]:
    response = Client(HTTP_X_COUNTRY_CODE="CN").get(EXPLORE)
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def news_after(write) -> None:
    """Do `write` (committed) and wait until this process has heard of it."""
    before = pgnews.generation()
    write()
    assert pgnews.wait_for_news(before) is not None, "the write was not announced"


def quiet_hit() -> dict[int, dict]:
    """A hit that asks the database nothing."""
    with CaptureQueriesContext(connection) as queries:
        page = shown()
    assert [q["sql"] for q in queries.captured_queries] == []
    return page


def test_sqlite_always_checks_in_the_database(db):
    if connection.vendor == "postgresql":
        pytest.skip("the SQLite side of the rule")
    assert pgnews.generation() is None


@on_postgresql
def test_a_hit_asks_nothing_until_a_write_is_announced_and_then_the_change_shows(world):
    authors, notes = world
    assert set(shown()) == {n.pk for n in notes}
    assert set(quiet_hit()) == {n.pk for n in notes}

    news_after(lambda: update_note(user=authors[0], note=notes[0], title="edited"))
    assert shown()[notes[0].pk]["title"] == "edited"
    assert quiet_hit()[notes[0].pk]["title"] == "edited"

    news_after(lambda: withhold_note(note=notes[1], regions=["CN"], legal_basis="court order 7"))
    assert notes[1].pk not in shown()
    news_after(
        lambda: Note.objects.filter(pk=notes[2].pk).update(moderation=ModerationState.LIMITED)
    )
    assert notes[2].pk not in shown()
    user_model = type(authors[3])
    news_after(lambda: user_model.objects.filter(pk=authors[3].pk).update(is_active=False))
    assert set(shown()) == {notes[0].pk}
    assert set(quiet_hit()) == {notes[0].pk}


@on_postgresql
def test_a_like_is_not_news_and_inside_a_transaction_the_database_is_asked(world):
    _authors, notes = world
    shown()
    before = pgnews.generation()
    Note.objects.filter(pk=notes[0].pk).update(like_count=F("like_count") + 1)
    assert pgnews.wait_for_news(before, timeout=0.3) is None  # nothing announced
    quiet_hit()
    with transaction.atomic():
        assert pgnews.generation() is None  # its own uncommitted writes were announced to no one
        with CaptureQueriesContext(connection) as queries:
            shown()
        assert queries.captured_queries


@on_postgresql
def test_a_failed_listening_connection_means_asking_the_database(world, monkeypatch):
    _authors, notes = world
    shown()
    quiet_hit()

    def refused(*_args, **_kwargs):
        raise pgnews.psycopg.OperationalError("connection refused")

    pgnews.stop()
    monkeypatch.setattr(pgnews.psycopg, "connect", refused)
    try:
        with CaptureQueriesContext(connection) as queries:
            assert set(shown()) == {n.pk for n in notes}
        assert queries.captured_queries  # no listener: asked
        assert pgnews.wait_for_news(None, timeout=0.5) is None
    finally:
        pgnews.stop()


def marks_asked(client) -> bool:
    """Whether a signed-in explore page asked the freshness marks (their MAX(id) statement)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(EXPLORE)
    assert response.status_code == 200, response.content
    return any("MAX(id)" in q["sql"] for q in queries.captured_queries)


@on_postgresql
def test_a_reader_s_freshness_marks_are_asked_again_only_after_news(world):
    authors, _notes = world
    reader = make_user("reader1", region="US", languages=["en"])
    client = Client(HTTP_X_COUNTRY_CODE="US")
    client.force_login(reader)
    marks_asked(client)
    assert not marks_asked(client)  # the same generation: the same marks

    news_after(lambda: follow_user(follower=reader, followee=authors[0]))
    assert marks_asked(client)  # news: asked, and the follow is in the reader's own mark
    assert not marks_asked(client)


FOLLOWING = "/api/v1/feeds/following"


def following_ids(client, *, quiet: bool = False) -> set[int]:
    """The reader's following page; `quiet`: the timeline's notes were not asked (only the
    page's facts: one statement reading likes and collects)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(FOLLOWING)
    assert response.status_code == 200, response.content
    newest = [q for q in queries.captured_queries if "ORDER BY" in q["sql"]]
    if quiet:
        assert newest == [], newest
    return {item["id"] for item in response.json()["items"]}


@on_postgresql
def test_a_following_page_is_asked_again_only_after_news_and_blocks_and_mutes_are_news(world):
    authors, notes = world
    reader = make_user("reader2", region="US", languages=["en"])
    for author in authors:
        follow_user(follower=reader, followee=author)
    client = Client(HTTP_X_COUNTRY_CODE="US")
    client.force_login(reader)
    assert following_ids(client) == {n.pk for n in notes}
    assert following_ids(client, quiet=True) == {n.pk for n in notes}

    news_after(lambda: block_user(blocker=reader, blocked=authors[0]))
    assert following_ids(client) == {n.pk for n in notes[1:]}
    news_after(lambda: mute_user(muter=reader, muted=authors[1]))
    assert following_ids(client) == {n.pk for n in notes[2:]}
    news_after(lambda: block_user(blocker=authors[2], blocked=reader))
    assert following_ids(client) == {notes[3].pk}
    assert following_ids(client, quiet=True) == {notes[3].pk}


@on_postgresql
def test_a_connection_that_does_not_hear_its_own_notify_is_not_a_listener(transactional_db):
    """Behind a transaction-mode pooler LISTEN hears nothing; such a listener must fail (and
    pages be checked in the database), not keep pages for ever."""
    params = pgnews.connection_params()
    with pgnews.psycopg.connect(**params, autocommit=True) as deaf:  # no LISTEN
        with pytest.raises(RuntimeError, match="did not hear its own NOTIFY"):
            pgnews._hear_itself(deaf, pgnews.CHANNEL)
    with pgnews.psycopg.connect(**params, autocommit=True) as listening:
        listening.execute(f"LISTEN {pgnews.CHANNEL}")
        pgnews._hear_itself(listening, pgnews.CHANNEL)  # heard: no error


def test_news_waiting_is_seen_on_descriptors_past_1024():
    """A busy server's descriptors pass 1,024, where select() refuses them: the reader's "news
    waiting?" must still answer (poll), or every page would be asked in the database."""
    import os
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1600:
        pytest.skip(f"this process may not open descriptor 1500 (hard limit {hard})")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1600), hard))
    read_end, write_end = os.pipe()
    high = os.dup2(read_end, 1500)
    try:
        assert not pgnews._readable(high, 0)
        os.write(write_end, b"x")
        assert pgnews._readable(high, 0)
    finally:
        for fd in (high, read_end, write_end):
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
