"""Moving in, in a real browser at phone size against a real `crossnote serve` (the embedded
default: SQLite in WAL mode, the import in a background thread): upload an Instagram export,
watch the progress bar fill, review the drafts and publish one; in English and in Chinese.

It lives in tests/e2e so it shares the session's one chromium (tests/e2e/conftest.py): a second
session `browser` fixture imported elsewhere started a second sync Playwright inside the first's
loop once both ran in one session ("using Playwright Sync API inside the asyncio loop")."""

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import gps_jpeg
from tests.e2e.conftest import PHONE, SCREENSHOTS
from tests.portability.conftest import instagram_export, mojibake
from tests.served import ROOT, make_world, stop, wait_until_up

pytestmark = pytest.mark.e2e
SHOTS = SCREENSHOTS  # tests/e2e/screenshots


def _port() -> int:
    """A free port of this area's range (8131-8139), else any free one."""
    for port in range(8131, 8140):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    env, facts = make_world(tmp_path / "data")
    port = _port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
            [sys.executable, "-m", "crossnote.cli", "serve", "--port", str(port), "--workers", "1"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    host = f"127.0.0.1:{port}"
    wait_until_up(server, host, log)
    yield f"http://{host}", facts
    stop(server)


def _context(browser, url, session, language, locale):
    context = browser.new_context(viewport=PHONE, locale=locale)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {"name": "sessionid", "value": session, "url": url},
            {"name": "django_language", "value": language, "url": url},
        ]
    )
    return context


def _export(tmp_path, count: int, word: str) -> Path:
    """An export with `count` photo posts (enough that the import takes a few seconds)."""
    now = int(time.time()) - 3600
    posts = [
        {
            "title": mojibake(f"{word} {n} 🌊"),
            "creation_timestamp": now - n * 86400,
            "media": [{"uri": f"media/posts/202301/p{n}.jpg"}],
        }
        for n in range(1, count + 1)
    ]
    extra = {
        f"media/posts/202301/p{n}.jpg": gps_jpeg(size=(1600, 1200)) for n in range(1, count + 1)
    }
    path = tmp_path / f"instagram-{word}.zip"
    path.write_bytes(instagram_export(posts=posts, extra=extra))
    return path


def _import_and_watch(page, url, archive: Path, shot: str):
    page.goto(f"{url}/settings/move/")
    page.get_by_test_id("import-form").locator("input[type=file]").set_input_files(str(archive))
    page.get_by_test_id("start-import").click()
    bar = page.get_by_test_id("import-progress")
    expect(bar).to_be_visible(timeout=20_000)
    page.screenshot(path=str(SHOTS / f"portability-{shot}-progress-390.png"), full_page=True)
    status = page.get_by_test_id("import").first
    expect(status).to_have_attribute("data-status", "done", timeout=90_000)
    expect(bar).to_have_count(0)
    expect(page.get_by_test_id("drafts-link")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"portability-{shot}-done-390.png"), full_page=True)


def _drafts(page, url) -> list:
    return json.loads(page.request.get(f"{url}/api/v1/drafts").text())


def test_an_import_shows_its_progress_and_a_draft_is_published(
    served, browser, tmp_path, page_errors
):
    SHOTS.mkdir(exist_ok=True)
    url, facts = served
    session = facts["mia_ms"]["session"]
    context = _context(browser, url, session, "en", "en-US")
    page = page_errors.watch(context.new_page())
    page.goto(f"{url}/settings/")
    page.get_by_test_id("move-link").click()
    expect(page.get_by_test_id("move-page")).to_be_visible()
    _import_and_watch(page, url, _export(tmp_path, 8, "Harbour"), "en")
    assert len(_drafts(page, url)) == 8

    page.get_by_test_id("drafts-link").click()
    expect(page.get_by_test_id("draft")).to_have_count(8)
    first = page.get_by_test_id("draft").first
    title = first.locator(".draft-title").inner_text()
    assert title == "Harbour 1 🌊"  # the caption's mojibake repaired
    page.get_by_test_id("publish-visibility").select_option("public")
    page.screenshot(path=str(SHOTS / "portability-en-drafts-390.png"), full_page=True)
    first.get_by_test_id("publish-one").click()
    expect(page.get_by_text("1 note published.")).to_be_visible()
    expect(page.get_by_test_id("draft")).to_have_count(7)
    assert title not in [d["title"] for d in _drafts(page, url)]
    # Lin, who follows Mia, now sees the published note, and only that one.
    # Readers see a note once its photos' sizes exist: the server's low-priority background
    # process makes them, later on a busy machine than the author's own page shows it.
    lin = _context(browser, url, facts["lin_sh"]["session"], "en", "en-US")
    deadline, titles = time.monotonic() + 60, []
    while time.monotonic() < deadline:
        notes = json.loads(lin.request.get(f"{url}/api/v1/users/mia_ms/notes").text())
        titles = [n["title"] for n in notes["items"]]
        if titles:
            break
        time.sleep(0.5)
    assert titles == [title]
    lin.close()
    # The page fits the phone: nothing wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    context.close()

    # In Chinese: a second archive, its progress, then the drafts page.
    zh = _context(browser, url, session, "zh-hans", "zh-CN")
    page = page_errors.watch(zh.new_page())
    _import_and_watch(page, url, _export(tmp_path, 6, "港口"), "zh")
    expect(page.get_by_text("已生成 6 份草稿。")).to_be_visible()
    page.get_by_test_id("drafts-link").click()
    expect(page.get_by_test_id("draft")).to_have_count(13)
    expect(page.get_by_role("button", name="全部发布")).to_be_visible()
    page.screenshot(path=str(SHOTS / "portability-zh-drafts-390.png"), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.screenshot(path=str(SHOTS / "portability-zh-drafts-1440.png"), full_page=True)
    page.goto(f"{url}/settings/move/")
    page.screenshot(path=str(SHOTS / "portability-zh-move-1440.png"), full_page=True)
    page.get_by_test_id("drafts-link").click()
    page.get_by_test_id("publish-all").click()
    expect(page.get_by_test_id("no-drafts")).to_be_visible()
    assert _drafts(page, url) == []
    zh.close()
    assert page_errors == []
