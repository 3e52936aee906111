"""Plain SQL for the few hot checks where the ORM costs more than the query.

Building a one-row existence query through the ORM cost 0.3-0.5 ms on this project's 2-core
machine; the database answers it in 0.02 ms (bench/feeds_writes.py). Callers pass constant SQL
whose table and column names come from the models; values are always parameters.
"""

import re

from django.conf import settings
from django.db import connections


def row_exists(sql: str, params: list, *, using: str = "default") -> bool:
    """Whether `sql` returns at least one row."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


def planned_cursor(connection):
    """A cursor for one of the hot reads' compiled statements (constant SQL text, values as
    parameters): on PostgreSQL with DATABASE_PREPARE_THRESHOLD > 0 it binds values server-side,
    so the statement is prepared on the connection after that many runs and planned once;
    elsewhere (SQLite: its statement cache already does this), and where queries are logged
    (Django's debug cursor keeps no text of a server-bound statement), an ordinary cursor."""
    if (
        connection.vendor != "postgresql"
        or settings.DATABASE_PREPARE_THRESHOLD <= 0
        or connection.queries_logged  # DEBUG, tests: a logged query keeps its text
    ):
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    # As connection.cursor() wraps its own (query logging, error translation, thread checks).
    return connection._prepare_cursor(ServerBindingCursor(connection.connection))


_PLACEHOLDER = re.compile(r"%%|%s")


def ids_as_parameter(sql: str, params: list, marker: str, ids) -> tuple[str, list]:
    """`sql` with `IN (marker)` made `= ANY(%s)` and the ids passed as one array parameter
    (PostgreSQL), so the text is the same for every page of ids and may be prepared."""
    target = f"IN ({marker})"
    position = sql.index(target)
    before = sum(1 for m in _PLACEHOLDER.finditer(sql, 0, position) if m.group() == "%s")
    sql = f"{sql[:position]}= ANY(%s){sql[position + len(target) :]}"
    return sql, [*params[:before], [int(pk) for pk in ids], *params[before:]]
