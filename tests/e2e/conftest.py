"""Browser fixtures for the end-to-end tests: a headless Debian chromium driven by Playwright.

Pages come from pytest-django's `live_server` (SQLite in memory, media served by the project's own
/media/ route). The e2e tests are marked `e2e` and run only in the SQLite pass of `make test`.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.test import Client

from tests.e2e.live_server_state import SERVER_LOCK, SHARED_CONNECTIONS

# Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise refuse
# to run in the test body ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(autouse=True)
def _one_connection(request):
    """The test body and the live server share one connection to the in-memory database.

    Two connections to it (SQLite's shared cache) lock each other out table by table: a read
    still open on one fails the other's write with "database table is locked: accounts_user"
    (CI, twice, in log_in_as). There were two because pytest-django gives the server the
    connection its test thread had when the session's live server started, and once chromium
    runs, Playwright's event loop counts as running in the test thread, where Django then keeps
    another set of connections (asgiref's Local: per context under a running loop). And where the
    live server started before the test database existed, each request thread opened its own.
    So: make the test database and start the browser first, then hand the test's own connection
    to the server threads."""
    if "browser" in request.fixturenames and request.node.get_closest_marker("e2e") is None:
        # Unmarked, it runs in the PostgreSQL pass and amid the other tests, and chromium's event
        # loop, running in this thread from then on, breaks every async test after it.
        pytest.fail("a test that drives chromium must be marked e2e (pytestmark = pytest.mark.e2e)")
    if "live_server" not in request.fixturenames:
        yield
        return
    from django.db import connections

    request.getfixturevalue("django_db_setup")  # the test database (its name says in-memory)
    if "browser" in request.fixturenames:
        request.getfixturevalue("browser")  # its event loop decides which connections we see
    live_server = request.getfixturevalue("live_server")
    override = live_server.thread.connections_override
    shared, saved = {}, {}
    for conn in connections.all():
        if conn.vendor == "sqlite" and conn.is_in_memory_db():
            shared[conn.alias] = override.get(conn.alias, conn)
    for alias, conn in shared.items():
        saved[alias] = connections[alias]
        if not conn.allow_thread_sharing:
            # For good: a request of the browser's may still arrive after the test has ended.
            conn.inc_thread_sharing()
        connections[alias] = conn
    SHARED_CONNECTIONS.update(shared)
    yield
    for alias in shared:
        connections[alias] = saved[alias]


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    """pytest-django's live server hands its threads the test's one in-memory SQLite connection;
    two requests on it at once (a comment's POST while htmx loads /coach/ or related notes) fail
    with "database table is locked" under load. The pages' requests take turns instead (each
    response consumed inside the lock); the server still accepts connections in parallel."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class OneAtATime(ThreadedWSGIServer):
        def process_request_thread(self, request, client_address):
            from django.db import connections

            for alias, conn in SHARED_CONNECTIONS.items():  # see _one_connection below
                connections[alias] = conn
            super().process_request_thread(request, client_address)

        def set_app(self, application):
            def serialised(environ, start_response):
                with SERVER_LOCK:
                    response = application(environ, start_response)
                    try:
                        return [b"".join(response)]
                    finally:
                        getattr(response, "close", lambda: None)()

            super().set_app(serialised)

    saved = LiveServerThread.server_class
    LiveServerThread.server_class = OneAtATime
    yield
    LiveServerThread.server_class = saved


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session. Missing chromium is a failure, not a skip:
    `make test` installs it (scripts/install-system-deps.sh)."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        found = shutil.which("chromium")
        pytest.fail(
            f"chromium not found at {CHROMIUM}"
            + (f" (there is one at {found}, but the tests use {CHROMIUM})" if found else "")
            + ": run `make system-deps` (scripts/install-system-deps.sh) to install it.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("the playwright package is missing: run `make install`.", pytrace=False)
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except Exception as exc:
            pytest.fail(f"chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
        yield browser
        browser.close()


class PageErrors(list):
    """Console errors and uncaught page exceptions seen during a test."""

    def watch(self, page):
        # Chromium's "Failed to load resource" names no address: the failed responses do.
        self.failed_responses: list[str] = getattr(self, "failed_responses", [])
        page.on("console", lambda m: m.type == "error" and self._console(m.text))
        page.on("pageerror", lambda e: self.append(f"pageerror: {e}"))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.failed_responses.append(f"{r.status} {r.url}"),
        )
        return page

    def _console(self, text: str) -> None:
        # pytest-django's live_server speaks WSGI only, so the messages WebSocket cannot open
        # there and pages fall back to polling (tests/e2e/test_messaging_chat.py runs the real
        # ASGI server, where it must open).
        if "/ws/messages/" in text:
            return
        if text.startswith("Failed to load resource") and self.failed_responses:
            text = f"{text} [responses >= 400 so far: {', '.join(self.failed_responses[-3:])}]"
        self.append(f"console: {text}")


def wait_for_js(page, expression: str, timeout: float = 10.0) -> None:
    """Like page.wait_for_function, under the site's CSP: Playwright compiles a string predicate
    with eval inside the page, which a policy without 'unsafe-eval' forbids; page.evaluate runs
    through DevTools and is not subject to it."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture
def page_errors():
    return PageErrors()


@pytest.fixture
def context(browser):
    """A fresh browser profile (no cookies) at phone width; tests resize as they go."""
    ctx = browser.new_context(viewport=PHONE, locale="en-US")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, page_errors):
    return page_errors.watch(context.new_page())


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(autouse=True)
def _moderation_defaults(request):
    """Browser tests use a flushed database (transactional): put the defaults a fresh install
    has (policies, starter term lists, moderator groups) back before each test."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from crossnote.moderation.services import ensure_defaults

        ensure_defaults()


def log_in_as(browser, live_server, user, locale="en-US", *, viewport=None):
    """A browser context logged in as `user`, with the UI language a person would pick. The
    session is written under the server's lock: a page of the previous context may still be
    loading (its browser closed mid-request), and its session read met this insert with
    "database table is locked" (CI, 2026-12-05)."""
    client = Client()
    with SERVER_LOCK:
        client.force_login(user)
    context = browser.new_context(viewport=viewport or DESKTOP, locale=locale)
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {
                "name": "django_language",
                "value": "zh-hans" if locale.startswith("zh") else "en",
                "url": live_server.url,
            },
        ]
    )
    return context
