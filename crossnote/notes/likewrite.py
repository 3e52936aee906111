"""A like in one statement: the like, its count and its notification written together.

On the embedded default every write waits at the write gate (crossnote.core.sqlite3.gate) and
holds it until its COMMIT. A like was five calls into SQLite under the gate (BEGIN, the like, the
count, the notification, COMMIT), and Python's sqlite3 module lets go of the GIL around each one:
between two of them the thread waits for the GIL behind the other threads' Python, up to the
interpreter's switch interval, while every other writer waits at the gate behind it (a like held
the gate ~3x as long as it ran alone: bench/README "Likes over HTTP"). On SQLite the like is one
INSERT into a view whose INSTEAD OF trigger makes all three writes: SQLite runs the statement,
its trigger and, in autocommit, the transaction's BEGIN and COMMIT in one call, one GIL
hand-over; the new count and the notification's id are read back after it, outside the gate.
On PostgreSQL the same five statements were five round trips to the server; there it is one
statement whose common table expressions make the three writes and answer with both.

SQLite's view and trigger are not a migration: a trigger naming notes_note would stop Django from
rebuilding that table on SQLite (SQLite refuses to rename a table while a trigger names one that
is missing), so they are dropped before every `migrate` and made again after it, from the models'
current table and column names. Where they are missing (a database not migrated since), the like
takes the ordinary path (crossnote.notes.services.like_note).
"""

import collections
import threading
from contextlib import nullcontext

from django.conf import settings
from django.db import IntegrityError, OperationalError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from crossnote.core.sql import planned_cursor
from crossnote.notes.models import Note, NoteLike, Visibility
from crossnote.notes.policies import HIDDEN_STATES
from crossnote.social.models import Notification
from crossnote.social.services import NOTIFICATION_COLUMNS, told_already_sql

VIEW = "notes_like_write"
TRIGGER = "notes_like_write_insert"

# The columns of an insert into the view: who liked which note when, and the notification to
# record with it (recipient NULL: none is due).
_COLUMNS = ("created_at", "user_id", "note_id", "recipient_id", "group_key")
# One like's values; a statement holds one or more (LikeBatcher).
_ROW = f"({', '.join(['%s'] * len(_COLUMNS))})"
_INSERT_ROWS = f"INSERT INTO {VIEW} ({', '.join(_COLUMNS)}) VALUES "  # noqa: S608 - constant names


class ViewMissing(Exception):
    """SQLite's like view is not there (any more): write the like the ordinary way."""


# Per database alias: whether the view exists, learnt on first use and after each migrate.
_ready: dict[str, bool] = {}


def _statements() -> list[str]:
    like = NoteLike._meta
    note = Note._meta
    notification = Notification._meta
    like_note = like.get_field("note").column
    like_user = like.get_field("user").column
    verb = Notification.Verb.LIKE.value
    return [
        f"CREATE VIEW {VIEW} AS SELECT " + ", ".join(f"NULL AS {column}" for column in _COLUMNS),
        f"CREATE TRIGGER {TRIGGER} INSTEAD OF INSERT ON {VIEW} BEGIN "  # noqa: S608 - model names
        f"INSERT INTO {like.db_table} (created_at, updated_at, {like_user}, {like_note}) "
        "VALUES (NEW.created_at, NEW.created_at, NEW.user_id, NEW.note_id); "
        f"UPDATE {note.db_table} SET like_count = like_count + 1 WHERE id = NEW.note_id; "
        f"INSERT INTO {notification.db_table} ({', '.join(NOTIFICATION_COLUMNS)}) "
        "SELECT "
        + _notification_values(
            created_at="NEW.created_at",
            updated_at="NEW.created_at",
            recipient_id="NEW.recipient_id",
            actor_id="NEW.user_id",
            verb=f"'{verb}'",
            note_id="NEW.note_id",
            comment_id="NULL",
            group_key="NEW.group_key",
        )
        + " WHERE NEW.recipient_id IS NOT NULL "
        f"AND NOT EXISTS ({_told_already('NEW.user_id', 'NEW.recipient_id', 'NEW.note_id')}); "
        "END",
    ]


def _told_already(actor: str, recipient: str, note: str) -> str:
    """Whether the author was told of this person's like of this note before (liked, unliked,
    liked again: told once)."""
    verb = f"'{Notification.Verb.LIKE.value}'"
    return told_already_sql(actor=actor, recipient=recipient, verb=verb, note=note, comment="NULL")


def _notification_values(**given: str) -> str:
    """A notification's values in NOTIFICATION_COLUMNS' order, by column name."""
    return ", ".join(given[column] for column in NOTIFICATION_COLUMNS)


def drop(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
        cursor.execute(f"DROP VIEW IF EXISTS {VIEW}")
    _ready.pop(connection.alias, None)


def create(connection: BaseDatabaseWrapper) -> None:
    """(Re)make the view and its trigger from the models as they are now; nothing until the
    tables it writes exist (a migrate that stopped early)."""
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    needed = {NoteLike._meta.db_table, Note._meta.db_table, Notification._meta.db_table}
    drop(connection)
    if needed <= tables:
        with connection.cursor() as cursor:
            for statement in _statements():
                cursor.execute(statement)
    _ready.pop(connection.alias, None)


def available(connection: BaseDatabaseWrapper) -> bool:
    """Whether a like on this connection can be written in one statement."""
    if connection.vendor == "postgresql":
        return True
    if connection.vendor != "sqlite":
        return False
    ready = _ready.get(connection.alias)
    if ready is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [TRIGGER]
            )
            ready = _ready[connection.alias] = cursor.fetchone() is not None
    return ready


def before_migrate(sender, using, **kwargs) -> None:
    drop(connections[using])


def after_migrate(sender, using, **kwargs) -> None:
    create(connections[using])


def _postgresql_writes(rows: str, recipient: str | None, sources: str = "liked") -> str:
    """The like's writes as common table expressions: `liked` (the like from `rows`, an
    INSERT's VALUES or SELECT), `counted` (the note's count) and, where `recipient` (an SQL
    expression) is given, `told` (the author's notification from `sources`, unless told of
    this person's like of this note before)."""
    like = NoteLike._meta
    like_note = like.get_field("note").column
    like_user = like.get_field("user").column
    writes = (
        f"liked AS (INSERT INTO {like.db_table} "  # noqa: S608 - model names
        f"(created_at, updated_at, {like_user}, {like_note}) {rows} RETURNING {like_note}), "
        f"counted AS (UPDATE {Note._meta.db_table} SET like_count = like_count + 1 "
        f"WHERE id IN (SELECT {like_note} FROM liked) RETURNING like_count)"
    )
    if recipient is None:
        return writes
    told = _told_already("%(actor)s", recipient, f"liked.{like_note}")
    return (
        f"{writes}, told AS (INSERT INTO {Notification._meta.db_table} "  # noqa: S608 - model names
        f"({', '.join(NOTIFICATION_COLUMNS)}) SELECT "
        + _notification_values(
            created_at="%(at)s",
            updated_at="%(at)s",
            recipient_id=recipient,
            actor_id="%(actor)s",
            verb="%(verb)s",
            note_id=f"liked.{like_note}",
            comment_id="NULL",
            group_key="%(group_key)s",
        )
        + f" FROM {sources} WHERE NOT EXISTS ({told}) RETURNING id)"  # noqa: S608 - model names
    )


def _postgresql_sql(tell: bool) -> str:
    writes = _postgresql_writes(
        "VALUES (%(at)s, %(at)s, %(actor)s, %(note)s)", "%(recipient)s" if tell else None
    )
    told = "(SELECT id FROM told)" if tell else "NULL"
    return f"WITH {writes} SELECT (SELECT like_count FROM counted), {told}"  # noqa: S608


_POSTGRESQL_SQL = {tell: _postgresql_sql(tell) for tell in (False, True)}


def _postgresql_visible_sql() -> str:
    """A like of note %(note)s by %(actor)s in one statement with the note's own read: written
    only where the note is certainly there for them (public, ready, not held or removed, its
    author's account open, and not their own), with the author's notification unless told of
    this like before. Answers (author, count after the like, notification id): all NULL where
    the note is not certainly visible, so nothing was written."""
    author = Note._meta.get_field("author")
    author_table = author.related_model._meta.db_table
    writes = _postgresql_writes(
        "SELECT %(at)s, %(at)s, %(actor)s, id FROM seen", "seen.author_id", "liked, seen"
    )
    return (
        f"WITH seen AS (SELECT n.id, n.{author.column} AS author_id "  # noqa: S608 - model names
        f"FROM {Note._meta.db_table} n JOIN {author_table} a ON a.id = n.{author.column} "
        "WHERE n.id = %(note)s AND n.visibility = %(public)s AND n.media_ready "
        "AND n.moderation <> ALL(%(hidden)s) AND a.is_active "
        f"AND n.{author.column} <> %(actor)s), {writes} "
        "SELECT (SELECT author_id FROM seen), (SELECT like_count FROM counted), "
        "(SELECT id FROM told)"
    )


_POSTGRESQL_VISIBLE_SQL = _postgresql_visible_sql()


def write_if_visible(
    connection: BaseDatabaseWrapper,
    *,
    at: str,
    user_id: int,
    note_id: int,
    group_key: str,
) -> tuple[int, int, int | None] | None:
    """PostgreSQL, outside any transaction of the caller's: like note `note_id` in one
    statement that also reads it (`write`'s writes, and the note's read the like would ask
    first), where the note is certainly visible to `user_id` as far as the note and its
    author's account tell: the caller has made sure that no block and no regional
    withholding can apply (crossnote.notes.policies). Returns (author id, the note's count
    after the like, the notification's id or None), or None where nothing was written: the
    note is missing, not public, not ready, held or removed, its author's account closed, or
    the reader's own; the caller then takes the ordinary path, which says which. Raises
    IntegrityError, having written nothing, when the person already likes the note."""
    params = {
        "at": at,
        "actor": user_id,
        "note": note_id,
        "public": Visibility.PUBLIC.value,
        "hidden": [state.value for state in HIDDEN_STATES],
        "verb": Notification.Verb.LIKE.value,
        "group_key": group_key,
    }
    # Prepared on the connection (crossnote.core.sql.planned_cursor): planning this statement
    # each time cost PostgreSQL more than the read it saves.
    with planned_cursor(connection) as cursor:
        cursor.execute(_POSTGRESQL_VISIBLE_SQL, params)
        author_id, count, told = cursor.fetchone()
    if count is None:  # `seen` found no row: nothing was written
        return None
    return author_id, count, told


# SQLite: the count, and the notification's id, after the view's insert, in one read (the
# notification found through its recipient's group key: that day's likes of the note). "+" keeps
# SQLite off the actor's index, which it would otherwise pick, scanning every notification the
# liker ever caused.
_COUNT_SQL = f"SELECT like_count FROM {Note._meta.db_table} WHERE id = %s"  # noqa: S608
_COUNT_AND_TOLD_SQL = (
    f"SELECT ({_COUNT_SQL}), "  # noqa: S608 - model names
    f"(SELECT MAX(id) FROM {Notification._meta.db_table} "
    "WHERE recipient_id = %s AND group_key = %s AND +actor_id = %s)"
)


def write(
    connection: BaseDatabaseWrapper,
    *,
    at: str,
    user_id: int,
    note_id: int,
    recipient_id: int | None,
    group_key: str | None,
) -> tuple[int, int | None]:
    """Write a like (and, where `recipient_id` is given, its notification with `group_key`
    unless they were told of this person's like of this note before) in one statement; `at` is
    the time as the database takes it. Returns the note's count after it and the notification's
    id (None: none was written). Raises IntegrityError, having written
    nothing, when the person already likes the note."""
    tell = recipient_id is not None
    if connection.vendor == "postgresql":
        params: dict[str, str | int | None] = {
            "at": at,
            "actor": user_id,
            "note": note_id,
            "recipient": recipient_id,
            "verb": Notification.Verb.LIKE.value,
            "group_key": group_key,
        }
        # Inside someone's transaction a refused statement would spoil it: a savepoint keeps
        # the refusal to this like (outside one, the statement is its own transaction).
        with (
            transaction.atomic(using=connection.alias)
            if connection.in_atomic_block
            else nullcontext(),
            planned_cursor(connection) as cursor,  # prepared on the connection: planned once
        ):
            cursor.execute(_POSTGRESQL_SQL[tell], params)
            count, told = cursor.fetchone()
        return count, told
    if batching(connection):
        return _BATCHER.write(connection, (at, user_id, note_id, recipient_id, group_key))
    # The rows this connection wrote, before and after: the trigger's own count (the like, the
    # note's count, and the notification where one was due).
    connection.ensure_connection()
    sqlite = connection.connection
    written = sqlite.total_changes
    _insert(connection, [(at, user_id, note_id, recipient_id, group_key)])
    told_now = sqlite.total_changes - written > 2
    with connection.cursor() as cursor:
        if told_now:
            cursor.execute(_COUNT_AND_TOLD_SQL, [note_id, recipient_id, group_key, user_id])
            count, told = cursor.fetchone()
            return count, told
        cursor.execute(_COUNT_SQL, [note_id])
        return cursor.fetchone()[0], None


def _insert(connection: BaseDatabaseWrapper, rows: list[tuple]) -> None:
    """The view's insert of `rows` (likes) in one statement: all of them, or (IntegrityError,
    one already liked) none."""
    values = ", ".join([_ROW] * len(rows))
    try:
        with connection.cursor() as cursor:
            cursor.execute(_INSERT_ROWS + values, [value for row in rows for value in row])
    except OperationalError as error:
        if VIEW not in str(error):
            raise
        # Dropped since this process looked (a `migrate` running beside the server): nothing
        # was written; asked again on the next like, the ordinary path meanwhile.
        _ready.pop(connection.alias, None)
        raise ViewMissing from error


# --- likes that arrive together, written together (SQLite) ---------------------------------------
#
# Even as one statement a like holds the write gate for longer than SQLite takes to run it: the
# statement lets go of the GIL, and the thread must win it back from the process's other request
# threads before it can open the gate again (the hold's median 0.17 ms, its mean 0.57 ms and its
# p99 9-12 ms under 16 connections, bench/README "Likes in a batch"). So the likes a process's
# threads ask for while one is being written wait for it and then go in together: one statement
# (the view's trigger runs per row), one pass through the gate and one hand-over of the GIL for
# all of them. Nobody waits for a batch to fill: a like arriving alone is written at once, alone.

_COUNT_AND_OWN_NOTIFICATION_SQL = (
    f"SELECT ({_COUNT_SQL}), "  # noqa: S608 - model names
    f"(SELECT MAX(id) FROM {Notification._meta.db_table} "
    "WHERE recipient_id = %s AND group_key = %s AND +actor_id = %s AND created_at = %s)"
)
# Rows per statement at most (SQLite allows 32,766 parameters; five a row).
BATCH_MOST = 64


def batching(connection: BaseDatabaseWrapper) -> bool:
    """Whether this like may go into a batch: on a database file with a write gate, outside any
    transaction of the caller's (a batch is written on whichever thread's connection leads it,
    so it cannot be part of the caller's transaction)."""
    return (
        settings.CROSSNOTE_SQLITE_LIKE_BATCH
        and not connection.in_atomic_block
        and getattr(connection, "gate", lambda: None)() is not None
    )


class _Like:
    __slots__ = ("done", "error", "row")

    def __init__(self, row: tuple):
        self.row = row
        self.done = False
        self.error: BaseException | None = None


class LikeBatcher:
    """One per process: one thread at a time (the leader, `busy`) writes every like waiting, its
    own among them; the others wait on `turn` until theirs is written or it is their turn to
    lead. A like written by another leader is not kept waiting for the next batch (a plain lock
    for the leader made it queue again, and Python's locks are not fair: under 16 connections a
    few likes waited 0.3 s for it)."""

    def __init__(self) -> None:
        self.waiting: collections.deque[_Like] = collections.deque()
        self.turn = threading.Condition(threading.Lock())
        self.busy = False
        self.batches = 0  # statements written, and likes in them: the batches' size, for tests
        self.likes = 0

    def write(self, connection: BaseDatabaseWrapper, row: tuple) -> tuple[int, int | None]:
        """As `write`: the note's count after the like and the notification's id (None: none was
        written). Raises IntegrityError (already liked) or ViewMissing, having written nothing."""
        like = _Like(row)
        turn = self.turn
        with turn:
            self.waiting.append(like)
            while self.busy and not like.done:
                turn.wait()
            lead = not like.done
            if lead:
                self.busy = True
        if lead:
            try:
                while not like.done:  # more than BATCH_MOST ahead of it: batch after batch
                    self._write_waiting(connection)
            finally:
                with turn:
                    self.busy = False
                    turn.notify_all()
        if like.error is not None:
            raise like.error
        at, user_id, note_id, recipient_id, group_key = row
        with connection.cursor() as cursor:
            if recipient_id is None:
                cursor.execute(_COUNT_SQL, [note_id])
                return cursor.fetchone()[0], None
            # This like's notification is the one written at its own time (the trigger wrote
            # none if the author was told of this person's like of this note before).
            cursor.execute(
                _COUNT_AND_OWN_NOTIFICATION_SQL, [note_id, recipient_id, group_key, user_id, at]
            )
            count, told = cursor.fetchone()
            return count, told

    def _write_waiting(self, connection: BaseDatabaseWrapper) -> None:
        batch: list[_Like] = []
        with self.turn:
            while self.waiting and len(batch) < BATCH_MOST:
                batch.append(self.waiting.popleft())
        try:
            try:
                _insert(connection, [like.row for like in batch])
                self.batches += 1
                self.likes += len(batch)
            except IntegrityError:
                if len(batch) == 1:
                    raise
                # One of them was liked already: each alone, so the others still count.
                for like in batch:
                    try:
                        _insert(connection, [like.row])
                        self.batches += 1
                        self.likes += 1
                    except Exception as alone:  # noqa: BLE001 - handed to that like's caller
                        like.error = alone
        except Exception as error:  # noqa: BLE001 - handed to every caller of the batch
            for like in batch:
                like.error = like.error or error
        finally:
            for like in batch:
                like.done = True


_BATCHER = LikeBatcher()
