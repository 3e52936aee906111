"""The caches: the database cache of the embedded default (no Redis), with an atomic `incr`, and
Django's Redis cache with its client made once and `incr` in one round trip (ReusedClientRedisCache).

Rate limits (crossnote.security.ratelimits, through django-ratelimit) count with `cache.add(key, 1)`
then `cache.incr(key)`. Django's DatabaseCache.incr is a `get` then a `set`: two processes or
threads incrementing one key at once both read n and both write n + 1, so a limit under-counts
exactly when it is hammered. Here `incr` writes the new value only where the row still holds the
value it read (one statement), and where another increment came first, reads and writes the row
in one transaction that holds it (PostgreSQL: SELECT ... FOR UPDATE) or the database's write lock
(SQLite: every transaction begins IMMEDIATE), so concurrent increments queue and none is lost.
"""

import base64
import pickle
import threading
from contextlib import nullcontext
from typing import cast

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, router, transaction
from django.utils.timezone import now


def _load(text: str):
    """A value as DatabaseCache stores it (base64 of a pickle), read back."""
    return pickle.loads(base64.b64decode(text.encode()))  # noqa: S301 - our own rows


def _dump(value, protocol: int) -> str:
    return base64.b64encode(pickle.dumps(value, protocol)).decode("latin1")


class AtomicDatabaseCache(DatabaseCache):
    """DatabaseCache whose incr/decr cannot lose a concurrent update.

    A rate-limited request counts each of its scopes with `add` then `incr`. Django's `add` is a
    write transaction every time (a cull count of the whole table, the row's read, an insert
    that fails when the window's key is there, a rollback) and the locked `incr` another: on
    SQLite four write transactions through the write gate for a like, more than the like's own
    writes. The common case, a key already counting, takes one read and one statement here:
    `add` answers False from a read of the row when the key is there and unexpired (as Django's
    would) and keeps the value it read (per thread); `incr` of that key right after writes the
    new value only if the row still holds it (compare-and-set, one statement; otherwise `incr`
    reads the row itself). A concurrent change makes it take the locked path."""

    def __init__(self, table, params):
        super().__init__(table, params)
        # The value `add` found for a key, per thread: what `incr` of that key right after it
        # (django-ratelimit's count) compares against, instead of reading the row again.
        self._seen = threading.local()

    def _statements(self):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        column_key, column_value = quote_name("cache_key"), quote_name("value")
        column_expires = quote_name("expires")
        read = (
            f"SELECT {column_value} FROM {table} "  # noqa: S608 - quoted names only
            f"WHERE {column_key} = %s AND {column_expires} > %s"
        )
        write = (
            f"UPDATE {table} SET {column_value} = %s "  # noqa: S608 - quoted names only
            f"WHERE {column_key} = %s AND {column_value} = %s AND {column_expires} > %s"
        )
        current = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        return db, connection, read, write, current

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        made = self.make_and_validate_key(key, version=version)
        _db, connection, read, _write, current = self._statements()
        with connection.cursor() as cursor:
            cursor.execute(read, [made, current])
            row = cursor.fetchone()
        if row is not None:
            self._seen.value = (made, row[0])
            return False
        return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db, connection, read, write, current = self._statements()
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        seen, self._seen.value = getattr(self._seen, "value", None), None
        # First unlocked: the write lands only where the row still holds what was read (or
        # what `add` just found there). Where another increment came first, again with the row
        # held while it is read and written.
        for locked in (False, True):
            with (
                transaction.atomic(using=db) if locked else nullcontext(),
                connection.cursor() as cursor,
            ):
                if not locked and seen is not None and seen[0] == key:
                    row = (seen[1],)
                else:
                    cursor.execute(read + (lock if locked else ""), [key, current])
                    row = cursor.fetchone()
                if row is None:
                    # As Django's caches do for a missing or expired key (django-ratelimit then
                    # counts the request as over the limit, failing closed).
                    raise ValueError(f"Key '{key}' not found.")
                value = _load(row[0]) + delta
                cursor.execute(write, [_dump(value, self.pickle_protocol), key, row[0], current])
                if cursor.rowcount == 1:
                    return value
        raise ValueError(f"Key '{key}' changed while it was held.")  # not reached: it was held

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)


# INCRBY only a key that exists (nil otherwise), in one round trip.
_INCR_EXISTING = (
    "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end "
    "return nil"
)

# Count a request against several rate-limit keys at once: each key made (0, expiring after its
# seconds) unless it exists, then incremented; the counts after, in the keys' order. What
# django-ratelimit does per key with cache.add and cache.incr (two round trips each), in one.
_COUNT_MANY = (
    "local counts = {} "
    "for i = 1, #KEYS do "
    "redis.call('SET', KEYS[i], 0, 'NX', 'EX', ARGV[i]) "
    "counts[i] = redis.call('INCR', KEYS[i]) "
    "end "
    "return counts"
)


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
        self._scripts: dict = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # Django's choice of server, pool made once
        client = self._clients.get(id(pool))  # a pool lives as long as this client: ids stay
        if client is None:
            # Two threads may both make one at first: the second replaces the first, harmlessly.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def incr(self, key, delta):
        """Django's is two round trips (EXISTS, then INCRBY: a bare INCRBY of a key that has
        just expired would make one that never expires, a rate limit that never resets); here
        one script does both on the server, atomically."""
        client = self.get_client(key, write=True)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(_INCR_EXISTING)
        value = script(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def count_many(self, keys: list[str], seconds: list[int]) -> list[int]:
        client = self.get_client(keys[0], write=True)
        script = self._scripts.get((id(client), "count_many"))
        if script is None:
            script = self._scripts[(id(client), "count_many")] = client.register_script(_COUNT_MANY)
        return [int(count) for count in script(keys=keys, args=seconds)]


class ReusedClientRedisCache(RedisCache):
    """Django's RedisCache (settings.CACHES with REDIS_URL) whose client is made once per
    pool rather than once per operation, `incr` one script instead of two commands, and
    `count_many` (rate limits); everything else is Django's."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

    def count_many(self, keys: list[str], seconds: list[int], version=None) -> list[int]:
        """One more counted against each key (made where missing, expiring after its seconds),
        in one round trip; the counts after, in order (crossnote.security.ratelimits: a like
        counted per person and per address was four round trips)."""
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        return cast(_ReusedClient, self._cache).count_many(made, [int(s) for s in seconds])
