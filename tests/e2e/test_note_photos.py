"""A note's photos on its page, on a phone and a desktop, in English and Chinese: the frame takes
the first photo's shape clamped between 3:4 and 4:3 (a landscape photo no longer sits at the top
of a tall grey column with the arrows floating below it), the arrows sit on the photo's middle,
a count and dots say where the reader is, and a swipe moves to the next photo."""

import pytest
from playwright.sync_api import expect

from crossnote.notes.services import create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, wait_for_js

pytestmark = pytest.mark.e2e

DESKTOP_1280 = {"width": 1280, "height": 900}

GEOMETRY = """() => {
  const c = document.querySelector('[data-carousel]').getBoundingClientRect();
  const f = document.querySelector('.carousel-frame').getBoundingClientRect();
  const img = document.querySelector('.carousel-track .slide img').getBoundingClientRect();
  const next = document.querySelector('[data-next]');
  const n = next ? next.getBoundingClientRect() : null;
  return {carousel: [c.width, c.height], frame: [f.width, f.height], top: f.top,
          photo: [img.top, img.bottom], next: n ? (n.top + n.bottom) / 2 : null};
}"""

SETTLED_ON_SECOND = (
    "(() => { const t = document.querySelector('.carousel-track');"
    " return Math.abs(t.scrollLeft - t.querySelectorAll('.slide')[1].offsetLeft) < 1; })()"
)


def _note(author, sizes, title):
    images = [
        upload(f"p{i}.jpg", image_bytes(size=size, color=(40 + 50 * i, 110, 190)))
        for i, size in enumerate(sizes)
    ]
    return create_note(author=author, title=title, body="A few photos.", images=images)


@pytest.fixture
def notes(transactional_db):
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh", "en"])
    return {
        # 16:9 first: the frame is 4:3, the photo fits inside it
        "landscape": _note(lin, [(1600, 900), (900, 1200), (1000, 1000)], "Harbour at noon"),
        # 9:16 first: the frame stops at 3:4
        "portrait": _note(lin, [(900, 1600), (1600, 900)], "Tall tower"),
        # 1:1 first, one photo: its own shape, no arrows
        "square": _note(lin, [(1000, 1000)], "One square"),
    }


def _swipe_left(ctx, page):
    """A finger drawn right to left across the photo (touch events, as a phone sends them)."""
    cdp = ctx.new_cdp_session(page)
    frame = page.locator(".carousel-frame").bounding_box()
    x, y = frame["x"] + frame["width"] * 0.8, frame["y"] + frame["height"] / 2
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {"x": x - step * frame["width"] * 0.06, "y": y}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        page.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _open(page, live_server, note, viewport, locale):
    page.set_viewport_size(viewport)
    lang = "zh-hans" if locale.startswith("zh") else "en"
    page.goto(f"{live_server.url}/notes/{note.pk}/?lang={lang}")
    wait_for_js(page, "document.querySelector('.carousel-track .slide img').complete")
    return page.evaluate(GEOMETRY)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP_1280], ids=["390", "1280"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_photo_frame_follows_the_first_photo_with_arrows_on_it(
    live_server, browser, notes, page_errors, screenshots, locale, viewport
):
    ctx = browser.new_context(viewport=viewport, locale=locale, has_touch=viewport == PHONE)
    page = page_errors.watch(ctx.new_page())
    tag = f"{locale[:2]}-{viewport['width']}"

    box = _open(page, live_server, notes["landscape"], viewport, locale)
    width, height = box["frame"]
    assert abs(height - width * 3 / 4) <= 1.5, f"16:9 first photo: a 4:3 frame, got {box}"
    # No tall grey column: the carousel is as tall as its frame, whatever the text beside it.
    assert abs(box["carousel"][1] - height) <= 1, box
    # The photo fits inside the frame, and the arrow sits on its middle.
    assert box["top"] - 1 <= box["photo"][0] and box["photo"][1] <= box["top"] + height + 1, box
    assert abs(box["next"] - (box["top"] + height / 2)) <= 2, box
    prev, nxt = page.locator("[data-prev]"), page.locator("[data-next]")
    count = page.locator("[data-count]")
    expect(count).to_have_text("1 / 3")
    expect(prev).to_be_hidden()  # nothing before the first photo
    expect(page.locator(".dot.on")).to_have_count(1)
    page.screenshot(path=str(screenshots / f"note-photos-{tag}.png"))

    if viewport == PHONE:
        # A swipe to the left shows the second photo (scroll-snap, no button needed).
        _swipe_left(ctx, page)
    else:
        nxt.click()
    expect(count).to_have_text("2 / 3")
    wait_for_js(page, SETTLED_ON_SECOND)  # the swipe's snap has finished
    expect(page.locator(".dot").nth(1)).to_have_class("dot on")
    expect(prev).to_be_visible()
    nxt.click()
    expect(count).to_have_text("3 / 3")
    expect(nxt).to_be_hidden()  # nothing after the last photo
    page.locator(".carousel-track").focus()
    page.keyboard.press("ArrowLeft")
    expect(count).to_have_text("2 / 3")

    box = _open(page, live_server, notes["portrait"], viewport, locale)
    width, height = box["frame"]
    max_height = viewport["height"] - 64  # the frame never runs off the screen
    assert abs(height - min(width * 4 / 3, max_height)) <= 1.5, f"9:16 first photo: {box}"
    page.screenshot(path=str(screenshots / f"note-photos-portrait-{tag}.png"))

    box = _open(page, live_server, notes["square"], viewport, locale)
    assert abs(box["frame"][1] - box["frame"][0]) <= 1.5, box
    assert box["next"] is None
    expect(page.locator("[data-count]")).to_have_count(0)
    assert page_errors == []
    ctx.close()
