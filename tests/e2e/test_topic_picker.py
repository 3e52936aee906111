"""The topic picker in a real browser: chips with covers, one chip for #cats and #猫 (linked when
the second name was created), the name in the reader's language with the other one beside it, a
gloss for a Chinese topic with no English name, picked with the keyboard; the topic page shows the
notes under both names."""

import pytest
from playwright.sync_api import expect

from crossnote.feeds.models import TopicInterest
from crossnote.notes.models import Topic
from crossnote.notes.services import create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as

pytestmark = pytest.mark.e2e


@pytest.fixture
def topics_world(transactional_db):
    mia = make_user("mia_ms", display_name="Mia", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", languages=["zh"])
    create_note(
        author=mia,
        title="Pepper asleep",
        body="#cats",
        images=[upload("a.jpg", image_bytes(color=(200, 150, 90)))],
    )
    create_note(
        author=lin,
        title="窗台上的猫",
        body="#猫",
        images=[upload("b.jpg", image_bytes(color=(90, 120, 160)))],
    )
    create_note(
        author=lin,
        title="周末吃火锅",
        body="#火锅",
        images=[upload("c.jpg", image_bytes(color=(190, 70, 50)))],
    )
    return mia, lin


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_topics_are_chips_one_per_subject_picked_by_keyboard(
    live_server, browser, page_errors, topics_world, size, screenshots
):
    assert Topic.objects.get(name="猫").canonical == Topic.objects.get(name="cats")
    reader = make_user("sam", languages=["en"])
    context = log_in_as(browser, live_server, reader)
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(size)
    page.goto(f"{live_server.url}/explore/topics/")
    chips = page.get_by_test_id("topic-chip")
    expect(chips).to_have_count(2)  # #cats and #猫 are one chip; #火锅 the other
    cats = page.locator('[data-topic="cats"]')
    expect(cats).to_contain_text("#cats")
    expect(cats.get_by_test_id("topic-aliases")).to_have_text("#猫")
    expect(cats).to_contain_text("2 notes")
    expect(cats.locator("img.topic-chip-cover")).to_have_count(1)
    hotpot = page.locator('[data-topic="火锅"]')
    expect(hotpot.get_by_test_id("topic-gloss")).to_have_text("hotpot")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    page.screenshot(path=screenshots / f"topic-picker-en-{size['width']}.png", full_page=True)

    # Keyboard: Tab reaches the chip's checkbox, Space ticks it, Enter-free submit by button.
    cats.locator("input").focus()
    page.keyboard.press("Space")
    expect(cats.locator("input")).to_be_checked()
    page.get_by_role("button", name="Save topics").click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert list(
        TopicInterest.objects.filter(user=reader).values_list("topic__name", flat=True)
    ) == ["cats"]
    context.close()
    assert not page_errors, page_errors


def test_chinese_readers_see_the_chinese_name_first_and_the_topic_page_has_both(
    live_server, browser, page_errors, topics_world, screenshots
):
    reader = make_user("xiaowang", languages=["zh"])
    context = log_in_as(browser, live_server, reader, locale="zh-CN")
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/explore/topics/")
    cats = page.locator('[data-topic="cats"]')
    expect(cats.locator(".topic-chip-name")).to_have_text("#猫")
    expect(cats.get_by_test_id("topic-aliases")).to_have_text("#cats")
    expect(cats).to_contain_text("2 篇笔记")
    page.screenshot(path=screenshots / "topic-picker-zh-390.png", full_page=True)

    page.goto(f"{live_server.url}/topics/cats/")
    expect(page.get_by_test_id("topic-also")).to_contain_text("#猫")
    expect(page.locator(".note-card")).to_have_count(2)
    expect(page.get_by_text("窗台上的猫")).to_be_visible()
    expect(page.get_by_text("Pepper asleep")).to_be_visible()
    context.close()
    assert not page_errors, page_errors
