"""Django's SQLite backend with the write gate (crossnote.core.sqlite3.gate) around each write.

A write transaction takes the gate just before its `BEGIN IMMEDIATE` (which takes SQLite's write
lock at once, so waiting for the gate first replaces waiting in SQLite's busy handler) and lets go
after its COMMIT or ROLLBACK, or when its connection closes. A write statement outside any
transaction (autocommit: a lone `save()` or `update()`) takes it around that statement. Reads
never take it: in WAL they run beside the writer. Savepoints and nested `atomic` blocks run
inside the outermost block's hold. An in-memory database (the test suite's) has no gate: no other
process can open it, and Django's live-server tests share one connection between threads.
"""

import re
import sqlite3
from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

from .checkpoint import BACKSTOP_PAGES, Checkpointer, checkpointer_for
from .gate import WriteGate, gate_for

# The first words of statements that write. "WITH" may start either kind: a common table
# expression ahead of an INSERT, UPDATE or DELETE writes.
_WRITES = (
    "INSERT",
    "UPDATE",
    "DELETE",
    "REPLACE",
    "CREATE",
    "DROP",
    "ALTER",
    "ANALYZE",
    "VACUUM",
    "REINDEX",
)
_WRITING_CTE = re.compile(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def writes(sql: str) -> bool:
    """Whether a statement may write (and so needs SQLite's write lock)."""
    head = sql[:24].lstrip()[:8].upper()
    if head.startswith(_WRITES):
        return True
    return head.startswith("WITH") and _WRITING_CTE.search(sql) is not None


class GatedCursor(base.SQLiteCursorWrapper):
    """A cursor whose write statements outside a transaction pass through the gate."""

    wrapper: "DatabaseWrapper"

    def execute(self, query, params=None):
        wrapper = self.wrapper
        if wrapper.gate_held or not writes(query):
            return super().execute(query, params)
        wrapper.enter_gate()
        try:
            return super().execute(query, params)
        finally:
            wrapper.leave_gate_if_done()

    def executemany(self, query, param_list):
        wrapper = self.wrapper
        if wrapper.gate_held or not writes(query):
            return super().executemany(query, param_list)
        wrapper.enter_gate()
        try:
            return super().executemany(query, param_list)
        finally:
            wrapper.leave_gate_if_done()


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite with writers queued on the write gate; everything else is Django's backend."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate_held = False
        self._gate: WriteGate | None = None
        self._gate_name: object = None
        self._checkpointer: Checkpointer | None = None
        self._database_path = ""

    def get_new_connection(self, conn_params):
        """A connection that leaves WAL checkpoints to this process's checkpoint thread
        (crossnote.core.sqlite3.checkpoint), keeping SQLite's own only as a backstop."""
        connection = super().get_new_connection(conn_params)
        self._checkpointer = None
        if self.checkpoint_interval() > 0 and self.gate() is not None:
            connection.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
            self._checkpointer = self.checkpointer()
        return connection

    def create_cursor(self, name=None):
        cursor = self.connection.cursor(factory=GatedCursor)
        cursor.wrapper = self
        return cursor

    def gate(self) -> WriteGate | None:
        """The gate of the file this connection opens (tests rename the database: followed)."""
        name = self.settings_dict["NAME"]
        if name != self._gate_name:
            self._gate_name = name
            path = str(name)
            if path.startswith("file:"):  # a URI (uri=True): the file is its path
                path = path[len("file:") :].split("?", 1)[0]
            self._database_path = path
            self._gate = None if self.is_in_memory_db() or not path else gate_for(path)
        return self._gate

    @staticmethod
    def checkpoint_interval() -> float:
        return float(getattr(settings, "CROSSNOTE_SQLITE_CHECKPOINT_INTERVAL", 0) or 0)

    def checkpointer(self) -> Checkpointer:
        """This process's checkpoint thread for the file (one started if none runs)."""
        return checkpointer_for(
            self._database_path,
            self.checkpoint_interval(),
            self.gate(),
            float(self.settings_dict["OPTIONS"].get("timeout", 5)),
        )

    def enter_gate(self) -> None:
        if self.gate_held:
            return
        gate = self.gate()
        if gate is None:
            return
        gate.acquire(float(self.settings_dict["OPTIONS"].get("timeout", 5)))
        self.gate_held = True

    def leave_gate(self) -> None:
        if self.gate_held:
            self.gate_held = False
            gate = self._gate
            assert gate is not None
            gate.release()
            checkpointer = self._checkpointer
            if checkpointer is not None:
                if checkpointer.forked or checkpointer.stopped:  # a fork's copy, a deleted file
                    checkpointer = self._checkpointer = self.checkpointer()
                checkpointer.committed()

    def leave_gate_if_done(self) -> None:
        """Let go unless SQLite still has a transaction open on this connection (one begun
        implicitly with autocommit turned off: it holds the write lock until it ends)."""
        if not self.gate_held:
            return
        try:
            still_open = self.connection is not None and self.connection.in_transaction
        except sqlite3.Error:  # closed under us: nothing is held in SQLite any more
            still_open = False
        if not still_open:
            self.leave_gate()

    def _start_transaction_under_autocommit(self) -> None:
        self.enter_gate()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self.leave_gate()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self.leave_gate_if_done()  # a failed COMMIT leaves the transaction to its ROLLBACK

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self.leave_gate_if_done()

    def _close(self):
        try:
            return super()._close()
        finally:
            self.leave_gate()
