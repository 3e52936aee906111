"""The database cache (rate limits without Redis) counts a key that is already counting with one
read and one write statement (`add` reads the row, `incr` right after compares against it): no write transaction, no count of the whole table (Django's `add`
made one of each for every request, and the locked `incr` another). A concurrent change falls
back to the locked path; none is lost (tests/security/test_cache_counter.py hammers it)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.core.cache import AtomicDatabaseCache

cache = caches["default"]

pytestmark = pytest.mark.skipif(
    not isinstance(cache, AtomicDatabaseCache), reason="the database cache (no REDIS_URL)"
)


@pytest.mark.django_db
def test_a_counting_key_is_counted_without_a_write_transaction():
    assert cache.add("rl:fast", 1, 60) is True
    with CaptureQueriesContext(connection) as queries:
        assert cache.add("rl:fast", 1, 60) is False
        assert cache.incr("rl:fast") == 2
        assert cache.incr("rl:fast", 3) == 5
    sql = [q["sql"].upper() for q in queries.captured_queries]
    assert not [s for s in sql if s.startswith(("BEGIN", "SAVEPOINT", "INSERT")) or "COUNT(" in s]
    assert len([s for s in sql if s.startswith("UPDATE")]) == 2
    assert cache.get("rl:fast") == 5


@pytest.mark.django_db
def test_a_value_changed_since_it_was_read_is_counted_on_the_locked_path(monkeypatch):
    cache.set("rl:raced", 10, 60)
    real_load = __import__("crossnote.core.cache", fromlist=["_load"])._load
    raced = []

    def load_then_race(text):
        value = real_load(text)
        if not raced:  # another process counts between this read and its write
            raced.append(True)
            cache.set("rl:raced", 20, 60)
        return value

    monkeypatch.setattr("crossnote.core.cache._load", load_then_race)
    assert cache.incr("rl:raced") == 21  # not 11: the compare-and-set saw the change
    assert cache.get("rl:raced") == 21


@pytest.mark.django_db
def test_missing_and_expired_keys_are_refused_as_django_refuses_them():
    with pytest.raises(ValueError):
        cache.incr("rl:never")
    cache.set("rl:gone", 1, -1)  # already expired
    with pytest.raises(ValueError):
        cache.incr("rl:gone")
    assert cache.add("rl:gone", 1, 60) is True  # an expired key may be added again
    assert cache.incr("rl:gone") == 2


@pytest.mark.django_db
def test_add_then_incr_is_one_read_and_one_write():
    """django-ratelimit's count of a scope: add (False: counting already), then incr."""
    cache.add("rl:pair", 1, 60)
    with CaptureQueriesContext(connection) as queries:
        assert cache.add("rl:pair", 1, 60) is False
        assert cache.incr("rl:pair") == 2
    sql = [q["sql"].upper() for q in queries.captured_queries]
    assert len(sql) == 2 and sql[0].startswith("SELECT") and sql[1].startswith("UPDATE"), sql
    # Another key's incr reads its own row; the value add kept is used once.
    cache.set("rl:other", 7, 60)
    assert cache.add("rl:pair", 1, 60) is False
    assert cache.incr("rl:other") == 8
    assert cache.incr("rl:pair") == 3


@pytest.mark.django_db
def test_a_value_changed_between_add_and_incr_is_not_lost():
    """Another process counts after add read the row: the compare-and-set misses, incr reads
    again (under the lock) and counts on top of it."""
    cache.add("rl:between", 1, 60)
    assert cache.add("rl:between", 1, 60) is False  # read: 1
    cache.set("rl:between", 40, 60)  # someone else's counts meanwhile
    assert cache.incr("rl:between") == 41
    assert cache.get("rl:between") == 41
