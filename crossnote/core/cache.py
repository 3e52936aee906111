"""The database cache of the embedded default (no Redis), with an atomic `incr`.

Rate limits (crossnote.security.ratelimits, through django-ratelimit) count with `cache.add(key, 1)`
then `cache.incr(key)`. Django's DatabaseCache.incr is a `get` then a `set`: two processes or
threads incrementing one key at once both read n and both write n + 1, so a limit under-counts
exactly when it is hammered. Here `incr` reads and writes the row in one transaction that holds
the row (PostgreSQL: SELECT ... FOR UPDATE) or the database's write lock (SQLite: settings.py opens
every transaction with BEGIN IMMEDIATE), so concurrent increments queue and none is lost.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now


class AtomicDatabaseCache(DatabaseCache):
    """DatabaseCache whose incr/decr cannot lose a concurrent update."""

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        column_key, column_value = quote_name("cache_key"), quote_name("value")
        column_expires = quote_name("expires")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        current = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {column_value} FROM {table} "  # noqa: S608 - quoted names only
                f"WHERE {column_key} = %s AND {column_expires} > %s{lock}",
                [key, current],
            )
            row = cursor.fetchone()
            if row is None:
                # As Django's caches do for a missing or expired key (django-ratelimit then
                # counts the request as over the limit, failing closed).
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(row[0].encode()))  # noqa: S301 - our own rows
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {column_value} = %s WHERE {column_key} = %s",  # noqa: S608
                [encoded, key],
            )
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)
