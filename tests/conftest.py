"""Shared fixtures: fast password hashing, media in a temporary folder, people and images."""

import io
import os
import re
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_init
from django.utils import translation
from PIL import Image

from crossnote.accounts.models import User
from crossnote.notes.models import Note


@pytest.fixture(autouse=True)
def _fast_hashing_and_tmp_media(settings, tmp_path):
    """Argon2 costs ~0.2 s a hash; tests that check it ask for `argon2_settings`."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CROSSNOTE_FRAMES_DIR = tmp_path / "frames"  # video frames kept for moderators
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    # A page test in Chinese must not leave the next test's messages in Chinese.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_feed_cards():
    """Feed cards are kept in process memory by note version (crossnote.feeds.cards); a test
    database rolled back reuses note ids, so each test starts with none."""
    from crossnote.accounts import authcache
    from crossnote.core.templatetags import fragments
    from crossnote.feeds.cards import forget_all
    from crossnote.notes import visitor_page
    from crossnote.security import ratelimits

    forget_all()
    visitor_page.forget_all()  # and visitors' whole note pages (crossnote.notes.visitor_page)
    fragments.forget_all()  # and card fragments (crossnote.core.templatetags.fragments)
    authcache.forget_all()  # and who sessions and tokens are (user ids are reused too)
    ratelimits.forget_rules()  # and the admin's rate-limit rules (a rolled-back rule bumps nothing)


def make_user(username="mia", **extra) -> User:
    user = User(username=username, email=extra.pop("email", f"{username}@example.com"), **extra)
    user.set_password("correct horse battery")
    user.save()
    return user


@pytest.fixture
def mia(db):
    return make_user("mia_ms", display_name="Mia", region="US", languages=["en"])


@pytest.fixture
def lin(db):
    return make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])


def image_bytes(fmt="JPEG", size=(640, 480), color=(200, 60, 60), **save_kwargs) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt in ("PNG", "WEBP") and save_kwargs.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(out, format=fmt, **save_kwargs)
    return out.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes() if data is None else data, content_type)


@pytest.fixture
def photo():
    return upload()


# --- API and page helpers (added for tests/api and tests/pages) -------------------------------

PASSWORD = "correct horse battery"


def gps_jpeg(size=(800, 600), orientation=None, make="SecretCam") -> bytes:
    """A JPEG carrying GPS coordinates and a camera make in its EXIF."""
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 13.0, 48.0)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 12.0)
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def huge_png_header(width=100_000, height=100_000) -> bytes:
    """A PNG whose header claims width × height pixels and carries no pixel data."""
    import struct
    import zlib

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def stored_files(root) -> list:
    """Every file under `root` (MEDIA_ROOT), as paths; empty when the folder does not exist."""
    from pathlib import Path

    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def page_html(client, path, **headers) -> str:
    """A page's HTML with its CSRF tokens blanked, so two renderings can be compared."""
    response = client.get(path, **headers)
    assert response.status_code == 200
    return _CSRF_TOKENS.sub(r"\1-", response.content.decode())


_CSRF_TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


class NotesBuilt:
    """Counts Note objects built while it is open (a warm page on the card path builds none)."""

    def __enter__(self):
        self.count = 0
        post_init.connect(self._built, sender=Note)
        return self

    def _built(self, **kwargs):
        self.count += 1

    def __exit__(self, *exc):
        post_init.disconnect(self._built, sender=Note)


def client_of(user, **kwargs):
    """A django.test.Client logged in as `user` (session auth)."""
    from django.test import Client

    client = Client(**kwargs)
    client.force_login(user)
    return client


def make_moderator(username, group="moderator", **extra) -> User:
    """A user in one of the moderator groups ("moderator", "senior moderator")."""
    from django.contrib.auth.models import Group

    user = make_user(username, **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


def moderator_decides(moderator, item, **decision):
    """The review page's two steps: `moderator` claims `item`, then decides it (`decision`:
    action, reason, and regions / legal_basis where they apply)."""
    from crossnote.moderation import services

    services.claim_item(item_id=item.pk, moderator=moderator)
    return services.decide_review_item(item_id=item.pk, moderator=moderator, **decision)


@pytest.fixture
def client_for(db):
    """`client_for(user)`: a django.test.Client logged in as `user` (session auth)."""
    return client_of


@pytest.fixture
def make_note(db):
    """`make_note(author, ...)`: a note posted through the service, with real stored images."""
    from crossnote.notes.services import create_note

    def make(author, title="A note", body="", images=None, **kwargs):
        return create_note(
            author=author,
            title=title,
            body=body,
            images=images if images is not None else [upload()],
            **kwargs,
        )

    return make


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    """Suites sign up, log in and post many times from one address: every rate limit is set far
    above that (the mechanism still runs). tests/security sets them low where it tests them."""
    from crossnote.security.ratelimits import DEFAULT_RATES

    settings.CROSSNOTE_RATE_LIMITS = {
        f"{action}.{scope}": "100000/h"
        for action, scopes in DEFAULT_RATES.items()
        for scope in scopes
    }


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Every test starts from an empty cache. With REDIS_URL (the scale-out pass) the cache
    outlives each test's rolled-back transaction; so does the database cache's table in tests
    that commit (live servers, transactional_db): a flush empties the models' tables only, and
    a reader's explore pool kept from the last test would be served (refreshed in the
    background at most every 10 s)."""
    from django.conf import settings as django_settings
    from django.core.cache import cache

    if django_settings.REDIS_URL:
        cache.clear()
    elif {"live_server", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _no_scheduler_thread():
    """No in-process scheduler thread in the test process: a session-wide live server loads the
    middleware before any test's settings, and a thread started then would run periodic jobs in
    the moments between tests (a teardown once met its lock: "database table is locked")."""
    from django.conf import settings as django_settings

    django_settings.CROSSNOTE_SCHEDULER = False


def pg_news_caught_up(timeout: float = 5.0) -> None:
    """Wait until this process has taken in every PostgreSQL notification of the writes
    committed so far (crossnote.core.pgnews): one more is announced and waited for; PostgreSQL
    delivers them in commit order, so the ones before it are in too. A test that asserts a kept
    page asks nothing starts here, not while a fixture's own writes are still on their way."""
    from django.db import connection

    from crossnote.core import pgnews

    before = pgnews.generation()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, 'caught-up')", [pgnews.CHANNEL])
    assert pgnews.wait_for_news(before, timeout) is not None, "PostgreSQL news is not heard"


def write_elsewhere(sql: str, params: list) -> None:
    """A committed write on a PostgreSQL connection of its own, as another server process would
    make it: no signal or memo of this process sees it; only the database's news tells."""
    import psycopg

    from crossnote.core import pgnews

    with psycopg.connect(**pgnews.connection_params(), autocommit=True) as other:
        other.execute(sql, params)


def heard(check, timeout: float = 5.0) -> None:
    """Wait until `check()` is true (a write elsewhere was announced and taken in here)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.001)
    raise AssertionError("the write was not announced")


@pytest.fixture(autouse=True, scope="session")
def _pg_news_closed(request):
    """The PostgreSQL news listener (crossnote.core.pgnews) holds a connection to the test
    database: closed before the database is dropped (set up after it, so torn down first)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    request.getfixturevalue("django_db_setup")
    yield
    from crossnote.core import pgnews

    pgnews.stop()


@pytest.fixture(autouse=True, scope="session")
def _urls_loaded():
    """The test process is a serving process whose URLconf is loaded, as crossnote.wsgi leaves a
    server's (crossnote.core.startup): a warm-up a test starts does not wait for it."""
    from crossnote.core import startup

    startup.load_urls()


@pytest.fixture(autouse=True)
def _tasks_inline(settings):
    """Queued background tasks run inline on commit, so a test sees their effect."""
    settings.CROSSNOTE_TASKS_INLINE = True
    settings.CROSSNOTE_SCHEDULER = False  # tests run periodic jobs explicitly


# --- Real services (scale-out tests) ------------------------------------------------------------

# Under pytest-xdist (scripts/test.sh: -n 2) every worker is a process of its own, each with its
# own test database (pytest-django names them test_<name>_gw0, _gw1 ...) but the same Redis: a
# test's cache.clear() or flushdb would empty another worker's cache, rate-limit counts, channel
# groups and timelines mid-test. Each worker takes Redis databases of its own instead: the
# cache's (REDIS_URL) moves up by its number (1, 2, 3 ...), the `redis_url` fixture's down by
# twice it (15, 13, 11 ...), so they never meet each other or the scale-out brokers' 14.
XDIST_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
if XDIST_WORKER > 4:
    raise pytest.UsageError("tests/conftest.py gives Redis databases to at most 5 xdist workers")


def worker_redis_url(url: str, step: int) -> str:
    """`url` with its database number moved by `step` × this xdist worker's number."""
    from urllib.parse import urlsplit, urlunsplit

    if not url or not XDIST_WORKER:
        return url
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + step * XDIST_WORKER
    return urlunsplit(parts._replace(path=f"/{database}"))


def _own_redis_per_worker() -> None:
    """Point this worker's Redis settings (cache, channel layer, broker, timelines) at its own
    database, before anything has connected (settings.py derives them all from REDIS_URL)."""
    from django.conf import settings as django_settings
    from django.core.signals import setting_changed

    old = django_settings.REDIS_URL
    new = worker_redis_url(old, 1)
    # Once: this module is imported twice (as `conftest` by pytest, as `tests.conftest` by tests).
    if new == old or getattr(django_settings, "CROSSNOTE_TEST_WORKER_REDIS", None):
        return
    django_settings.CROSSNOTE_TEST_WORKER_REDIS = new
    os.environ["REDIS_URL"] = new  # processes the tests start inherit it
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "CROSSNOTE_TIMELINE_REDIS_URL"):
        if getattr(django_settings, name, None) == old:
            setattr(django_settings, name, new)
    django_settings.CACHES["default"]["LOCATION"] = new
    for host in django_settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"]:
        host["address"] = new
    for name in ("CACHES", "CHANNEL_LAYERS"):  # handlers made before now forget theirs
        value = getattr(django_settings, name)
        setting_changed.send(sender=None, setting=name, value=value, enter=True)


_own_redis_per_worker()

SERVICE_URLS = {
    "redis": worker_redis_url(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"), -2),
    "amqp": os.environ.get("TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//"),
    "postgres": os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"),
}


def require_service(kind: str) -> str:
    """The URL of a real service a test needs; skips with the reason when it is unreachable, or
    fails where CROSSNOTE_REQUIRE_SERVICES=1 (CI)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from check_services import CHECKS

    url = SERVICE_URLS[kind]
    reason = CHECKS[kind](url)
    if reason:
        if os.environ.get("CROSSNOTE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{kind} is required here (CROSSNOTE_REQUIRE_SERVICES=1): {reason}")
        pytest.skip(f"{kind} unreachable: {reason}")
    return url


@pytest.fixture
def redis_url():
    """A real Redis (database 15 by default, flushed before the test)."""
    import redis

    url = require_service("redis")
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def amqp_url():
    return require_service("amqp")


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's sync API keeps an event loop running in the main
    thread for the rest of the session, and async tests (Channels consumers, ASGI) cannot start
    their own loop in a thread that has one."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
