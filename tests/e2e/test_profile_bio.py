"""A profile in a real browser at phone size: a bio in another language than the reader's offers
Translate, one in the reader's own does not; the reader's UI language names times and boards."""

import pytest
from playwright.sync_api import expect

from crossnote.accounts.services import update_profile
from crossnote.notes.services import collect_note, create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e


def open_profile(browser, live_server, username, locale):
    context = browser.new_context(viewport=PHONE, locale=locale)
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": "django_language",
                "value": "zh-hans" if locale.startswith("zh") else "en",
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/u/{username}/")
    return context, page


def test_bios_offer_translate_across_languages_in_both_uis(
    live_server, browser, transactional_db, settings, screenshots, page_errors
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    update_profile(user=lin, bio="住在上海，喜欢拍照和做饭")
    update_profile(user=mia, bio="Home cook and weekend hiker based in New York.")
    note = create_note(
        author=mia, title="Sunday hike", body="Up the hill", images=[upload("a.jpg", image_bytes())]
    )
    collect_note(user=lin, note=note)  # lin's default board

    # An English reader: Lin's Chinese bio offers Translate, and it translates in place.
    context, page = open_profile(browser, live_server, "lin_sh", "en-US")
    page_errors.watch(page)
    page.get_by_test_id("translate-bio").click()
    # The first translation loads the dictionary (seconds on a busy machine).
    expect(page.locator(".bio-translation")).to_contain_text("Shanghai", timeout=60_000)
    expect(page.locator(".bio-translation")).to_contain_text("Hide translation")
    page.screenshot(path=str(screenshots / "profile-bio-en-390.png"), full_page=True)
    page.goto(f"{live_server.url}/u/lin_sh/?tab=boards")
    expect(page.locator("ul.boards")).to_contain_text("Saved")
    page.goto(f"{live_server.url}/u/mia_ms/")
    expect(page.get_by_test_id("translate-bio")).to_have_count(0)
    context.close()

    # A Chinese reader: the other way round, and the default board is 默认收藏.
    context, page = open_profile(browser, live_server, "mia_ms", "zh-CN")
    page_errors.watch(page)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.get_by_test_id("translate-bio").click()
    expect(page.locator(".bio-translation")).to_contain_text("收起翻译", timeout=60_000)
    page.screenshot(path=str(screenshots / "profile-bio-zh-390.png"), full_page=True)
    page.goto(f"{live_server.url}/u/lin_sh/")
    expect(page.get_by_test_id("translate-bio")).to_have_count(0)
    page.goto(f"{live_server.url}/u/lin_sh/?tab=boards")
    expect(page.locator("ul.boards")).to_contain_text("默认收藏")
    context.close()
    assert not page_errors, page_errors
