"""The Redis cache (settings.CACHES with REDIS_URL): Django's RedisCache whose redis client is made
once per pool (crossnote.core.cache.ReusedClientRedisCache), on a real Redis."""

import threading
import time

import pytest
from django.core.cache import caches
from redis.connection import Connection


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "crossnote.core.cache.ReusedClientRedisCache", "LOCATION": redis_url}
    }
    cache = caches["default"]
    yield cache
    cache.close()


def test_the_client_is_made_once_and_every_operation_works(redis_cache, monkeypatch):
    made = []
    client_class = redis_cache._cache._client  # redis.Redis, which Django calls per operation

    def counting(*args, **kwargs):
        made.append(kwargs)
        return client_class(*args, **kwargs)

    monkeypatch.setattr(redis_cache._cache, "_client", counting)
    assert redis_cache.get("missing", "fallback") == "fallback"
    redis_cache.set("note:1", {"title": "饺子"}, 60)
    assert redis_cache.get("note:1") == {"title": "饺子"}
    assert redis_cache.add("count", 1, 60) and not redis_cache.add("count", 5, 60)
    assert redis_cache.incr("count", 2) == 3
    redis_cache.set_many({"a": 1, "b": 2}, 60)
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    redis_cache.delete_many(["a", "b"])
    assert redis_cache.get_many(["a", "b"]) == {}
    assert redis_cache.delete("note:1") and redis_cache.get("note:1") is None
    assert len(made) == 1  # Django's own client makes one per operation: 14 here
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)


def test_threads_share_the_client_and_none_loses_a_count(redis_cache):
    redis_cache.set("hits", 0, 60)
    errors = []

    def count():
        try:
            for _ in range(200):
                redis_cache.incr("hits")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert redis_cache.get("hits") == 1600


def test_incr_is_one_round_trip_and_refuses_a_missing_or_expired_key(redis_cache, monkeypatch):
    """One script on the server (Django's incr: EXISTS then INCRBY, two round trips); a key
    that is gone is refused, never made again without its expiry (a limit that never resets)."""
    sent = []
    real_send = Connection.send_command

    def counting(self, *args, **kwargs):
        sent.append(args[0])
        return real_send(self, *args, **kwargs)

    redis_cache.add("rl:window", 1, 60)
    redis_cache.incr("rl:window")  # the script is loaded once per client
    monkeypatch.setattr(Connection, "send_command", counting)
    assert redis_cache.incr("rl:window", 3) == 5
    assert sent == ["EVALSHA"]
    monkeypatch.undo()
    with pytest.raises(ValueError):
        redis_cache.incr("rl:never")
    assert redis_cache.get("rl:never") is None  # not made by the refused incr
    redis_cache.add("rl:short", 1, 1)
    time.sleep(1.2)
    with pytest.raises(ValueError):
        redis_cache.incr("rl:short")
    assert redis_cache.get("rl:short") is None
