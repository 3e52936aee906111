"""A request counted against several limits (per person and per address) asks Redis once, and
keeps the counts django-ratelimit keeps (same keys, same windows, same expiry)."""

import pytest
import redis
from django.core.cache import caches
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from crossnote.core.errors import RateLimited
from crossnote.security import ratelimits
from crossnote.security.ratelimits import check_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "crossnote.core.cache.ReusedClientRedisCache", "LOCATION": redis_url}
    }
    settings.CROSSNOTE_RATE_LIMITS_ENABLED = True
    caches._settings = None  # noqa: SLF001 - rebuild the handler from the new settings
    try:
        yield caches["default"]
    finally:
        del caches["default"]
        caches._settings = None  # noqa: SLF001


def _request(user_id: int, address: str = "198.51.100.7"):
    request = RequestFactory().post("/api/v1/notes/1/like", REMOTE_ADDR=address)
    request.user = type("Person", (), {"is_authenticated": True, "pk": user_id})()
    return request


@pytest.fixture
def commands(monkeypatch):
    """The Redis commands sent from here on (a script's call is one)."""
    sent: list[str] = []
    execute = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(str(args[0]))
        return execute(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


def test_a_like_counted_per_person_and_per_address_is_one_round_trip(
    settings, redis_cache, commands, monkeypatch
):
    # The admin's rules are read apart, by their own generation (a Redis GET where PostgreSQL's
    # news is not settled): tests/security/test_security_rate_rules_memo.py. Counted here: the
    # counting alone.
    monkeypatch.setattr(ratelimits, "_admin_rules", dict)
    settings.CROSSNOTE_RATE_LIMITS = {"like.user": "5/h", "like.ip": "9/h"}
    check_rate(_request(1), "like")  # the script is loaded once per process
    commands.clear()
    check_rate(_request(1), "like")
    assert len(commands) == 1, commands


def test_its_counts_are_django_ratelimits_and_the_limit_holds(settings, redis_cache, redis_url):
    settings.CROSSNOTE_RATE_LIMITS = {"like.user": "3/h", "like.ip": "100/h"}
    for _ in range(3):
        check_rate(_request(2), "like")
    request = _request(2)
    usage = get_usage(request, group="crossnote.like.user", key=lambda _g, _r: "user:2", rate="3/h")
    assert usage is not None and usage["count"] == 3  # read through django-ratelimit's own key
    with pytest.raises(RateLimited) as refused:
        check_rate(_request(2), "like")
    assert 0 < refused.value.retry_after <= 3600
    # Another person behind the same address is not held back by the person's count.
    check_rate(_request(3), "like")
    # Every key expires with its window (as django-ratelimit's cache.add sets it).
    client = redis.Redis.from_url(redis_url)
    ttls = [client.ttl(key) for key in client.scan_iter("*")]
    assert ttls and all(0 < ttl <= 3600 + 5 for ttl in ttls), ttls


@pytest.fixture
def other_cache(settings):
    """A cache without count_many (as the embedded default's database cache)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches._settings = None  # noqa: SLF001
    try:
        yield caches["default"]
    finally:
        del caches["default"]
        caches._settings = None  # noqa: SLF001


def test_without_it_each_limit_is_counted_through_django_ratelimit(
    settings, other_cache, monkeypatch
):
    settings.CROSSNOTE_RATE_LIMITS_ENABLED = True
    settings.CROSSNOTE_RATE_LIMITS = {"like.user": "1/h", "like.ip": "100/h"}
    assert not hasattr(other_cache, "count_many")
    counted = []
    count = ratelimits._count  # noqa: SLF001

    def recording(request, group, value, rate):
        counted.append(group)
        return count(request, group, value, rate)

    monkeypatch.setattr(ratelimits, "_count", recording)
    check_rate(_request(4, "198.51.100.9"), "like")
    assert sorted(counted) == ["crossnote.like.ip", "crossnote.like.user"]
    with pytest.raises(RateLimited):
        check_rate(_request(4, "198.51.100.9"), "like")
