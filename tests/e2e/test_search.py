"""Search in a real browser, in both UI languages: an English reader finds the Chinese hotpot
note through "hotpot" and sees it among her note's related notes; a Chinese reader gets 火锅
suggested from "hg" and finds the English note through 猫."""

import re

import pytest
from playwright.sync_api import expect

from crossnote.notes.models import Visibility
from crossnote.notes.services import create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e


def _note(author, title, body, color, **kwargs):
    return create_note(
        author=author,
        title=title,
        body=body,
        images=[upload("p.jpg", image_bytes(size=(600, 760), color=color))],
        **kwargs,
    )


def test_search_finds_notes_across_languages_in_both_uis(
    live_server, browser, transactional_db, screenshots, page_errors
):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    cat = _note(mia, "My cat loves hotpot", "She sleeps all day. #cats", (200, 160, 120))
    _note(lin, "周末去上海吃火锅", "我的貓咪也喜欢 #火锅", (220, 90, 60))
    _note(lin, "上海的日落", "外滩很美", (240, 170, 90))
    _note(lin, "私密火锅日记", "只有我能看", (90, 90, 90), visibility=Visibility.PRIVATE)

    # Mia, English UI on a phone: the top bar's search icon, then "hotpot".
    mia_ctx = log_in_as(browser, live_server, mia, "en-US")
    page = page_errors.watch(mia_ctx.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    page.locator(".search-icon").click()
    page.get_by_test_id("search-page-input").fill("hotpot")
    page.get_by_test_id("search-page-input").press("Enter")
    cards = page.locator("[data-testid=search-notes] article.note-card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("My cat loves hotpot")
    expect(page.locator("[data-testid=lang-mark][data-lang=zh]")).to_have_count(1)
    expect(page.get_by_test_id("via-translation")).to_have_count(1)
    expect(page.get_by_text("私密火锅日记")).to_have_count(0)  # Lin's private note
    page.screenshot(path=str(screenshots / "search-390.png"), full_page=True)

    # A word only the other language has: the no-results state offers the translated hits.
    page.goto(f"{live_server.url}/search?q=sunset")
    expect(page.get_by_test_id("cross-language-notice")).to_contain_text("日落")
    expect(page.locator("article.note-card")).to_contain_text("上海的日落")

    # Her note's page offers related notes in any language (sentence embeddings).
    page.goto(f"{live_server.url}/notes/{cat.pk}/")
    page.get_by_test_id("related-slot").scroll_into_view_if_needed()
    expect(page.get_by_test_id("related-notes")).to_contain_text("周末去上海吃火锅")
    mia_ctx.close()

    # Lin, Chinese UI on a desktop: "hg" suggests #火锅; 猫 finds Mia's English note.
    lin_ctx = log_in_as(browser, live_server, lin, "zh-CN")
    page = page_errors.watch(lin_ctx.new_page())
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    box = page.get_by_test_id("search-box").locator("input[name=q]")
    box.click()
    box.press_sequentially("hg", delay=50)
    expect(page.get_by_test_id("suggest-topic").first).to_contain_text("#火锅")
    page.screenshot(path=str(screenshots / "search-suggest-zh-1440.png"))
    box.fill("猫")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    cards = page.locator("[data-testid=search-notes] article.note-card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("周末去上海吃火锅")
    expect(page.get_by_test_id("via-translation")).to_contain_text("经翻译")
    expect(page.locator("article.note-card mark").first).to_be_visible()
    page.get_by_test_id("tab-users").click()
    expect(page).to_have_url(re.compile(r"type=users"))
    page.goto(f"{live_server.url}/search?q=mia&type=users")
    expect(page.get_by_test_id("user-hit")).to_contain_text("@mia_ms")
    page.goto(f"{live_server.url}/search?q=猫")
    page.screenshot(path=str(screenshots / "search-zh-1440.png"), full_page=True)
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)
    lin_ctx.close()
