"""In chromium, on a phone and a desktop, in English and 简体中文: a notification about a note
behind a content warning shows its photo blurred (the thumbnail was shown in full while the card
and the note page blur it); a plain note's thumbnail is not blurred, and the blur stays in its box."""

import io

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from crossnote.moderation.services.enforcement import apply_state
from crossnote.notes.services import add_comment, create_note
from tests.conftest import make_user, upload
from tests.e2e.conftest import PHONE, log_in_as, wait_for_js

pytestmark = pytest.mark.e2e
FILTER = "el => getComputedStyle(el).filter"


def striped() -> bytes:
    """A photo with shapes a blur must wipe out (a plain colour looks the same blurred)."""
    image = Image.new("RGB", (600, 800), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for x in range(0, 600, 60):
        draw.rectangle([x, 0, x + 25, 800], fill=(200, 30, 40))
    draw.ellipse([150, 250, 450, 550], fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_labelled_notes_thumbnail_is_blurred(
    live_server, browser, transactional_db, screenshots, page_errors, language
):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    for title, labelled in (("Rough day at the vet", True), ("Sunday dumplings", False)):
        note = create_note(author=mia, title=title, images=[upload("s.jpg", striped())])
        comment = add_comment(author=lin, note=note, body="看起来好好吃！")
        add_comment(author=mia, note=note, body="Thanks!", parent=comment)
        if labelled:
            apply_state(note, "note", "label")
    locale = "zh-CN" if language == "zh-hans" else "en-US"
    for name, viewport in (("390", PHONE), ("1280", {"width": 1280, "height": 800})):
        context = log_in_as(browser, live_server, lin, locale, viewport=viewport)
        page = page_errors.watch(context.new_page())
        page.goto(f"{live_server.url}/notifications/")
        thumbs = page.get_by_test_id("notification-thumb")
        expect(thumbs).to_have_count(2)
        wait_for_js(
            page,
            "[...document.querySelectorAll('[data-testid=notification-thumb]')]"
            ".every(img => img.complete && img.naturalWidth > 0)",
        )
        # Newest first: the plain note's reply, then the labelled one's.
        assert thumbs.nth(0).evaluate(FILTER) == "none"
        blurred = thumbs.nth(1).evaluate(FILTER)
        assert blurred.startswith("blur(") and float(blurred[5:].removesuffix("px)")) >= 6
        box = page.locator(".notif-thumb.cw").bounding_box()
        assert box and round(box["width"]) == 48 and round(box["height"]) == 64
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
        page.screenshot(path=str(screenshots / f"polish-notif-thumb-{language}-{name}.png"))
        context.close()
    assert page_errors == []
