"""The caches: the database cache of the embedded default (no Redis), with an atomic `incr`, and
Django's Redis cache with its client made once (ReusedClientRedisCache).

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
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
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


class _ReusedClient(RedisCacheClient):
    """Django's client of the Redis cache, with one `redis.Redis` per connection pool kept.

    Django's makes a new `redis.Redis` for every cache operation, and redis-py's constructor
    fills a table of ~170 response callbacks (each name upper-cased into a case-insensitive
    dict): on a signed-in explore request on PostgreSQL + Redis that was half the request's
    Python CPU (bench/README "PostgreSQL + Redis: the Redis client made once"). A `redis.Redis`
    holds no connection of its own (each command borrows one from the pool), so one per pool
    serves every thread; the pool itself starts afresh in a forked worker (redis-py checks the
    pid)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # Django's choice of server, pool made once
        client = self._clients.get(id(pool))  # a pool lives as long as this client: ids stay
        if client is None:
            # Two threads may both make one at first: the second replaces the first, harmlessly.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    """Django's RedisCache (settings.CACHES with REDIS_URL) whose client is made once per
    pool rather than once per operation; everything else is Django's."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
