"""The write gate: one writer at a time on a SQLite file, queued in the kernel.

SQLite lets one connection write at a time. A connection that finds the write lock taken calls
its busy handler, which sleeps and polls again, each sleep longer (1, 2, 5 ... up to 100 ms)
until `timeout`: under a burst of writers from several threads and processes most of them sleep
while the lock sits free (bench/sqlite_writers.py: p99 270 ms, the slowest like 6 s, CPUs idle).
The gate puts writers in a queue instead: a `threading.Lock` among this process's threads, then an
exclusive `flock` on a file beside the database among processes. Both wake the next writer the
moment the last one lets go, and the kernel drops a `flock` whose process dies, so a killed
worker never leaves the gate shut.
"""

import fcntl
import logging
import os
import threading

from django.db import OperationalError

log = logging.getLogger(__name__)

_gates: dict[str, "WriteGate"] = {}
_gates_lock = threading.Lock()


class WriteGate:
    """The gate of one database file in this process; `path` is its lock file."""

    def __init__(self, path: str):
        self.path = path
        self.lock = threading.Lock()
        self.fd: int | None = None
        self.cross_process = True

    def acquire(self, timeout: float) -> None:
        """Wait for the gate: at most `timeout` seconds behind this process's other writers, then
        as long as the writer holding the file lock in another process takes (one transaction,
        whose statements themselves give up after SQLite's `timeout` if something outside the
        gate holds the database)."""
        if not self.lock.acquire(timeout=timeout if timeout > 0 else -1):
            # The words SQLite itself uses, so whatever handles its timeout handles this one.
            raise OperationalError(f"database is locked (waited {timeout:g} s for the write gate)")
        try:
            if self.cross_process:
                fd = self.fd if self.fd is not None else self._open()
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            self.lock.release()
            raise

    def release(self) -> None:
        try:
            if self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self.lock.release()

    def _open(self) -> int | None:
        """The lock file's descriptor, opened on this process's first write. Where the file
        cannot be made (a read-only folder), threads still queue and processes fall back to
        SQLite's busy handler."""
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as error:
            log.warning("SQLite write gate: cannot open %s (%s); threads only", self.path, error)
            self.cross_process = False
        return self.fd


def gate_for(database: str) -> WriteGate:
    """This process's gate for a database file (one per file, shared by every connection to
    it); the lock file sits beside the database, as SQLite's own -wal and -shm do."""
    path = os.path.realpath(database)
    with _gates_lock:
        gate = _gates.get(path)
        if gate is None:
            gate = _gates[path] = WriteGate(path + "-writegate")
        return gate


def _forget_after_fork() -> None:
    """A forked child (a server's worker) starts with fresh gates: a lock held by another
    thread at the fork would never be released here, and a lock file descriptor shared with the
    parent shares its flock too, which would let both processes in at once."""
    global _gates_lock
    _gates_lock = threading.Lock()
    _gates.clear()


os.register_at_fork(after_in_child=_forget_after_fork)
