"""On a phone, a note's review item blurs its photos inside their own boxes: the blur's halo
(about three radii past the image) lay over the "Flag a bad translation" link just above them at
390×844, in both languages."""

import pytest
from playwright.sync_api import expect

from crossnote.moderation.models import ReviewItem
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, upload
from tests.e2e.conftest import PHONE, log_in_as, wait_for_js

pytestmark = pytest.mark.e2e
JSON = "application/json"
# The box a blurred image paints into: its own box grown by three blur radii, clipped by the
# nearest element (itself or above) that hides what overflows it.
PAINTED = """img => {
  const r = img.getBoundingClientRect();
  const blur = parseFloat((getComputedStyle(img).filter.match(/blur\\(([\\d.]+)px/) || [0, 0])[1]);
  let box = {top: r.top - 3 * blur, bottom: r.bottom + 3 * blur,
             left: r.left - 3 * blur, right: r.right + 3 * blur};
  for (let el = img.parentElement; el && el !== document.body; el = el.parentElement) {
    if (getComputedStyle(el).overflow !== 'visible') {
      const c = el.getBoundingClientRect();
      box = {top: Math.max(box.top, c.top), bottom: Math.min(box.bottom, c.bottom),
             left: Math.max(box.left, c.left), right: Math.min(box.right, c.right)};
      break;
    }
  }
  return box;
}"""


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_blurred_photos_halo_stays_off_the_flag_link(
    live_server, browser, transactional_db, screenshots, page_errors, mia, lin, language
):
    # A note in the other language than the moderator's, so that its translation shows.
    if language == "en":
        note = create_note(
            author=lin, title="周末去爬山", body="山顶的风景特别好。", images=[upload()]
        )
        reporter = mia
    else:
        note = create_note(
            author=mia, title="Hiking", body="The view was great.", images=[upload()]
        )
        reporter = lin
    client_of(reporter).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(kind="note", object_id=note.pk)
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    locale = "zh-CN" if language == "zh-hans" else "en-US"
    context = log_in_as(browser, live_server, amy, locale, viewport=PHONE)
    page = page_errors.watch(context.new_page())
    page.goto(f"{live_server.url}/moderation/queue/{item.pk}/", timeout=60_000)
    flag = page.locator("button[name=do][value=bad_translation]")
    expect(flag).to_be_visible()
    image = page.locator(".review-images .blurred img").first
    wait_for_js(page, "document.querySelector('.review-images img').complete")
    link = flag.bounding_box()
    painted = image.evaluate(PAINTED)
    assert link and painted["top"] >= link["y"] + link["height"], (link, painted)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.screenshot(path=str(screenshots / f"modlang2-blur-halo-{language}.png"), full_page=True)
    context.close()
    assert page_errors == []
