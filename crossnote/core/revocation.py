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
- elsewhere (PostgreSQL without Redis, where web processes may run on several hosts): nowhere.
  current() is None and the memos stay off: every look-up reads the database, as before.

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


_store: FileGeneration | RedisGeneration | None = None
_store_for: tuple | None = None


def _configured():
    """The store for the current settings (tests switch settings: the store follows them)."""
    global _store, _store_for
    redis_url = getattr(settings, "REDIS_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    key = (redis_url, engine, str(settings.DATA_DIR))
    if key != _store_for:
        if redis_url:
            _store = RedisGeneration(redis_url)
        elif engine.endswith("sqlite3"):  # Django's backend or crossnote.core.sqlite3
            Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
            _store = FileGeneration(Path(settings.DATA_DIR) / FILE_NAME)
        else:
            _store = None
        _store_for = key
    return _store


def current() -> int | None:
    """The generation now, or None where no shared number exists (then memos must not be used)."""
    store = _configured()
    return store.current() if store is not None else None


def bump(using: str | None = None) -> None:
    """Make every memo entry of every process old: now, and again when the transaction commits."""
    store = _configured()
    if store is None:
        return
    store.bump()
    transaction.on_commit(store.bump, using=using)
