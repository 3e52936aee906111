"""Moving an account in chromium, on the phone, in English and 简体中文: from Settings a person
opens "Move your account", sees a clear error for a bad alias and for a new account that does
not name them yet, then moves (password and confirmation) once it does; the page and their
profile say where they went. The new account is served by a loopback peer."""

import json
import threading
from http.server import ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from crossnote.federation.models import AccountMove
from tests.conftest import make_user
from tests.e2e.conftest import PHONE, log_in_as
from tests.e2e.test_accessibility import BLOCKING, describe
from tests.federation.federation_fixtures import Recorder, mastodon_actor

pytestmark = pytest.mark.e2e

LIN = "https://crossnote.example/ap/users/lin_sh"


@pytest.fixture
def peer(settings):
    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)  # a free port, never a skip
    Recorder.routes, Recorder.seen = {}, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Recorder
    server.shutdown()
    server.server_close()


def serve_newlin(peer_url, recorder, also_known_as=()):
    host = peer_url.split("//")[1]
    doc = mastodon_actor("newlin")
    doc.update(id=f"{peer_url}/users/newlin", inbox=f"{peer_url}/users/newlin/inbox")
    doc["publicKey"] = dict(doc["publicKey"], id=f"{doc['id']}#main-key", owner=doc["id"])
    if also_known_as:
        doc["alsoKnownAs"] = list(also_known_as)
    finger = {"links": [{"rel": "self", "type": "application/activity+json", "href": doc["id"]}]}
    recorder.routes[f"/.well-known/webfinger?resource=acct:newlin@{host}"] = (
        200, {}, json.dumps(finger).encode(),
    )  # fmt: skip
    recorder.routes["/users/newlin"] = (200, {}, json.dumps(doc).encode())
    return f"@newlin@{host}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_moving_an_account_from_settings(
    live_server, browser, transactional_db, settings, peer, page_errors, screenshots, language
):
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    peer_url, recorder = peer
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    address = serve_newlin(peer_url, recorder)  # does not name Lin yet
    context = log_in_as(browser, live_server, lin, "zh-CN" if language == "zh-hans" else "en-US",
                        viewport=PHONE)  # fmt: skip
    page = page_errors.watch(context.new_page())
    page.goto(f"{live_server.url}/settings/")
    page.locator("[data-testid=account-move-link]").click()
    expect(page.locator("[data-testid=moving-handle]")).to_contain_text("@lin_sh@crossnote.example")

    page.locator("#alias-address").fill("not an address")
    page.locator("[data-testid=alias-form] button[type=submit]").click()
    expect(page.locator("[data-testid=alias-error]")).to_be_visible()

    form = page.locator("[data-testid=move-form]")
    form.locator("#move-address").fill(address)
    form.locator("#move-password").fill("correct horse battery")
    form.locator("input[name=confirm]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=move-error]")).to_contain_text("@lin_sh@crossnote.example")
    problems = [
        describe(f"{language} moving page", v)
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    page.screenshot(
        path=screenshots / f"federation-move-error-phone-{language}.png", full_page=True
    )

    serve_newlin(peer_url, recorder, also_known_as=[LIN])
    form = page.locator("[data-testid=move-form]")
    form.locator("#move-password").fill("correct horse battery")
    form.locator("input[name=confirm]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=moved-notice]")).to_be_visible()
    expect(page.locator("[data-testid=move-form]")).to_have_count(0)
    assert AccountMove.objects.get(user=lin).target_address == address
    page.screenshot(path=screenshots / f"federation-moved-phone-{language}.png", full_page=True)

    page.goto(f"{live_server.url}{lin.get_absolute_url()}")
    expect(page.locator("[data-testid=moved-notice]")).to_contain_text(address)
    problems += [
        describe(f"{language} moved profile", v)
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    context.close()
    assert not problems, "\n".join(problems)
