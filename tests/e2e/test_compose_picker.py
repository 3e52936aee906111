"""Posting photos as a person would, on a phone and a desktop, in English and Chinese: the picker
shows previews, refuses what the server would refuse before anything is uploaded (a file over the
size limit, a text file, a tenth photo), reorders by drag and by the move buttons, crops to 1:1,
counts the title and body against their real limits, and keeps every chosen photo when the
server refuses the post. Without JavaScript the plain file input still posts a note."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from crossnote.notes.models import Note
from tests.conftest import make_user
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e

DESKTOP_1280 = {"width": 1280, "height": 900}
BLUE, YELLOW, GREEN, RED = (30, 90, 200), (230, 190, 30), (40, 170, 80), (210, 40, 40)

WORDS = {
    "en-US": {
        "add": "Add photos",
        "too_big": "big.jpg is 1.5 MB; the limit is 1 MB.",
        "bad_type": "notes.txt: This file is not a JPEG, PNG, WebP or GIF image.",
        "left": "Move photo 2 left",
        "remove": "Remove photo 4",
        "body_long": "The text is 2050 characters; at most 2000.",
        "frames": "Image 4: The animation has more than 2 frames.",
        "too_many": "A note has at most 9 photos; 1 left out.",
        "count": "9 / 9 photos",
        "original": "Original",
    },
    "zh-CN": {
        "add": "添加图片",
        "too_big": "big.jpg 有 1.5 MB；上限是 1 MB。",
        "bad_type": "notes.txt：这不是 JPEG、PNG、WebP 或 GIF 图片。",
        "left": "第 2 张图片左移",
        "remove": "移除第 4 张图片",
        "body_long": "正文有 2050 个字符；最多 2000 个。",
        "frames": "第 4 张图片",
        "too_many": "一篇笔记最多 9 张图片；有 1 张未加入。",
        "count": "9 / 9 张",
        "original": "原图",
    },
}


def _write(path, size, color, fmt="JPEG", pad=0):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    path.write_bytes(out.getvalue() + b"\0" * pad)
    return str(path)


def _text_file(path):
    path.write_text("not a photo\n")
    return path


def _gif(path, frames=3):
    images = [Image.new("RGB", (300, 300), (210, 40 + 60 * i, 40)) for i in range(frames)]
    images[0].save(path, format="GIF", save_all=True, append_images=images[1:], duration=100)
    return str(path)


def _finger_drag(ctx, page, handle, target):
    """A touch drag from `handle` onto `target` (touch events, as a phone sends them)."""
    cdp = ctx.new_cdp_session(page)
    # Touch points are viewport coordinates: the handle must be on the screen and not under the
    # fixed tab bar (Noto's taller lines put it there on a 390 x 844 phone).
    box, bottom = handle.bounding_box(), page.viewport_size["height"] - 80
    if box["y"] + box["height"] > bottom:  # just enough that it clears the bar
        page.evaluate("dy => window.scrollBy(0, dy)", box["y"] + box["height"] - bottom)
    start, end = handle.bounding_box(), target.bounding_box()
    x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    x1, y1 = end["x"] + end["width"] / 2, end["y"] + end["height"] / 3
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]}
    )
    for step in range(1, 9):
        point = {"x": x0 + (x1 - x0) * step / 8, "y": y0 + (y1 - y0) * step / 8}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _colour_of(image_field):
    """The nearest of the test colours to the middle of a stored variant."""
    with image_field.open("rb") as handle:
        pixel = Image.open(handle).convert("RGB").getpixel((5, 5))
    colours = {"blue": BLUE, "yellow": YELLOW, "green": GREEN, "red": RED}
    return min(
        colours, key=lambda k: sum((a - b) ** 2 for a, b in zip(colours[k], pixel, strict=True))
    )


def _order(page):
    return page.locator("[data-previews] [data-photo]").evaluate_all(
        "tiles => tiles.map(t => t.dataset.photo)"
    )


@pytest.fixture
def poster(transactional_db):
    return make_user("sam_ldn", display_name="Sam", region="GB", languages=["en", "zh"])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP_1280], ids=["390", "1280"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_photo_picker_checks_reorders_crops_and_keeps_photos(
    live_server, browser, poster, page_errors, screenshots, settings, tmp_path, locale, viewport
):
    settings.CROSSNOTE_MAX_UPLOAD_BYTES = 1024 * 1024
    settings.CROSSNOTE_MAX_IMAGE_FRAMES = 2
    words = WORDS[locale]
    ctx = log_in_as(browser, live_server, poster, locale)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(viewport)
    posts = []
    page.on("request", lambda r: r.method == "POST" and "/notes/new/" in r.url and posts.append(r))
    page.goto(f"{live_server.url}/notes/new/")
    add = page.locator("[data-picker-add]")
    expect(add).to_be_visible()
    expect(add).to_contain_text(words["add"])
    # The plain file input stays in the form, out of sight: the button opens it.
    assert page.locator("input[name=images]").bounding_box()["width"] <= 1

    # Six files: four photos, one over the 1 MB limit, one that is not a photo at all.
    page.set_input_files(
        "input[name=images]",
        [
            _write(tmp_path / "lake.jpg", (1200, 900), BLUE),
            _write(tmp_path / "tower.jpg", (900, 1200), YELLOW),
            _write(tmp_path / "field.png", (800, 800), GREEN, fmt="PNG"),
            _gif(tmp_path / "spin.gif"),
            _write(tmp_path / "big.jpg", (200, 200), RED, pad=1536 * 1024),
            str(_text_file(tmp_path / "notes.txt")),
        ],
    )
    tiles = page.locator("[data-previews] [data-photo]")
    expect(tiles).to_have_count(4)
    message = page.locator("[data-picker] [data-errors-for=images]")
    expect(message).to_contain_text(words["too_big"])
    expect(message).to_contain_text(words["bad_type"])
    expect(tiles.first.locator("[data-crop=original]")).to_have_text(words["original"])

    # Crop the lake to a square; drag the field to the front; move the lake back to the front.
    tiles.nth(0).locator("[data-crop='1:1']").click()
    expect(tiles.nth(0).locator("[data-crop='1:1']")).to_have_attribute("aria-pressed", "true")
    if viewport == PHONE:
        _finger_drag(ctx, page, tiles.nth(2).locator("[data-handle]"), tiles.nth(0))
    else:
        tiles.nth(2).locator("[data-handle]").drag_to(tiles.nth(0))
    assert _order(page) == ["3", "1", "2", "4"]
    lake_left = page.locator('[data-photo="1"] [data-move="-1"]')
    expect(lake_left).to_have_attribute("aria-label", words["left"])
    lake_left.click()
    assert _order(page) == ["1", "3", "2", "4"]
    expect(page.locator('[data-photo="1"] [data-move="1"]')).to_be_focused()
    page.locator('[data-photo="1"] .picker-alt').fill("A blue lake")

    # The counters know the real limits; text over one is refused here, not cut.
    page.fill("input[name=title]", "Lake at dawn")
    page.fill("textarea[name=body]", "z" * 2050)
    counter = page.locator("[data-counter-for=id_body]")
    expect(counter).to_have_class(re.compile(r"\bover\b"))
    expect(counter).to_contain_text("2050 / 2000")
    expect(page.locator("[data-counter-for=id_title]")).to_contain_text("12 / 100")
    page.locator("[data-post]").click()
    expect(page.locator("[data-errors-for=body]")).to_have_text(words["body_long"])
    assert posts == [], "nothing is uploaded while the form has a known problem"
    page.fill("textarea[name=body]", "z" * 1990)
    page.screenshot(
        path=str(screenshots / f"compose-picker-{locale[:2]}-{viewport['width']}.png"),
        full_page=True,
    )

    # The server refuses the animation (too many frames): every photo and the text stay.
    page.locator("[data-post]").click()
    expect(message).to_contain_text(words["frames"])
    expect(message).to_be_focused()  # read out first, and no photo's Remove button under a key
    assert len(posts) == 1
    expect(tiles).to_have_count(4)
    expect(page.locator("input[name=title]")).to_have_value("Lake at dawn")
    assert Note.objects.count() == 0
    page.screenshot(
        path=str(screenshots / f"compose-refused-{locale[:2]}-{viewport['width']}.png"),
        full_page=True,
    )
    remove = page.locator('[data-photo="4"] [data-remove]')
    expect(remove).to_have_attribute("aria-label", words["remove"])
    remove.click()
    expect(tiles).to_have_count(3)

    page.locator("[data-post]").click()
    expect(page).to_have_url(re.compile(r"/notes/\d+/$"), timeout=20_000)
    note = Note.objects.get(author=poster)
    assert len(note.body) == 1990
    images = list(note.images.all())
    assert [_colour_of(i.thumb) for i in images] == ["blue", "green", "yellow"]
    assert (images[0].large_width, images[0].large_height) == (900, 900), "cropped to 1:1"
    assert (images[2].large_width, images[2].large_height) == (900, 1200), "kept as it was"
    assert images[0].alt_text == "A blue lake"
    unexpected = [e for e in page_errors if "status of 400" not in e]
    assert unexpected == [], "the browser reported errors:\n" + "\n".join(unexpected)
    ctx.close()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_a_tenth_photo_is_left_out_before_upload(
    live_server, browser, poster, page_errors, tmp_path, locale
):
    words = WORDS[locale]
    ctx = log_in_as(browser, live_server, poster, locale)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/notes/new/")
    files = [_write(tmp_path / f"p{i}.jpg", (300, 300), (20 * i, 80, 120)) for i in range(10)]
    page.set_input_files("input[name=images]", files)
    expect(page.locator("[data-previews] [data-photo]")).to_have_count(9)
    expect(page.locator("[data-errors-for=images]")).to_have_text(words["too_many"])
    expect(page.locator("[data-picker-count]")).to_have_text(words["count"])
    expect(page.locator("[data-picker-add]")).to_be_hidden()
    assert page_errors == []
    ctx.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP_1280], ids=["390", "1280"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_without_javascript_the_plain_form_posts_and_never_cuts_text(
    live_server, browser, poster, tmp_path, locale, viewport
):
    client_ctx = log_in_as(browser, live_server, poster, locale)
    cookies = client_ctx.cookies()
    client_ctx.close()
    ctx = browser.new_context(viewport=viewport, locale=locale, java_script_enabled=False)
    ctx.add_cookies(cookies)
    page = ctx.new_page()
    page.goto(f"{live_server.url}/notes/new/")
    expect(page.locator("input[name=images]")).to_be_visible()
    page.set_input_files(
        "input[name=images]",
        [
            _write(tmp_path / "a.jpg", (640, 480), BLUE),
            _write(tmp_path / "b.jpg", (480, 640), GREEN),
        ],
    )
    page.fill("input[name=title]", "No script")
    page.fill("textarea[name=body]", "w" * 4800)
    page.locator("button[type=submit]", has_text=re.compile("Post|发布")).click()
    error = page.locator("[data-field=body] .field-error")
    expect(error).to_contain_text("4800")
    assert len(page.locator("textarea[name=body]").input_value()) == 4800, "not cut"
    assert Note.objects.count() == 0
    # The browser cannot refill a file input: pick the photos again and post.
    page.set_input_files(
        "input[name=images]",
        [
            _write(tmp_path / "a.jpg", (640, 480), BLUE),
            _write(tmp_path / "b.jpg", (480, 640), GREEN),
        ],
    )
    page.fill("textarea[name=body]", "w" * 1999)
    page.locator("button[type=submit]", has_text=re.compile("Post|发布")).click()
    expect(page).to_have_url(re.compile(r"/notes/\d+/$"))
    note = Note.objects.get()
    assert (note.images.count(), len(note.body)) == (2, 1999)
    ctx.close()
