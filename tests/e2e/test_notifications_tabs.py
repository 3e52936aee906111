"""Notifications in chromium, on the phone and the desktop, in English and 简体中文: tabs (likes
and saves, new followers, comments and @), one grouped line per note ("Sam 4 and 3 others liked
your note"), a thumbnail of the note, unread lines marked until the page has been seen."""

import pytest
from playwright.sync_api import expect

from crossnote.notes.services import add_comment, create_note, like_note
from crossnote.social.models import Notification
from crossnote.social.services import follow_user
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as, wait_for_js

pytestmark = pytest.mark.e2e

TEXT = {
    "en": {
        "likes": "Likes & saves",
        "follows": "New followers",
        "comments": "Comments & @",
        "grouped": "Sam 4 and 3 others liked your note",
        "follow": "Zoe and 1 other started following you",
    },
    "zh-hans": {
        "likes": "赞和收藏",
        "follows": "新增关注",
        "comments": "评论和 @",
        "grouped": "Sam 4 和其他 3 人赞了你的笔记",
        "follow": "Zoe 和其他 1 人开始关注你了",
    },
}


def _world():
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    note = create_note(
        author=mia,
        title="Grandma's dumplings",
        images=[upload("a.jpg", image_bytes(color=(230, 180, 60), size=(600, 800)))],
    )
    for i in range(1, 5):
        like_note(user=make_user(f"sam_{i}", display_name=f"Sam {i}"), note=note)
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    add_comment(author=lin, note=note, body="看起来好好吃！")
    follow_user(follower=lin, followee=mia)
    follow_user(follower=make_user("zoe_us", display_name="Zoe"), followee=mia)
    return mia


def _browser_as(browser, live_server, user, language, viewport):
    locale = "zh-CN" if "zh" in language else "en-US"
    return log_in_as(browser, live_server, user, locale, viewport=viewport)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_tabs_grouping_thumbnails_and_unread(
    live_server, browser, transactional_db, screenshots, page_errors, language
):
    mia = _world()
    words = TEXT[language]
    for name, viewport in (("390", PHONE), ("1280", {"width": 1280, "height": 900})):
        Notification.objects.filter(recipient=mia).update(read_at=None)
        context = _browser_as(browser, live_server, mia, language, viewport)
        page = page_errors.watch(context.new_page())
        page.goto(f"{live_server.url}/notifications/")
        lines = page.get_by_test_id("notification")
        # follow (Zoe + Lin), comment, likes (4): three lines, newest first, all unread.
        expect(lines).to_have_count(3)
        expect(lines.nth(0)).to_contain_text(words["follow"])
        expect(lines.nth(2)).to_contain_text(words["grouped"])
        expect(page.locator(".notification.unread")).to_have_count(3)
        thumb = lines.nth(2).get_by_test_id("notification-thumb")
        expect(thumb).to_be_visible()
        wait_for_js(  # the thumbnail loads (lazily): a real picture, not a broken one
            page,
            "[...document.querySelectorAll('[data-testid=notification-thumb]')]"
            ".every(img => img.complete && img.naturalWidth > 0)",
        )
        wide = page.evaluate(
            """(w) => Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
              .slice(0, 8)""",
            viewport["width"],
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1, wide
        page.screenshot(
            path=str(screenshots / f"notifications-{language}-{name}.png"), full_page=True
        )
        # Each tab shows only its kind.
        tabs = page.get_by_test_id("notification-tabs")
        tabs.get_by_role("link", name=words["follows"]).click()
        expect(lines).to_have_count(1)
        expect(lines.first).to_contain_text(words["follow"])
        tabs.get_by_role("link", name=words["comments"]).click()
        expect(lines).to_have_count(1)
        expect(lines.first).to_contain_text("看起来好好吃")
        tabs.get_by_role("link", name=words["likes"]).click()
        expect(lines).to_have_count(1)
        expect(lines.first).to_contain_text(words["grouped"])
        expect(tabs.get_by_role("link", name=words["likes"])).to_have_attribute(
            "aria-current", "page"
        )
        if name == "390":
            page.screenshot(path=str(screenshots / f"notifications-likes-{language}-390.png"))
        # Seen: nothing is unread on the next visit.
        page.goto(f"{live_server.url}/notifications/")
        expect(page.locator(".notification.unread")).to_have_count(0)
        context.close()
    assert page_errors == []
