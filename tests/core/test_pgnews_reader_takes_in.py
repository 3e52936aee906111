"""A reader that finds PostgreSQL news waiting on the listening socket takes it in itself
(crossnote.core.pgnews.Listener._take_in_now) instead of answering "ask the database": under a
storm of announced writes (every like announces its liker) the listening thread is asleep or
waiting for the interpreter while news waits, and every page would otherwise be asked. Here no
thread runs: the reader alone takes the news in."""

import select

import psycopg
import pytest
from django.db import connection

from crossnote.core import pgnews

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's"
)


def _listener_without_thread(listening) -> pgnews.Listener:
    """A Listener settled on `listening` as its thread leaves it, with no thread."""
    listener = pgnews.Listener()
    listener._pid = pgnews.os.getpid()
    listener._database = connection.settings_dict["NAME"]
    listener._pgconn = listening.pgconn
    listener._fd = listening.fileno()
    listener._seq = listener._news_at = listener._auth_at = listener._people_floor = 2
    return listener


def _wait_readable(fd: int) -> None:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    assert poller.poll(5000), "the notification did not arrive"


@pytest.fixture
def listening(transactional_db):
    """(a Listener settled on a listening connection with no thread, a writer's connection)."""
    params = pgnews.connection_params()
    with (
        psycopg.connect(**params, autocommit=True) as connection_listening,
        psycopg.connect(**params, autocommit=True) as writer,
    ):
        connection_listening.execute(f"LISTEN {pgnews.CHANNEL}")
        connection_listening.execute(f"LISTEN {pgnews.PEOPLE_CHANNEL}")
        yield _listener_without_thread(connection_listening), writer


def test_a_reader_takes_waiting_news_in_itself(listening):
    listener, writer = listening
    before = listener.generation()
    mark = listener.people_mark()
    assert before == 2 and mark == 2

    writer.execute("SELECT pg_notify(%s, 'm41')", [pgnews.PEOPLE_CHANNEL])
    _wait_readable(listener._fd)
    # Not "ask the database": taken in here, and only the liker's marks moved.
    assert listener.generation() == before
    assert listener.person_unchanged("41", mark)
    assert not listener.person_unchanged("m41", mark)
    assert listener.person_unchanged("m42", mark)

    writer.execute("SELECT pg_notify(%s, '')", [pgnews.CHANNEL])
    _wait_readable(listener._fd)
    after = listener.generation()
    assert after is not None and after != before  # a feed's news moves the generation


def test_a_reader_does_not_wait_for_the_lock(listening):
    listener, writer = listening
    writer.execute("SELECT pg_notify(%s, '')", [pgnews.CHANNEL])
    _wait_readable(listener._fd)
    with listener._conn_lock:  # the thread is taking news in
        assert listener.generation() is None  # ask the database meanwhile
    assert listener.generation() not in (None, 2)
