"""Blocking a person elsewhere in chromium, on the phone and the desktop, in English and 简体中文:
on their profile page Block asks first (what it does, that their server is told), then the page
says they are blocked and offers Unblock instead of Follow; the Block and its Undo reach their
server (a loopback peer) signed."""

import json
import threading
from http.server import ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from crossnote.federation.models import RemoteBlock
from crossnote.federation.services import store_actor
from tests.conftest import make_user
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as
from tests.e2e.test_accessibility import BLOCKING, describe
from tests.federation.federation_fixtures import Recorder, mastodon_actor

pytestmark = pytest.mark.e2e


@pytest.fixture
def peer(settings):
    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)  # a free port, never a skip
    Recorder.routes, Recorder.seen = {}, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Recorder
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("language", "viewport", "size"),
    [("en", PHONE, "phone"), ("zh-hans", PHONE, "phone"), ("en", DESKTOP, "desktop")],
)
def test_blocking_and_unblocking_a_person_elsewhere(
    live_server, browser, transactional_db, settings, peer, page_errors, screenshots,
    language, viewport, size,
):  # fmt: skip
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    peer_url, recorder = peer
    doc = mastodon_actor("carol")
    doc["inbox"] = f"{peer_url}/users/carol/inbox"
    recorder.routes["/users/carol/inbox"] = (202, {}, b"")
    carol = store_actor(doc, fetched_from=doc["id"])
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    locale = "zh-CN" if language == "zh-hans" else "en-US"
    context = log_in_as(browser, live_server, mia, locale, viewport=viewport)
    page = page_errors.watch(context.new_page())
    page.goto(f"{live_server.url}/elsewhere/people/{carol.pk}/")

    page.locator("[data-testid=remote-block-button]").click()
    expect(page.locator("[data-testid=remote-block-confirm]")).to_be_visible()
    page.screenshot(
        path=screenshots / f"federation-block-ask-{size}-{language}.png", full_page=True
    )
    problems = [
        describe(f"{language} block question", v)
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    page.locator("[data-testid=remote-block-confirm]").click()
    expect(page.locator("[data-testid=remote-blocked-note]")).to_be_visible()
    expect(page.locator("[data-testid=remote-follow-button]")).to_have_count(0)
    assert RemoteBlock.objects.filter(user=mia, actor=carol).exists()
    page.screenshot(path=screenshots / f"federation-blocked-{size}-{language}.png", full_page=True)
    problems += [
        describe(f"{language} blocked profile", v)
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]

    page.locator("[data-testid=remote-unblock-button]").click()
    expect(page.locator("[data-testid=remote-follow-button]")).to_be_visible()
    assert not RemoteBlock.objects.exists()
    context.close()
    kinds = [json.loads(body)["type"] for _m, _p, headers, body in recorder.seen]
    assert kinds[-2:] == ["Block", "Undo"]
    assert all("Signature" in headers for _m, _p, headers, _b in recorder.seen)
    assert not problems, "\n".join(problems)
