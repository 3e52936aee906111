"""Across the language barrier in a real browser: a reader with the Chinese UI translates an
English note and replies in Chinese; the English author translates the reply."""

import pytest
from playwright.sync_api import expect

from crossnote.language.models import Translation
from crossnote.notes.models import Comment
from crossnote.notes.services import create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import log_in_as

pytestmark = pytest.mark.e2e


def test_chinese_reader_translates_an_english_note_and_the_author_reads_the_reply(
    live_server, browser, transactional_db, settings, screenshots, page_errors
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["argos", "dictionary"]
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    note = create_note(
        author=mia,
        title="My cat loves hotpot",
        body="She sleeps all day and eats with us. #cats @lin_sh 😂",
        images=[upload("cat.jpg", image_bytes(size=(600, 800), color=(200, 160, 120)))],
    )
    assert note.language == "en"

    # Lin reads the Chinese UI and translates Mia's note in place.
    lin_ctx = log_in_as(browser, live_server, lin, "zh-CN")
    page = page_errors.watch(lin_ctx.new_page())
    page.goto(f"{live_server.url}/notes/{note.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.get_by_test_id("translate-note").click()
    translated = page.get_by_test_id("translated-title")
    expect(translated).to_be_visible()
    expect(translated).to_contain_text("猫")
    expect(page.get_by_test_id("translated-body")).to_contain_text("#cats")
    expect(page.locator(".engine")).to_be_visible()  # the engine that translated it is named
    expect(page.locator("[data-original]")).to_be_hidden()
    page.get_by_role("button", name="双语对照").click()
    expect(page.locator("[data-original]")).to_be_visible()
    page.screenshot(path=str(screenshots / "translate-zh-1440.png"), full_page=True)
    assert Translation.objects.filter(target="zh").count() == 2

    # Lin replies in Chinese.
    page.fill("textarea[name=body]", "我的猫也喜欢火锅！")
    page.locator(".comment-form button[type=submit]").click()
    expect(page.locator("[data-testid=comment]")).to_have_count(1)
    reply = Comment.objects.get()
    assert reply.language == "zh"
    lin_ctx.close()

    # Mia, in English, translates the reply.
    mia_ctx = log_in_as(browser, live_server, mia, "en-US")
    page = page_errors.watch(mia_ctx.new_page())
    page.goto(f"{live_server.url}/notes/{note.pk}/")
    page.get_by_test_id("translate-comment").click()
    expect(page.locator(".text-translation .translated")).to_contain_text("cat")
    expect(page.locator(".text-translation .engine")).to_contain_text("Gloss")
    page.screenshot(path=str(screenshots / "translate-en-reply-1440.png"), full_page=True)

    # Pinyin over the Chinese reply is a learner's click away on a Chinese note too.
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)
    mia_ctx.close()
