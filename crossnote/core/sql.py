"""Plain SQL for the few hot checks where the ORM costs more than the query.

Building a one-row existence query through the ORM cost 0.3-0.5 ms on this project's 2-core
machine; the database answers it in 0.02 ms (bench/feeds_writes.py). Callers pass constant SQL
whose table and column names come from the models; values are always parameters.
"""

from django.db import connections


def row_exists(sql: str, params: list, *, using: str = "default") -> bool:
    """Whether `sql` returns at least one row."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None
