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

Never stale by a race on this side: `generation()` answers None (ask the database) while a
notification waits unread on the listening socket, while the listening thread is taking one in,
before the connection is made, after it failed (until it is made again, which moves the
generation: news may have been missed), and inside a transaction (the reader may see its own
uncommitted writes, which no one announced yet; tests run inside one). What is left is the time
PostgreSQL takes to hand a committed notification to the listening backends: microseconds, not
a cache's seconds.
"""

import logging
import os
import select
import threading
import time

import psycopg
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

CHANNEL = "crossnote_news"
_KEEPALIVE_SECONDS = 30.0
_RETRY_SECONDS = 1.0
_RETRY_MAX_SECONDS = 300.0
_PROBE_SECONDS = 2.0


class Listener:
    """One listening connection and its thread per process (started on first use, and again
    after a fork: a child never shares its parent's socket)."""

    def __init__(self, channel: str = CHANNEL) -> None:
        self.channel = channel
        self._pid = 0
        self._start_lock = threading.Lock()
        # A sequence lock: even while the thread waits, odd while it takes news in. Moved by
        # 2 (one step each side) per batch of notifications and on every (re)connection.
        self._seq = 1
        self._fd = -1
        self._stop = threading.Event()
        self._wake = (-1, -1)  # a pipe: stop() writes to it, so the thread's wait ends at once
        self._thread: threading.Thread | None = None

    # --- the readers' side ---------------------------------------------------------------------

    def generation(self) -> int | None:
        """A number that is different after every announced write this process could know of,
        or None where a page must be checked in the database (see the module's doc)."""
        if connection.in_atomic_block:
            return None
        if self._pid != os.getpid():
            self._start()
        fd = self._fd
        if fd < 0:
            return None
        if _readable(fd, 0):
            return None
        seq = self._seq
        if seq % 2:
            return None
        return seq

    # --- the listening thread ------------------------------------------------------------------

    def _start(self) -> None:
        with self._start_lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._seq = 1
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
            _hear_itself(listening, self.channel)
            fd = listening.fileno()
            self._fd = fd
            # Whatever was written before LISTEN was not announced to us: a new generation.
            self._seq += 1 if self._seq % 2 else 2
            while not stop.is_set():
                waiting = _readable(fd, _KEEPALIVE_SECONDS, also=wake)
                if stop.is_set():
                    break
                if not waiting:
                    listening.execute("SELECT 1")  # a dead connection raises: reconnect
                    continue
                self._seq += 1  # odd: taking news in
                for _notify in listening.notifies(timeout=0):
                    pass
                self._seq += 1  # even again, and different
        self._fd = -1


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
