"""Profiles in chromium, on the phone and the desktop, in English and 简体中文: Message opens the
conversation with that person (and their inbox, open meanwhile, lists it without a reload); Block
asks first, then offers Unblock. And a deleted account vanishes at once: its profile is gone and
its comment under someone else's note is a "deleted account" placeholder over the replies."""

import pytest
from playwright.sync_api import expect

from crossnote.messaging.models import Conversation
from crossnote.notes.services import add_comment, create_note
from crossnote.privacy.services import schedule_erasure
from crossnote.social.models import Block
from crossnote.social.services import follow_user
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
WORDS = {
    "en": {"message": "Message", "block": "Block", "unblock": "Unblock", "gone": "Deleted account"},
    "zh-hans": {"message": "私信", "block": "拉黑", "unblock": "取消拉黑", "gone": "已注销的账号"},
}


def _context(browser, live_server, user, language, viewport):
    locale = "zh-CN" if "zh" in language else "en-US"
    return log_in_as(browser, live_server, user, locale, viewport=viewport)


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_message_opens_the_conversation_and_the_open_inbox_lists_it(
    live_server, browser, transactional_db, settings, screenshots, page_errors, language
):
    settings.CROSSNOTE_MESSAGES_POLL_SECONDS = 1  # live_server is WSGI: the inbox polls
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    follow_user(follower=lin, followee=mia)  # Lin follows Mia: her message is not a request
    words = WORDS[language]

    # Sessions first: once Lin's inbox polls, the test thread keeps off the shared database.
    contexts = {
        name: _context(browser, live_server, mia, language, viewport)
        for name, viewport in (("390", PHONE), ("1280", DESKTOP))
    }
    lin_context = _context(browser, live_server, lin, language, DESKTOP)
    inbox = page_errors.watch(lin_context.new_page())
    inbox.goto(f"{live_server.url}/messages/")
    expect(inbox.get_by_test_id("conversation-link")).to_have_count(0)

    urls = []
    for name, viewport in (("390", PHONE), ("1280", DESKTOP)):
        page = page_errors.watch(contexts[name].new_page())
        page.goto(f"{live_server.url}/u/lin_sh/")
        button = page.get_by_test_id("message-button")
        expect(button).to_have_text(words["message"])
        _fits(page, viewport["width"])
        page.screenshot(path=str(screenshots / f"profile-actions-{language}-{name}.png"))
        button.click()
        expect(page.get_by_test_id("conversation")).to_be_visible()
        urls.append(page.url)
        if name == "390":
            page.locator("[data-dm-compose] textarea").fill("Hi Lin, lovely photos!")
            page.get_by_test_id("send").click()
            expect(page.locator("[data-dm-list]")).to_contain_text("Hi Lin, lovely photos!")
        contexts[name].close()
    assert urls[0] == urls[1] and "/messages/" in urls[0]  # the same conversation again

    # Lin's inbox, open all along, shows the conversation and its message without a reload.
    link = inbox.get_by_test_id("conversation-link")
    expect(link).to_have_count(1, timeout=15_000)
    expect(link).to_contain_text("Hi Lin, lovely photos!", timeout=15_000)
    lin_context.close()
    assert Conversation.objects.count() == 1
    assert page_errors == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_block_asks_first_then_unblock(
    live_server, browser, transactional_db, screenshots, page_errors, language
):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    create_note(author=lin, title="上海的早餐", images=[upload("a.jpg", image_bytes())])
    words = WORDS[language]
    for name, viewport in (("390", PHONE), ("1280", DESKTOP)):
        context = _context(browser, live_server, mia, language, viewport)
        page = page_errors.watch(context.new_page())
        page.goto(f"{live_server.url}/u/lin_sh/")
        expect(page.locator(".card, .note-card, [data-testid=note-card]").first).to_be_visible()
        page.get_by_test_id("block-button").click()
        confirm = page.get_by_test_id("block-confirm")
        expect(confirm).to_be_visible()
        assert not Block.objects.exists()  # asking is not blocking
        _fits(page, viewport["width"])
        page.screenshot(path=str(screenshots / f"profile-block-confirm-{language}-{name}.png"))
        page.get_by_test_id("block-cancel").click()
        expect(confirm).to_be_hidden()
        page.get_by_test_id("block-button").click()
        confirm.click()
        unblock = page.get_by_test_id("unblock-button")
        expect(unblock).to_have_text(words["unblock"])
        expect(page.get_by_test_id("message-button")).to_have_count(0)
        assert Block.objects.filter(blocker=mia, blocked=lin).exists()
        page.screenshot(path=str(screenshots / f"profile-blocked-{language}-{name}.png"))
        unblock.click()
        expect(page.get_by_test_id("message-button")).to_be_visible()
        assert not Block.objects.exists()
        context.close()
    assert page_errors == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_deleted_account_is_gone_at_once_but_replies_stay(
    live_server, browser, transactional_db, screenshots, page_errors, language
):
    mia = make_user("mia_ms", display_name="Mia Leaving", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    note = create_note(author=lin, title="上海的早餐", images=[upload("a.jpg", image_bytes())])
    top = add_comment(author=mia, note=note, body="Mia's words that must vanish")
    add_comment(author=lin, note=note, body="谢谢 Mia！", parent=top)
    schedule_erasure(user=mia, via="page")
    words = WORDS[language]
    for name, viewport in (("390", PHONE), ("1280", DESKTOP)):
        context = _context(browser, live_server, lin, language, viewport)
        page = page_errors.watch(context.new_page())
        page.goto(f"{live_server.url}/notes/{note.pk}/")
        gone = page.get_by_test_id("comment-gone")
        expect(gone).to_contain_text(words["gone"])
        page.get_by_test_id("view-replies").first.click()
        expect(page.locator("#comments").get_by_text("谢谢 Mia！")).to_be_visible()
        expect(page.locator("body")).not_to_contain_text("Mia's words")
        expect(page.locator("body")).not_to_contain_text("Mia Leaving")
        _fits(page, viewport["width"])
        page.screenshot(
            path=str(screenshots / f"deleted-account-comment-{language}-{name}.png"), full_page=True
        )
        response = page.goto(f"{live_server.url}/u/mia_ms/")
        assert response.status == 404
        context.close()
    page_errors[:] = [e for e in page_errors if "404" not in e]  # the profile's 404 on purpose
    assert page_errors == []
