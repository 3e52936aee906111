"""News of writes from PostgreSQL, read at memory speed: LISTEN/NOTIFY.

A page shared by many readers (explore's first page for visitors) is only good while nothing it
shows has changed. On SQLite asking the database whether anything changed is an in-process read;
on PostgreSQL it is a round trip, and one round trip per request halves what a server can answer
(bench/README, 2026-12-07: the bare view with `SELECT 1` at 48–50 % of the bare view). Here the
database tells instead: triggers (crossnote.feeds migration 0003) `NOTIFY` a channel in the
transaction of every write that can change such a page, PostgreSQL delivers it at commit to each
process's one listening connection, and `generation()` is a number that moves past every
notification this process has received. A page remembered with the generation it was checked
at is still good while the generation is the same: no round trip.

Never stale by a race on this side: a reader that finds a notification waiting unread on the
listening socket takes it in itself (under the connection's lock, microseconds: under a storm of
announced writes the readers would otherwise ask the database half the time); `generation()`
answers None (ask the database) while another thread is taking news in,
before the connection is made, after it failed (until it is made again, which moves the
generation: news may have been missed), and inside a transaction (the reader may see its own
uncommitted writes, which no one announced yet; tests run inside one). What is left is the time
PostgreSQL takes to hand a committed notification to the listening backends: microseconds, not
a cache's seconds.

The same connection listens for sign-in news on a channel of its own (PEOPLE_CHANNEL): a
session or API token row written, a rate-limit rule saved (auth_generation(), what
crossnote.core.revocation answers on PostgreSQL), and a person's row updated or deleted, by id
(people_mark() / person_unchanged(): the signed-in person's row kept between requests,
crossnote.accounts.authcache). A log-in does not move the feeds' generation, nor a note the
sign-ins'.
"""

import logging
import os
import select
import threading
import time
from collections import deque

import psycopg
from django.conf import settings
from django.db import connection, connections

logger = logging.getLogger(__name__)

CHANNEL = "crossnote_news"
# Sign-ins and people (crossnote.accounts migration 0006): a session or API token row written or
# deleted, or a rate-limit rule saved (payload ""); a person's row updated or deleted (payload:
# their id; "*" for all); a like or collect of theirs made or undone (payload "m" + their id,
# crossnote.notes migration 0009). Kept apart from CHANNEL: a log-in is no news to a feed, a new
# note none to who is signed in.
PEOPLE_CHANNEL = "crossnote_people"
# People whose row changed are remembered by id up to this many; past it every person kept is
# read again (the floor moves) and the list starts again.
PEOPLE_REMEMBERED = 100_000
_KEEPALIVE_SECONDS = 30.0
_TAKE_IN_SECONDS = 1.0
_RETRY_SECONDS = 1.0
_RETRY_MAX_SECONDS = 300.0
_PROBE_SECONDS = 2.0


class Listener:
    """One listening connection and its thread per process (started on first use, and again
    after a fork: a child never shares its parent's socket)."""

    def __init__(self, channel: str = CHANNEL, people_channel: str = PEOPLE_CHANNEL) -> None:
        self.channel = channel
        self.people_channel = people_channel
        self._pid = 0
        self._start_lock = threading.Lock()
        # A sequence lock: even while the thread waits, odd while it takes news in. Moved by
        # 2 (one step each side) per batch of notifications and on every (re)connection.
        self._seq = 1
        # The (even) sequence number at which each kind of news last came in, or the listener
        # (re)connected: what generation() and auth_generation() answer.
        self._news_at = 1
        self._auth_at = 1
        # Payload ("<id>": a person's row, "m<id>": their likes and collects) → the sequence
        # number at which it came in; what was read at a sequence number below the floor (the
        # listener's connection, or a full list) is old.
        self._people: dict[str, int] = {}
        self._people_floor = 1
        self._database = None  # the name of the database listened to
        self._fd = -1
        # The listening connection's libpq connection, and the lock every use of it takes: a
        # reader that finds news waiting takes it in itself (microseconds) rather than asking
        # the database while the thread wakes; notifications met during the thread's own
        # statements (LISTEN, keep-alive) wait in the backlog.
        self._pgconn: psycopg.pq.abc.PGconn | None = None
        self._conn_lock = threading.Lock()
        self._backlog: deque[tuple[str, str]] = deque()
        self._stop = threading.Event()
        self._wake = (-1, -1)  # a pipe: stop() writes to it, so the thread's wait ends at once
        self._thread: threading.Thread | None = None

    # --- the readers' side ---------------------------------------------------------------------

    def generation(self) -> int | None:
        """A number that is different after every announced write this process could know of,
        or None where a page must be checked in the database (see the module's doc)."""
        return self._settled(lambda: self._news_at)

    def auth_generation(self) -> int | None:
        """As generation(), for sign-ins: moves when a session or token row is written or a
        rate-limit rule saved (PEOPLE_CHANNEL, payload "")."""
        return self._settled(lambda: self._auth_at)

    def people_mark(self) -> int | None:
        """A mark to keep with a person's row read after this call (None: do not keep it)."""
        return self._settled(lambda: self._seq)

    def person_unchanged(self, payload: str, mark: int) -> bool:
        """Whether no news with this payload (a person's id, or "m" + it) came in since `mark`
        (people_mark() taken before what it is about was read), and none waits now: what was
        read then is so now."""
        settled = self._settled(lambda: (self._people_floor, self._people.get(payload, 0)))
        if settled is None:
            return False
        floor, changed = settled
        return floor <= mark and changed <= mark

    def _settled(self, read):
        """`read()` of the listener's state while it is settled (connected, nothing unread on
        its socket, not taking news in, the caller outside a transaction), else None."""
        if connection.in_atomic_block:
            return None
        if self._pid != os.getpid() or self._database != connection.settings_dict["NAME"]:
            self._restart()
        fd = self._fd
        if fd < 0:
            return None
        if _readable(fd, 0) and not self._take_in_now():
            return None
        seq = self._seq
        if seq % 2:
            return None
        value = read()
        if self._seq != seq:  # the thread took news in meanwhile
            return None
        return value

    # --- the listening thread ------------------------------------------------------------------

    def _restart(self) -> None:
        """Start listening in this process, or again for another database (the test runner
        switches to its own once the process has started)."""
        if self._pid == os.getpid() and self._database != connection.settings_dict["NAME"]:
            self.stop()
        self._start()

    def _start(self) -> None:
        with self._start_lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._database = connection.settings_dict["NAME"]
            # Odd (not settled) until connected, and never lower than before: a number kept
            # with a page or a row in this process, or in the parent it was forked from, is
            # never the number of a later connection.
            if self._seq % 2 == 0:
                self._seq += 1
            self._news_at = self._auth_at = self._people_floor = self._seq
            self._people = {}
            self._fd = -1
            self._stop = threading.Event()
            self._wake = os.pipe()
            self._thread = threading.Thread(
                target=self._run,
                args=(self._stop, self._wake[0]),
                name="crossnote-pgnews",
                daemon=True,
            )
            self._thread.start()

    def stop(self) -> None:
        """Close the listening connection (tests); the next generation() starts it again."""
        with self._start_lock:
            self._stop.set()
            self._pid = 0
            self._fd = -1
            thread, self._thread = self._thread, None
            wake, self._wake = self._wake, (-1, -1)
        if wake[1] >= 0:
            os.write(wake[1], b"x")
        if thread is not None:
            thread.join(timeout=5)
        for end in wake:
            if end >= 0:
                os.close(end)

    def _run(self, stop: threading.Event, wake: int) -> None:
        failures = 0
        while not stop.is_set():
            try:
                self._listen(stop, wake)
                failures = 0
            except Exception as error:  # noqa: BLE001 - any failure: ask the database meanwhile
                if self._seq % 2 == 0:
                    self._seq += 1
                self._fd = -1
                if not stop.is_set():
                    wait = min(_RETRY_SECONDS * 2**failures, _RETRY_MAX_SECONDS)
                    failures += 1
                    logger.warning(
                        "PostgreSQL news: listening failed (%s); pages are checked in the "
                        "database; trying again in %.0f s",
                        error,
                        wait,
                    )
                    stop.wait(wait)

    def _listen(self, stop: threading.Event, wake: int) -> None:
        with psycopg.connect(**connection_params(), autocommit=True) as listening:
            listening.execute(f"LISTEN {self.channel}")
            listening.execute(f"LISTEN {self.people_channel}")
            _hear_itself(listening, self.channel)
            self._backlog.clear()
            listening.add_notify_handler(
                lambda notify: self._backlog.append((notify.channel, notify.payload))
            )
            fd = listening.fileno()
            # Whatever was written before LISTEN was not announced to us: everything is new.
            if self._seq % 2 == 0:
                self._seq += 1
            after = self._seq + 1
            self._news_at = self._auth_at = self._people_floor = after
            self._people = {}
            self._pgconn = listening.pgconn
            self._seq = after
            self._fd = fd
            try:
                kept_alive = time.monotonic()
                while not stop.is_set():
                    # Readers take news in as they meet it; the thread only when they do not
                    # (a quiet process), once a second: woken for every notification, the
                    # thread's wake-ups cost a like 0.4 ms of server CPU (bench/README).
                    _readable(wake, _TAKE_IN_SECONDS)
                    if stop.is_set():
                        break
                    with self._conn_lock:
                        if self._fd < 0:
                            raise RuntimeError("a reader found the listening connection broken")
                        if time.monotonic() - kept_alive >= _KEEPALIVE_SECONDS:
                            listening.execute("SELECT 1")  # a dead connection raises: reconnect
                            kept_alive = time.monotonic()
                        self._drain(listening.pgconn)
            finally:
                self._fd = -1
                self._pgconn = None

    def _take_in_now(self) -> bool:
        """Take in the news waiting on the socket in the reader's own thread (the lock free),
        so the reader need not ask the database; False where it could not."""
        if not self._conn_lock.acquire(blocking=False):
            return False  # the thread, or another reader, is taking it in: ask meanwhile
        try:
            pgconn = self._pgconn
            if pgconn is None or self._fd < 0:
                return False
            self._drain(pgconn)
            return True
        except Exception:  # noqa: BLE001 - a broken connection: the thread reconnects
            self._fd = -1
            return False
        finally:
            self._conn_lock.release()

    def _drain(self, pgconn) -> None:
        """Take in every notification received (the lock held). Left odd (unsettled) if the
        connection fails: the thread then reconnects, and everything read before is old."""
        start = self._seq
        if start % 2:
            raise RuntimeError("PostgreSQL news: the listening connection failed")
        self._seq = start + 1  # odd: taking news in
        pgconn.consume_input()
        taken = []
        while self._backlog:
            taken.append(self._backlog.popleft())
        while (notify := pgconn.notifies()) is not None:
            taken.append((notify.relname.decode(), notify.extra.decode()))
        self._take_in(taken, start + 2)
        self._seq = start + 2  # even again, and different

    def _take_in(self, notifies: list[tuple[str, str]], after: int) -> None:
        """Record a batch of (channel, payload) as come in at `after` (the even sequence number
        the batch ends at)."""
        for channel, payload in notifies:
            if channel != self.people_channel:
                self._news_at = after
            elif not payload:
                self._auth_at = after
            elif payload.removeprefix("m").isdigit():
                if len(self._people) >= PEOPLE_REMEMBERED:
                    self._people = {}
                    self._people_floor = after
                self._people[payload] = after
            else:  # "*" (a truncate), or a payload not understood: every person is news
                self._people = {}
                self._people_floor = after


def connection_params() -> dict:
    """The default database's psycopg.connect() arguments for a plain connection of our own
    (Django's cursor factory, adapters and prepare threshold left out)."""
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(key, None)
    return params


def _readable(fd: int, timeout: float, *, also: int = -1) -> bool:
    """Whether `fd` (or `also`) has something to read within `timeout` seconds; True where it
    cannot be asked (closed under us: the thread reconnects). poll, not select: a busy server's
    descriptors pass 1,024, which select refuses. A poll object per call: one may not be polled
    from two threads at once."""
    poller = select.poll()
    for each in (fd, also):
        if each >= 0:
            poller.register(each, select.POLLIN)
    try:
        return bool(poller.poll(timeout * 1000))
    except (OSError, ValueError):
        return True


def _hear_itself(listening, channel: str) -> None:
    """Announce once and wait to hear it back: behind a pooler that hands each statement to
    another server connection (pgbouncer in transaction mode) LISTEN hears nothing, and a
    listener that hears nothing would keep pages forever. Raises where it is not heard."""
    probe = f"probe-{os.getpid()}-{time.monotonic_ns()}"
    listening.execute("SELECT pg_notify(%s, %s)", (channel, probe))
    for notify in listening.notifies(timeout=_PROBE_SECONDS):
        if notify.payload == probe:
            return
    raise RuntimeError(
        f"LISTEN {channel} did not hear its own NOTIFY within {_PROBE_SECONDS} s (a "
        "transaction-mode pooler?): pages are checked in the database (CROSSNOTE_PG_NEWS=0 "
        "stops trying)"
    )


_listener = Listener()


def generation() -> int | None:
    """This process's generation of PostgreSQL news, or None: check in the database (SQLite,
    the feature off, the listener not ready or taking news in, inside a transaction)."""
    if connection.vendor != "postgresql" or not settings.CROSSNOTE_PG_NEWS:
        return None
    return _listener.generation()


def auth_generation() -> int | None:
    """This process's generation of sign-in news (sessions, tokens, rate-limit rules written),
    or None where there is none to trust (as generation())."""
    if connection.vendor != "postgresql" or not settings.CROSSNOTE_PG_NEWS:
        return None
    return _listener.auth_generation()


def people_mark() -> int | None:
    """A mark to keep with a person's row read after this call, or None (do not keep it)."""
    if connection.vendor != "postgresql" or not settings.CROSSNOTE_PG_NEWS:
        return None
    return _listener.people_mark()


def person_unchanged(person_id: int, mark: int) -> bool:
    """Whether the person's row read after people_mark() gave `mark` is still their row."""
    if connection.vendor != "postgresql" or not settings.CROSSNOTE_PG_NEWS:
        return False
    return _listener.person_unchanged(str(int(person_id)), mark)


def marks_unchanged(person_id: int, mark: int) -> bool:
    """Whether the person's likes and collects read after people_mark() gave `mark` are still
    theirs (none made or undone since)."""
    if connection.vendor != "postgresql" or not settings.CROSSNOTE_PG_NEWS:
        return False
    return _listener.person_unchanged(f"m{int(person_id)}", mark)


def announce_sign_in_news(using: str | None = None) -> None:
    """Tell every process that sign-ins changed (at commit, as the triggers do): a Python
    change no trigger sees (a rate-limit rule saved)."""
    target = connections[using or "default"]
    if target.vendor != "postgresql":
        return
    with target.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, '')", [PEOPLE_CHANNEL])


def wait_for_news(since: int | None, timeout: float = 5.0) -> int | None:
    """Wait until generation() is a number other than `since` (tests: a write was heard); the
    number, or None after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = generation()
        if now is not None and now != since:
            return now
        time.sleep(0.001)
    return None


def stop() -> None:
    _listener.stop()
