"""The database cache's counter (rate limits without Redis) is exact under concurrency: several
processes, each with several threads, count one key through django-ratelimit (cache.add, then
cache.incr) and not one count is lost, on SQLite and on PostgreSQL."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PROCESSES, THREADS, EACH = 4, 4, 40

SETTINGS = textwrap.dedent(
    """
    import json, os
    from crossnote.settings import *  # noqa: F403

    DATABASES = {"default": json.loads(os.environ["COUNTER_DATABASE"])}
    CACHES = {"default": json.loads(os.environ["COUNTER_CACHE"])}
    """
)

HAMMER = textwrap.dedent(
    """
    import sys, threading
    import django
    django.setup()
    from django.db import connections
    from django.test import RequestFactory
    from django_ratelimit.core import get_usage

    threads, each = int(sys.argv[1]), int(sys.argv[2])
    start = threading.Barrier(threads)
    errors = []

    def work():
        request = RequestFactory().post("/")
        start.wait()
        try:
            for _ in range(each):
                usage = get_usage(
                    request, group="hammer", key=lambda g, r: "one-key", rate="100000/d",
                    increment=True,
                )
                assert usage is not None and usage["count"] > 0, usage
        except Exception as exc:  # reported to the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers: w.start()
    for w in workers: w.join()
    print("ERRORS", errors)
    sys.exit(1 if errors else 0)
    """
)

FINAL = textwrap.dedent(
    """
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import RequestFactory
    from django_ratelimit.core import get_usage

    if __import__("sys").argv[1] == "setup":
        call_command("createcachetable", verbosity=0)
    else:
        usage = get_usage(
            RequestFactory().post("/"), group="hammer", key=lambda g, r: "one-key",
            rate="100000/d", increment=False,
        )
        print("COUNT", usage["count"])
    """
)


def _database() -> dict:
    """The database the hammer runs on: this run's PostgreSQL test database (committed rows:
    transactional test), or a SQLite file with the product's options (WAL, BEGIN IMMEDIATE)."""
    if connection.vendor == "postgresql":
        db = dict(connection.settings_dict)
        db.pop("TEST", None)
        db["OPTIONS"] = {k: v for k, v in db.get("OPTIONS", {}).items() if k != "pool"}
        return db
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "",  # set by the test
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def _run(tmp_path, backend: str) -> tuple[int, list[str]]:
    database = _database()
    if database["ENGINE"].endswith("sqlite3"):
        database["NAME"] = str(tmp_path / "counter.sqlite3")
    (tmp_path / "counter_settings.py").write_text(SETTINGS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "counter_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "CROSSNOTE_DATA_DIR": str(tmp_path / "data"),
        "COUNTER_DATABASE": json.dumps(database, default=str),
        "COUNTER_CACHE": json.dumps(
            {"BACKEND": backend, "LOCATION": "counter_cache", "OPTIONS": {"MAX_ENTRIES": 50_000}}
        ),
    }
    env.pop("REDIS_URL", None)

    def python(script, *args, **kwargs):
        return subprocess.Popen(  # noqa: S603 - this interpreter, our own script
            [sys.executable, "-c", script, *map(str, args)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **kwargs,
        )

    setup = python(FINAL, "setup")
    assert setup.wait(timeout=120) == 0, setup.stderr.read()[-3000:]
    workers = [python(HAMMER, THREADS, EACH) for _ in range(PROCESSES)]
    outputs = [w.communicate(timeout=300) for w in workers]
    problems = [
        err[-1500:] + out[-1500:]
        for w, (out, err) in zip(workers, outputs, strict=True)
        if w.returncode
    ]
    final = python(FINAL, "count")
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err[-3000:]
    return int(out.split("COUNT")[-1]), problems


@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_are_exact_on_the_database_cache(tmp_path):
    count, problems = _run(tmp_path, "crossnote.core.cache.AtomicDatabaseCache")
    assert problems == []
    assert count == PROCESSES * THREADS * EACH


def test_the_embedded_default_counts_with_the_atomic_cache():
    if django_settings.REDIS_URL:
        pytest.skip("Redis counts atomically (INCR)")
    backend = django_settings.CACHES[django_settings.RATELIMIT_USE_CACHE]["BACKEND"]
    assert backend == "crossnote.core.cache.AtomicDatabaseCache"


@pytest.mark.django_db
def test_incr_keeps_djangos_contract():
    from django.core.cache import caches

    from crossnote.core.cache import AtomicDatabaseCache

    cache = caches["default"]
    if not isinstance(cache, AtomicDatabaseCache):
        pytest.skip("the Redis cache is configured")
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-set")
    assert cache.add("n", 1, 60)
    assert cache.incr("n") == 2
    assert cache.incr("n", 5) == 7
    assert cache.decr("n", 3) == 4
    assert cache.get("n") == 4
    cache.set("gone", 1, -1)  # already expired
    with pytest.raises(ValueError, match="not found"):
        cache.incr("gone")
