"""A note opens over explore (issue 20, RedNote's shape), in a real browser at 390x844 and
1280x900, in English and Chinese: tapping a card loads the note into a dialog, the address is the
note's, like and comment work inside it, Tab stays inside, Escape, x and Back close it with the grid
where it was and the focus back on the card; a deep link is the whole page; without JS the cards are
plain links. Double-tapping a photo likes it (never unlikes) with a heart, still under reduced
motion (no animation), and sends a visitor to log-in. Comments switch between Hot and New, with
replies folded under "View N replies"."""

import pytest
from playwright.sync_api import expect

from crossnote.notes.models import Comment, Note, NoteLike
from crossnote.notes.services import add_comment, create_note, like_comment
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as, wait_for_js

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
TEXT = {
    "en": {"like": "Like", "send": "Send", "new": "New", "hot": "Hot", "replies": "View 1 reply"},
    "zh": {"like": "赞", "send": "发送", "new": "最新", "hot": "最热", "replies": "展开 1 条回复"},
}
OPEN = "document.querySelector('[data-note-overlay]').open"
FOCUS_INSIDE = "document.querySelector('[data-note-overlay]').contains(document.activeElement)"


@pytest.fixture
def world(transactional_db):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en", "zh"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh", "en"])
    sam = make_user("sam_sf", display_name="Sam", region="US", languages=["en"])
    notes = []
    for i in range(14):
        image = upload("p.jpg", image_bytes(size=(600, 800), color=(30 + i * 14, 120, 160)))
        notes.append(create_note(author=lin, title=f"Cat photo {i}", body="", images=[image]))
    cat = notes[-1]  # the newest: first in the grid
    old = add_comment(author=sam, note=cat, body="What a cat!")
    add_comment(author=lin, note=cat, body="Thank you!", parent=old)
    like_comment(user=mia, comment=old)
    new = add_comment(author=sam, note=cat, body="Second thought")
    return mia, lin, cat, old, new


def _card(page, note):
    return page.locator(f'a.note-card-link[href="/notes/{note.pk}/"]')


def _likes(page):
    return int(page.locator("[data-note-overlay] [data-testid=like-count]").inner_text())


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_a_card_opens_its_note_over_explore(
    live_server, browser, world, page_errors, screenshots, locale, size
):
    mia, *_ = world
    lang, tag = locale[:2], f"{locale[:2]}-{size['width']}"
    ctx = log_in_as(browser, live_server, mia, locale)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(size)
    page.goto(live_server.url + "/")
    # A card down the grid: the grid scrolled to show it, then tapped.
    card = page.locator("a.note-card-link").last
    card.scroll_into_view_if_needed()
    scrolled = page.evaluate("scrollY")
    assert scrolled > 0
    cat = Note.objects.get(pk=int(card.get_attribute("href").split("/")[2]))
    card.click()

    dialog = page.get_by_test_id("note-overlay")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".note-title")).to_have_text(cat.title)
    expect(page).to_have_url(f"{live_server.url}/notes/{cat.pk}/")
    assert page.evaluate(FOCUS_INSIDE), "the focus moved into the note"
    page.screenshot(path=str(screenshots / f"overlay-note-{tag}.png"))

    # Like inside the overlay (htmx processed the inserted note).
    before = _likes(page)
    dialog.get_by_test_id("like-button").click()
    expect(dialog.get_by_test_id("like-button")).to_have_attribute("aria-pressed", "true")
    assert _likes(page) == before + 1
    # Comment inside the overlay.
    dialog.get_by_role("textbox").first.fill("Lovely from the overlay")
    dialog.get_by_role("button", name=TEXT[lang]["send"], exact=True).click()
    expect(dialog.get_by_text("Lovely from the overlay")).to_be_visible()
    assert Comment.objects.filter(note=cat, author=mia, body="Lovely from the overlay").exists()

    # Escape in the save sheet closes the sheet, not the note.
    dialog.locator("[data-save-picker] summary").click()
    expect(dialog.locator("[data-save-picker]")).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(dialog.locator("[data-save-picker]")).not_to_have_attribute("open", "")
    expect(dialog).to_be_visible()

    # Keyboard: Tab and Shift+Tab go round inside the open note.
    for key in ["Tab"] * 40 + ["Shift+Tab"] * 5:
        page.keyboard.press(key)
        assert page.evaluate(FOCUS_INSIDE), f"{key} left the open note"

    # Escape closes it: the grid where it was, the address back, the focus on the card.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(live_server.url + "/")
    assert abs(page.evaluate("scrollY") - scrolled) < 2, "the grid is where it was"
    assert page.evaluate("document.activeElement.getAttribute('href')") == f"/notes/{cat.pk}/"
    assert page.evaluate("document.activeElement.matches('a.note-card-link')")

    # Back closes it too; the x button as well.
    _card(page, cat).click()
    expect(dialog.locator(".note-title")).to_have_text(cat.title)
    page.go_back()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(live_server.url + "/")
    assert abs(page.evaluate("scrollY") - scrolled) < 2
    _card(page, cat).click()
    expect(dialog.locator(".note-title")).to_have_text(cat.title)
    page.get_by_test_id("overlay-close").click()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(live_server.url + "/")

    # A deep link is the whole note page, not an overlay.
    page.goto(f"{live_server.url}/notes/{cat.pk}/")
    expect(page.locator("main .note-detail .note-title")).to_have_text(cat.title)
    assert not page.evaluate(OPEN)
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)


def test_the_carousel_works_in_the_overlay(live_server, browser, world, page_errors):
    mia, lin, *_ = world
    images = [
        upload(f"{i}.jpg", image_bytes(size=(600, 800), color=(90, 40 * i, 60))) for i in (1, 2)
    ]
    two = create_note(author=lin, title="Two photos", body="", images=images)
    ctx = log_in_as(browser, live_server, mia)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    _card(page, two).click()
    dialog = page.get_by_test_id("note-overlay")
    expect(dialog.locator(".note-title")).to_have_text("Two photos")
    dialog.locator("[data-next]").click()
    wait_for_js(
        page, "document.querySelector('[data-note-overlay] .carousel-track').scrollLeft > 100"
    )
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)


def test_a_note_gone_since_the_grid_loaded_opens_as_its_page(live_server, browser, world):
    mia, lin, *_ = world
    gone = create_note(author=lin, title="Soon gone", body="", images=[upload()])
    ctx = log_in_as(browser, live_server, mia)
    page = ctx.new_page()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    card, url = _card(page, gone), f"{live_server.url}/notes/{gone.pk}/"
    gone.delete()
    card.click()
    expect(page.locator("main")).to_contain_text("Note not found.")  # the page itself says why
    expect(page).to_have_url(url)
    assert not page.evaluate("!!document.querySelector('[data-note-overlay]')?.open")
    ctx.close()


def test_without_javascript_cards_are_plain_links(live_server, browser, world):
    _mia, _lin, cat, *_ = world
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(live_server.url + "/")
    _card(page, cat).click()
    expect(page).to_have_url(f"{live_server.url}/notes/{cat.pk}/")
    expect(page.locator("main .note-detail .note-title")).to_have_text(cat.title)
    ctx.close()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_double_tap_on_the_photo_likes_and_never_unlikes(
    live_server, browser, world, page_errors, screenshots, locale
):
    mia, _lin, cat, *_ = world
    ctx = log_in_as(browser, live_server, mia, locale)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    _card(page, cat).click()
    dialog = page.get_by_test_id("note-overlay")
    photo = dialog.locator(".carousel-track img").first
    expect(photo).to_be_visible()
    before = _likes(page)
    photo.dblclick()
    expect(dialog.get_by_test_id("tap-heart")).to_be_attached()
    expect(dialog.get_by_test_id("like-button")).to_have_attribute("aria-pressed", "true")
    assert _likes(page) == before + 1
    page.screenshot(path=str(screenshots / f"overlay-double-tap-{locale[:2]}-1280.png"))
    wait_for_js(page, "!document.querySelector('[data-testid=tap-heart]')")
    photo.dblclick()  # again: still liked, a heart again, nothing undone
    expect(dialog.get_by_test_id("tap-heart")).to_be_attached()
    page.wait_for_timeout(300)
    expect(dialog.get_by_test_id("like-button")).to_have_attribute("aria-pressed", "true")
    assert _likes(page) == before + 1
    assert NoteLike.objects.filter(user=mia, note=cat).count() == 1
    # One tap is not a like (the carousel is for swiping through).
    NoteLike.objects.filter(user=mia, note=cat).delete()
    page.goto(f"{live_server.url}/notes/{cat.pk}/")
    page.locator(".carousel-track img").first.click()
    page.wait_for_timeout(500)
    assert not NoteLike.objects.filter(user=mia, note=cat).exists()
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)


def test_double_tap_with_a_finger_and_reduced_motion(live_server, browser, world, page_errors):
    mia, _lin, cat, *_ = world
    ctx = log_in_as(browser, live_server, mia)
    ctx.close()
    ctx = browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, reduced_motion="reduce"
    )
    ctx.add_cookies(log_in_as(browser, live_server, mia).cookies())
    page = page_errors.watch(ctx.new_page())
    page.goto(f"{live_server.url}/notes/{cat.pk}/")
    photo = page.locator(".carousel-track img").first
    box = photo.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y)
    page.touchscreen.tap(x, y)
    heart = page.get_by_test_id("tap-heart")
    expect(heart).to_be_attached()
    assert heart.evaluate("h => getComputedStyle(h).animationName") == "none"
    expect(page.get_by_test_id("like-button")).to_have_attribute("aria-pressed", "true")
    assert NoteLike.objects.filter(user=mia, note=cat).exists()
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)


def test_a_visitor_double_tapping_goes_to_log_in(live_server, page, world, page_errors):
    _mia, _lin, cat, *_ = world
    page.goto(f"{live_server.url}/notes/{cat.pk}/")
    page.locator(".carousel-track img").first.dblclick()
    expect(page).to_have_url(f"{live_server.url}/login/?next=/notes/{cat.pk}/")
    assert not NoteLike.objects.filter(note=cat).exists()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_comments_hot_or_new_with_folded_replies(
    live_server, browser, world, page_errors, screenshots, locale, size
):
    mia, _lin, cat, old, new = world
    lang = locale[:2]
    ctx = log_in_as(browser, live_server, mia, locale)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(size)
    page.goto(f"{live_server.url}/notes/{cat.pk}/")
    sort = page.get_by_test_id("comment-sort")
    expect(sort.get_by_role("link", name=TEXT[lang]["hot"])).to_have_attribute(
        "aria-current", "true"
    )
    threads = page.locator("[data-thread]")
    # Hot: the liked comment with a reply first; the reply folded away.
    expect(threads.first).to_have_attribute("data-thread", str(old.pk))
    expect(page.get_by_text("Thank you!")).to_be_hidden()
    page.get_by_test_id("view-replies").filter(has_text=TEXT[lang]["replies"]).click()
    expect(page.get_by_text("Thank you!")).to_be_visible()
    page.screenshot(
        path=str(screenshots / f"comments-hot-{lang}-{size['width']}.png"), full_page=True
    )
    sort.get_by_role("link", name=TEXT[lang]["new"]).click()
    expect(
        page.get_by_test_id("comment-sort").get_by_role("link", name=TEXT[lang]["new"])
    ).to_have_attribute("aria-current", "true")
    expect(threads.first).to_have_attribute("data-thread", str(new.pk))
    expect(page).to_have_url(f"{live_server.url}/notes/{cat.pk}/")
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)
