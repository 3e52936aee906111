"""A visitor's first session in a real browser: sign up, post, browse, comment, like, follow.

Runs headless Debian chromium through Playwright against pytest-django's live server. Screenshots
land in tests/e2e/screenshots/ so a person can look at the pages at phone and desktop widths.
"""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from crossnote.accounts.models import User
from crossnote.notes.models import Comment, Note, NoteLike
from crossnote.notes.services import create_note
from crossnote.social.models import Follow, Notification
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import DESKTOP, PHONE, wait_for_js

pytestmark = pytest.mark.e2e

LIN_TITLE = "武康路的周末咖啡地图"
LIN_BODY = "在梧桐树下找到一家安静的小店，手冲很好喝。#上海咖啡 #citywalk"
LIN_BIO = "上海人，喜欢咖啡、老房子和散步。\nShanghai local, coffee and old streets."


def no_horizontal_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def write_jpeg(path, size, color):
    Image.new("RGB", size, color).save(path, format="JPEG", quality=85)
    return path


@pytest.fixture
def lin_with_note(transactional_db):
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh", "en"], bio=LIN_BIO)
    note = create_note(
        author=lin,
        title=LIN_TITLE,
        body=LIN_BODY,
        images=[upload("coffee.jpg", image_bytes(size=(600, 800), color=(150, 100, 60)))],
    )
    return lin, note


def test_new_visitor_journey(live_server, page, page_errors, lin_with_note, tmp_path, screenshots):
    lin, lin_note = lin_with_note
    base = live_server.url

    # (2) sign up through the form, land on explore
    page.goto(f"{base}/signup/")
    page.fill("input[name=username]", "sam_ldn")
    page.fill("input[name=email]", "sam@example.com")
    page.fill("input[name=password]", "quiet-harbour-lantern-42")
    page.fill("input[name=display_name]", "Sam")
    page.select_option("select[name=region]", "GB")
    page.check("input[name=languages][value=en]")
    page.check("input[name=languages][value=zh]")
    page.check("input[name=accept_guidelines]")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("status")).to_contain_text("Welcome to Crossnote, Sam")
    sam = User.objects.get(username="sam_ldn")
    assert (sam.display_name, sam.region.code) == ("Sam", "GB")
    assert sorted(sam.languages) == ["en", "zh"]

    # (3) post a note with two photos, a title and a #topic
    first = write_jpeg(tmp_path / "bridge.jpg", (1200, 900), (40, 110, 190))
    second = write_jpeg(tmp_path / "market.jpg", (900, 1200), (220, 170, 40))
    page.goto(f"{base}/notes/new/")
    page.set_input_files("input[name=images]", [str(first), str(second)])
    expect(page.locator("[data-previews] img")).to_have_count(2)
    page.fill("input[name=title]", "Borough Market on a Sunday")
    page.fill("textarea[name=body]", "Cheese, bread and a river walk after. #londonfood")
    page.screenshot(path=screenshots / "compose-390.png", full_page=True)
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page).to_have_url(re.compile(r"/notes/\d+/$"))
    own = Note.objects.get(author=sam)
    assert page.url == f"{base}/notes/{own.pk}/"
    assert own.images.count() == 2
    assert list(own.topics.values_list("name", flat=True)) == ["londonfood"]
    expect(page.locator(".note-title")).to_have_text("Borough Market on a Sunday")
    expect(page.locator(".topics a.tag")).to_have_count(0)  # already linked in the text
    expect(page.locator(".note-body a", has_text="#londonfood")).to_be_visible()
    slides = page.locator("[data-carousel] .slide img")
    expect(slides).to_have_count(2)
    expect(page.locator("[data-carousel] .dot")).to_have_count(2)
    # the second photo is lazy: show it with the carousel's own button, then both have loaded
    page.locator("[data-carousel] [data-next]").click()
    expect(page.locator("[data-carousel] .dot").nth(1)).to_have_class(re.compile(r"\bon\b"))
    wait_for_js(
        page,  # the smooth scroll has settled on the second slide
        "(() => { const t = document.querySelector('[data-carousel] .carousel-track');"
        " return Math.abs(t.scrollLeft - t.querySelectorAll('.slide')[1].offsetLeft) < 2; })()",
    )
    wait_for_js(
        page,
        "[...document.querySelectorAll('[data-carousel] .slide img')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
    )
    assert no_horizontal_scroll(page) <= PHONE["width"] + 1, "own note page scrolls sideways"
    page.screenshot(path=screenshots / "note-390.png", full_page=True)

    # (4) explore shows both notes in the masonry grid
    page.goto(f"{base}/")
    grid = page.locator("[data-masonry]")
    expect(grid).to_have_class(re.compile(r"\bjs\b"))  # the masonry script laid it out
    own_card = page.locator("[data-card]", has_text="Borough Market on a Sunday")
    lin_card = page.locator("[data-card]", has_text=LIN_TITLE)
    expect(own_card).to_be_visible()
    expect(lin_card).to_be_visible()
    expect(lin_card).to_contain_text("小林")
    expect(own_card.locator(".img-count")).to_have_text("2")
    wait_for_js(
        page,
        "[...document.querySelectorAll('[data-card] img')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
    )
    assert no_horizontal_scroll(page) <= PHONE["width"] + 1, "explore scrolls sideways at 390px"
    page.screenshot(path=screenshots / "explore-390.png", full_page=True)

    # (5) open lin's note, comment, like, follow — all in place
    lin_card.locator("a.note-card-link").click()
    expect(page).to_have_url(f"{base}/notes/{lin_note.pk}/")
    expect(page.locator(".note-title")).to_have_text(LIN_TITLE)
    wait_for_js(
        page,
        "[...document.querySelectorAll('[data-carousel] img')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
    )
    page.evaluate("window.__samePage = true")  # survives only if nothing navigates

    page.locator(".comment-form textarea[name=body]").fill("看起来很棒！Adding this to my list.")
    page.locator(".comment-form").get_by_role("button", name="Send").click()
    comment = page.locator("#comments [data-testid=comment]", has_text="看起来很棒")
    expect(comment).to_be_visible()
    expect(comment).to_contain_text("Sam")
    expect(page.locator("#comments h2")).to_have_text("1 comment")
    expect(page.locator(".comment-form textarea[name=body]")).to_have_value("")

    like = page.locator("[data-testid=like-button]")
    expect(like.locator("[data-testid=like-count]")).to_have_text("0")
    like.click()
    expect(page.locator("[data-testid=like-button]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-testid=like-count]")).to_have_text("1")

    follow = page.locator("[data-testid=follow-button]")
    expect(follow).to_have_text("Follow")
    follow.click()
    expect(page.locator("[data-testid=follow-button]")).to_have_text("Following")

    assert page.evaluate("window.__samePage === true"), "comment/like/follow reloaded the page"
    assert page.url == f"{base}/notes/{lin_note.pk}/"
    assert no_horizontal_scroll(page) <= PHONE["width"] + 1, "lin's note scrolls sideways"

    # (6) the stored state
    assert (
        Comment.objects.filter(
            note=lin_note, author=sam, body="看起来很棒！Adding this to my list.", parent=None
        ).count()
        == 1
    )
    assert NoteLike.objects.filter(note=lin_note, user=sam).exists()
    assert Follow.objects.filter(follower=sam, followee=lin).exists()
    lin_note.refresh_from_db()
    lin.refresh_from_db()
    assert (lin_note.like_count, lin_note.comment_count, lin.follower_count) == (1, 1, 1)
    verbs = set(
        Notification.objects.filter(recipient=lin, actor=sam).values_list("verb", flat=True)
    )
    assert verbs == {"comment", "like", "follow"}
    assert not Notification.objects.filter(recipient=sam).exists()

    # desktop width: the same pages, then lin's profile
    page.set_viewport_size(DESKTOP)
    page.reload()
    expect(page.locator("[data-testid=like-count]")).to_have_text("1")
    expect(page.locator("[data-testid=follow-button]")).to_have_text("Following")
    page.screenshot(path=screenshots / "note-1440.png", full_page=True)

    page.goto(f"{base}/")
    expect(page.locator("[data-masonry] .masonry-col")).to_have_count(5)
    wait_for_js(
        page,
        "[...document.querySelectorAll('[data-card] img')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
    )
    assert no_horizontal_scroll(page) <= DESKTOP["width"] + 1
    page.screenshot(path=screenshots / "explore-1440.png", full_page=True)

    page.locator("[data-card]", has_text=LIN_TITLE).locator(".note-card-meta a.author").click()
    expect(page).to_have_url(f"{base}/u/lin_sh/")
    expect(page.locator("h1")).to_have_text("小林")
    expect(page.locator(".bio")).to_contain_text("上海人")
    expect(page.locator("[data-testid=follower-count]")).to_have_text("1")
    expect(page.locator("[data-testid=follow-button]")).to_have_text("Following")
    expect(page.locator("[data-card]")).to_have_count(1)
    page.screenshot(path=screenshots / "profile-1440.png", full_page=True)

    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)


def test_explore_loads_more_on_scroll(live_server, page, page_errors, transactional_db):
    author = make_user("mia_ms", display_name="Mia")
    palette = [(200, 60, 60), (60, 140, 200), (90, 170, 90), (230, 180, 40), (140, 90, 190)]
    for i in range(30):
        size = (300, 400) if i % 3 else (400, 300)
        create_note(
            author=author,
            title=f"Note number {i + 1}",
            images=[upload(data=image_bytes(size=size, color=palette[i % 5]))],
        )

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/")
    cards = page.locator("[data-card]")
    expect(cards).to_have_count(24)
    expect(page.locator("[data-more]")).to_have_count(1)
    page.evaluate("window.__samePage = true")
    page.mouse.wheel(0, 20_000)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_for_js(page, "document.querySelectorAll('[data-card]').length > 24")
    expect(cards).to_have_count(30)
    expect(page.locator("[data-more]")).to_have_count(0)  # last page: no more loader
    # the new cards are laid into the masonry columns, not left below them
    wait_for_js(page, "document.querySelectorAll('[data-masonry] > [data-card]').length === 0")
    assert page.evaluate("window.__samePage === true")
    titles = page.locator(".note-card-title").all_inner_texts()
    assert sorted(titles) == sorted(f"Note number {i}" for i in range(1, 31))
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)


def test_text_file_named_jpg_is_refused(
    live_server, page, page_errors, client, tmp_path, transactional_db
):
    user = make_user("mia_ms", display_name="Mia")
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    fake = tmp_path / "holiday.jpg"
    fake.write_text("this is not a photo, just some text\n" * 20)

    page.goto(f"{live_server.url}/notes/new/")
    page.set_input_files("input[name=images]", str(fake))
    page.fill("input[name=title]", "Not really a picture")
    page.get_by_role("button", name="Post", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/notes/new/")
    error = page.locator(".field.has-error .field-error")
    expect(error).to_contain_text("not a JPEG, PNG, WebP or GIF")
    expect(page.locator("input[name=title]")).to_have_value("Not really a picture")
    assert Note.objects.count() == 0
    # the only browser error is the 400 status of the refused post itself
    unexpected = [e for e in page_errors if "status of 400" not in e]
    assert unexpected == [], "the browser reported errors:\n" + "\n".join(unexpected)
