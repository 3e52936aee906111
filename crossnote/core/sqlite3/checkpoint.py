"""WAL checkpoints off the request path: one thread per process copies the log into the database.

In WAL mode every commit appends pages to the `-wal` file, and SQLite copies them back into the
database (a checkpoint) from inside whichever commit first finds the log over
`wal_autocheckpoint` pages (1,000 by default): on a busy server, one like in every hundred or so
paid for copying a thousand pages and two fsyncs, milliseconds more than the like itself, and
held the write gate (crossnote.core.sqlite3.gate) while it did, so every writer behind it
waited too (bench/README.md, "Likes: WAL checkpoints in a thread of their own").

Here each process that writes to a database file starts one daemon thread that, every `interval`
seconds after a commit (or sooner, after `WAKE_AFTER_COMMITS` commits), checkpoints on a
connection of its own, in two passes. The first copies the bulk beside the writers: a PASSIVE
checkpoint copies what no reader still needs, never waits for readers or writers and takes
neither the write gate nor SQLite's write lock (and the GIL is free: the sqlite3 module lets go
of it while SQLite works). Writers go on appending meanwhile, so the log would never be wholly
copied and SQLite could never start it again from the top: it would grow as long as the writes
go on. The second pass copies those last few pages inside the write gate, where nobody appends,
so the next writer rewinds the log. The connections the application writes through keep an
automatic checkpoint only as a backstop, at `BACKSTOP_PAGES`, for a process whose thread cannot
keep up or has stopped. Several processes may each run one: a checkpoint already running
elsewhere makes the others' return at once.
"""

import logging
import os
import sqlite3
import threading

from .gate import WriteGate

log = logging.getLogger(__name__)

# The application's connections checkpoint themselves only past this many pages in the log
# (4 KiB pages: 32 MiB), where SQLite's default is 1,000.
BACKSTOP_PAGES = 8000
# The thread wakes early after this many commits: a like writes ~10 pages to the log, so a burst
# of likes reaches the backstop in ~800 commits.
WAKE_AFTER_COMMITS = 256

_lock = threading.Lock()
_threads: dict[str, "Checkpointer"] = {}


class Checkpointer:
    """The checkpoint thread of one database file in this process."""

    def __init__(self, path: str, interval: float, gate: WriteGate | None, gate_timeout: float):
        self.path = path
        self.interval = interval
        self.gate = gate
        self.gate_timeout = gate_timeout
        self.commits = 0  # commits seen since the thread last looked
        self.checkpoints = 0  # checkpoints run (tests and benchmarks read it)
        self.forked = False  # this object was copied into a forked child: its thread is not there
        self.stopped = False  # the thread has ended: its database file is gone
        self.wake = threading.Event()
        self.thread = threading.Thread(
            target=self.run, name="crossnote-sqlite-checkpoint", daemon=True
        )
        self.thread.start()

    def committed(self) -> None:
        """A write through this process has committed: the next round has pages to copy. (An
        unlocked increment: a lost one only defers the checkpoint by a round.)"""
        self.commits += 1
        if self.commits == WAKE_AFTER_COMMITS:
            self.wake.set()

    def run(self) -> None:
        while True:
            self.wake.wait(self.interval)
            self.wake.clear()
            if not self.commits:
                continue
            self.commits = 0
            if not os.path.exists(self.path):  # a deleted database (a test's): nothing to copy
                break
            # A connection for the round only: one held open would stop anything else from
            # changing the journal mode (bench/generate.py's bulk mode) or closing the database.
            connection = None
            try:
                connection = sqlite3.connect(self.path, timeout=0, isolation_level=None)
                connection.execute("PRAGMA synchronous=NORMAL")
                self.checkpoint(connection)
            except Exception as error:  # busy elsewhere, gate timed out, file gone: next round
                log.debug("SQLite checkpoint of %s: %s", self.path, error)
            finally:
                if connection is not None:
                    connection.close()
        self.stopped = True
        with _lock:
            if _threads.get(self.path) is self:
                del _threads[self.path]

    def checkpoint(self, connection) -> None:
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # the bulk
        if self.gate is not None:
            self.gate.acquire(self.gate_timeout)
            try:  # what was appended meanwhile, with nobody appending
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                self.gate.release()
        self.checkpoints += 1


def checkpointer_for(
    path: str, interval: float, gate: WriteGate | None, gate_timeout: float
) -> Checkpointer:
    """This process's checkpoint thread for a database file, started on first use."""
    path = os.path.realpath(path)
    with _lock:
        checkpointer = _threads.get(path)
        if checkpointer is None:
            checkpointer = _threads[path] = Checkpointer(path, interval, gate, gate_timeout)
        return checkpointer


def _forget_after_fork() -> None:
    """A forked child (a server's worker) has none of its parent's threads: it starts its own
    on its first write."""
    global _lock
    _lock = threading.Lock()
    for checkpointer in _threads.values():
        checkpointer.forked = True
    _threads.clear()


os.register_at_fork(after_in_child=_forget_after_fork)
