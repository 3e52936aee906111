"""Translate text in photo, in chromium: a reader taps "Translate text in photo" under a photo of
a Chinese menu and each line's translation is drawn over the photo where the line was (inside
the part of the slide the photo fills), readable, and the same button shows the original again;
on a phone (390 × 844) and a desktop, in the English and the Chinese interface."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from crossnote.notes.services import create_note
from tests.conftest import make_user
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as, wait_for_js
from tests.vision.vision_images import text_image

pytestmark = pytest.mark.e2e

MENU = ["菜单 MENU", "麻婆豆腐 ¥28", "宫保鸡丁 ¥32", "红烧牛肉面 ¥26", "今日特价 买一送一"]
SIGN = ["Coffee", "Welcome"]

LAYOUT = """() => {
  const layer = document.querySelector('[data-testid=photo-text-layer]');
  const img = layer.parentElement.querySelector('img').getBoundingClientRect();
  const l = layer.getBoundingClientRect();
  const lines = [...layer.querySelectorAll('.photo-text-line')].map(s => {
    const r = s.getBoundingClientRect();
    return {text: s.textContent, original: s.title, left: r.left, top: r.top, right: r.right,
            bottom: r.bottom, fits: s.scrollWidth <= s.clientWidth + 1 &&
              s.scrollHeight <= s.clientHeight + 1, size: parseFloat(getComputedStyle(s).fontSize),
            bg: getComputedStyle(s).backgroundColor};
  });
  return {img: [img.left, img.top, img.right, img.bottom], layer: [l.left, l.top, l.right, l.bottom],
          hidden: layer.hidden, lines};
}"""


def _photo(lines, size, background):
    data, boxes = text_image(lines, size=size, font_size=48, background=background, margin=40)
    return SimpleUploadedFile("photo.png", data, "image/png"), boxes


@pytest.fixture
def notes(transactional_db):
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    menu, menu_boxes = _photo(MENU, (720, 620), (250, 240, 220))
    sign, _boxes = _photo(SIGN, (720, 400), (230, 245, 255))
    return {
        "menu": create_note(author=lin, title="成都小馆", images=[menu]),
        "menu_boxes": menu_boxes,
        "sign": create_note(author=lin, title="咖啡店", images=[sign]),
    }


def _translate(page, url):
    page.goto(url)
    button = page.get_by_test_id("translate-photo-text")
    expect(page.get_by_test_id("photo-has-text")).to_be_visible()
    expect(button).to_be_visible()
    button.click()
    # The first translation loads the offline dictionary: give it time on a busy machine.
    expect(page.get_by_test_id("photo-text-layer")).to_be_visible(timeout=60_000)
    wait_for_js(page, "document.querySelectorAll('.photo-text-line').length > 0")
    return button


def _check_drawn_over_the_photo(layout, expected_lines):
    left, top, right, bottom = layout["img"]
    assert len(layout["lines"]) == expected_lines, layout["lines"]
    for line in layout["lines"]:
        assert line["text"] and line["text"] != line["original"], line
        assert left - 1 <= line["left"] < line["right"] <= right + 1, (line, layout["img"])
        assert top - 1 <= line["top"] < line["bottom"], (line, layout["img"])
        assert line["top"] <= bottom, (line, layout["img"])  # a wrapped gloss may run below
        assert line["fits"] and line["size"] >= 9, line
        assert line["bg"].startswith("rgba(255, 255, 255"), line["bg"]


def test_a_reader_translates_a_menu_photo_in_place_on_a_phone(
    live_server, browser, notes, page_errors, screenshots
):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    context = log_in_as(browser, live_server, mia, viewport=PHONE)
    page = page_errors.watch(context.new_page())
    url = f"{live_server.url}{notes['menu'].get_absolute_url()}"
    button = _translate(page, url)
    layout = page.evaluate(LAYOUT)
    _check_drawn_over_the_photo(layout, len(MENU))
    # Each translation sits where its line was drawn (boxes as fractions of the photo).
    left, top, right, bottom = layout["img"]
    width, height = right - left, bottom - top
    for line, (_text, (x0, y0, _x1, _y1)) in zip(layout["lines"], notes["menu_boxes"], strict=True):
        assert abs((line["top"] - top) / height - y0) < 0.05, (line, y0)
        assert abs((line["left"] - left) / width - x0) < 0.05, (line, x0)
    assert any("tofu" in line["text"].lower() for line in layout["lines"]), layout["lines"]
    page.screenshot(path=str(screenshots / "vision-menu-translated-en-390.png"))
    expect(button).to_have_text("Show original photo")
    button.click()
    expect(page.get_by_test_id("photo-text-layer")).to_be_hidden()
    expect(button).to_have_text("Translate text in photo")
    page.screenshot(path=str(screenshots / "vision-menu-original-en-390.png"))
    button.click()
    expect(page.get_by_test_id("photo-text-layer")).to_be_visible()
    assert page_errors == []
    context.close()


def test_translated_photo_text_on_a_desktop_and_in_chinese(
    live_server, browser, notes, page_errors, screenshots
):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    context = log_in_as(browser, live_server, mia, viewport=DESKTOP)
    page = page_errors.watch(context.new_page())
    _translate(page, f"{live_server.url}{notes['menu'].get_absolute_url()}")
    _check_drawn_over_the_photo(page.evaluate(LAYOUT), len(MENU))
    page.screenshot(path=str(screenshots / "vision-menu-translated-en-desktop.png"))
    context.close()
    # A Chinese reader (Chinese interface) translates an English sign into Chinese.
    wang = make_user("wang_bj", display_name="小王", region="CN", languages=["zh"])
    for viewport, name in ((PHONE, "390"), (DESKTOP, "desktop")):
        context = log_in_as(browser, live_server, wang, locale="zh-CN", viewport=viewport)
        page = page_errors.watch(context.new_page())
        button = _translate(page, f"{live_server.url}{notes['sign'].get_absolute_url()}")
        expect(button).to_have_text("显示原图")
        layout = page.evaluate(LAYOUT)
        _check_drawn_over_the_photo(layout, len(SIGN))
        assert any("咖啡" in line["text"] for line in layout["lines"]), layout["lines"]
        page.screenshot(path=str(screenshots / f"vision-sign-translated-zh-{name}.png"))
        context.close()
    assert page_errors == []
