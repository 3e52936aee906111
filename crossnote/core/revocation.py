"""Sign-in revocations that every process sees at once: one generation number, bumped whenever a
session or API token is saved or deleted (log-in, log-out, password change, suspension, erasure,
token revoked), that per-process memos of session and token look-ups check before each use
(crossnote.accounts.authcache). A memo entry made under an older generation is never used. The
admin's rate-limit rules are memoised under it too (crossnote.security.ratelimits): a rule saved
or deleted bumps it, rare enough that the sign-in memos re-reading once costs nothing.

Where the number lives:
- embedded default (SQLite, no Redis): an 8-byte counter in `auth-generation` in the data folder,
  mapped into every process's memory (mmap, MAP_SHARED): every process of the host reads the same
  page, so a bump by one is seen by the next read in all the others, with no system call;
- with REDIS_URL: a Redis key (INCR to bump, GET to read: one round trip per look-up);
- on PostgreSQL with its news on (CROSSNOTE_PG_NEWS, the default) first: the database announces
  it (crossnote.core.pgnews: a trigger on the session and token tables, NOTIFY for a rule
  saved) and each process's listener counts it, with this process's own bumps: no round trip
  per look-up. Where the listener is not settled (not connected yet, inside a transaction) the
  Redis key answers, or nothing;
- elsewhere (PostgreSQL without Redis, the listener not settled): nowhere. current() is None and
  the memos stay off: every look-up reads the database.

A bump is made at once and again when the transaction commits: a process that read the rows in
between (the old session still committed) memoised them under the first bump's number, which the
second makes old.
"""

import fcntl
import logging
import mmap
import os
import struct
import threading
from pathlib import Path

from django.conf import settings
from django.db import transaction

from crossnote.core import pgnews

log = logging.getLogger(__name__)

FILE_NAME = "auth-generation"
REDIS_KEY = "crossnote:auth-generation"
_COUNTER = struct.Struct("<Q")


class FileGeneration:
    """The counter in a file of the data folder, mapped once per process (and again in a forked
    worker, which then holds a mapping of its own)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid: int | None = None
        self._map: mmap.mmap | None = None
        self._lock = threading.Lock()

    def _mapped(self) -> mmap.mmap:
        if self._pid == os.getpid() and self._map is not None:
            return self._map
        with self._lock:
            if self._pid != os.getpid() or self._map is None:
                descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    if os.fstat(descriptor).st_size < _COUNTER.size:
                        fcntl.flock(descriptor, fcntl.LOCK_EX)
                        if os.fstat(descriptor).st_size < _COUNTER.size:
                            os.ftruncate(descriptor, _COUNTER.size)  # zeros: generation 0
                        fcntl.flock(descriptor, fcntl.LOCK_UN)
                    self._map = mmap.mmap(descriptor, _COUNTER.size, mmap.MAP_SHARED)
                finally:
                    os.close(descriptor)  # the mapping keeps the file
                self._pid = os.getpid()
        return self._map

    def current(self) -> int:
        return _COUNTER.unpack_from(self._mapped())[0]

    def bump(self) -> None:
        mapped = self._mapped()
        descriptor = os.open(self.path, os.O_RDWR)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # one increment at a time across processes
            _COUNTER.pack_into(mapped, 0, _COUNTER.unpack_from(mapped)[0] + 1)
        finally:
            os.close(descriptor)  # releases the lock


class RedisGeneration:
    """The counter as a Redis key; an unreachable Redis reads as None (memos unused)."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=1)

    def current(self) -> int | None:
        try:
            return int(self.client.get(REDIS_KEY) or 0)
        except Exception:  # noqa: BLE001 - Redis away: read from the database instead
            return None

    def bump(self) -> None:
        try:
            self.client.incr(REDIS_KEY)
        except Exception:  # the memos of other processes cannot be told: they expire by age
            log.exception("auth generation: Redis did not take the bump")


class PgNewsGeneration:
    """The sign-in news of PostgreSQL (crossnote.core.pgnews): triggers on the session and
    token tables announce their writes at commit; a bump (a rate-limit rule) is a NOTIFY in
    the writer's transaction, heard at its commit."""

    def current(self) -> int | None:
        return pgnews.auth_generation()

    def bump(self, using: str | None = None) -> None:
        pgnews.announce_sign_in_news(using)


_news: PgNewsGeneration | None = None
_store: FileGeneration | RedisGeneration | None = None
_store_for: tuple | None = None


_own_bumps = [0]


def _bump_own() -> None:
    _own_bumps[0] += 1


def _configured() -> tuple[PgNewsGeneration | None, FileGeneration | RedisGeneration | None]:
    """The stores for the current settings (tests switch settings: the stores follow them):
    PostgreSQL's news where it is on, and the shared number (Redis, or the file)."""
    global _news, _store, _store_for
    redis_url = getattr(settings, "REDIS_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    news = bool(getattr(settings, "CROSSNOTE_PG_NEWS", False)) and "postgresql" in engine
    key = (redis_url, engine, str(settings.DATA_DIR), news)
    if key != _store_for:
        _news = PgNewsGeneration() if news else None
        if redis_url:
            _store = RedisGeneration(redis_url)
        elif engine.endswith("sqlite3"):  # Django's backend or crossnote.core.sqlite3
            Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
            _store = FileGeneration(Path(settings.DATA_DIR) / FILE_NAME)
        else:
            _store = None
        _store_for = key
    return _news, _store


def current() -> int | None:
    """The generation now, or None where no shared number exists (then memos must not be used).
    PostgreSQL's news first (no round trip); where its listener is not settled (or inside a
    transaction) the shared number. The two never give the same value (even and odd), so an
    entry made under one is old under the other."""
    news, store = _configured()
    if news is not None:
        heard = news.current()
        if heard is not None:  # with this process's own bumps, heard at once
            return 2 * ((heard << 32) + _own_bumps[0])
    if store is None:
        return None
    number = store.current()
    return None if number is None else 2 * number + 1


def bump(using: str | None = None) -> None:
    """Make every memo entry of every process old: now, and again when the transaction commits
    (PostgreSQL's news: at commit, heard by every listening process)."""
    news, store = _configured()
    if news is not None:
        # This process's own memos at once (its listener hears the NOTIFY a moment after the
        # commit) and again at commit; every other process at commit.
        _bump_own()
        transaction.on_commit(_bump_own, using=using)
        news.bump(using)
    if store is None:
        return
    store.bump()
    transaction.on_commit(store.bump, using=using)
