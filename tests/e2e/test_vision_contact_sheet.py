"""A moderator reviews a video note held for an insult shown as a caption: the review item shows
a contact sheet of the video's frames with their times and the text read in each, every frame
blurred until clicked, each picture loading through the moderator's signed link; on a phone
(390 × 844) and a desktop, in the English and the Chinese interface."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from crossnote.moderation.models import ReviewItem
from crossnote.notes.services import create_note
from tests.conftest import make_moderator, make_user
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as, wait_for_js
from tests.vision.test_vision_video_text import captioned_video

pytestmark = pytest.mark.e2e

SHEET = """() => {
  const frames = [...document.querySelectorAll('[data-testid=contact-frame]')];
  return frames.map(f => {
    const b = f.querySelector('button'), img = f.querySelector('img');
    const r = f.getBoundingClientRect();
    return {blurred: b.classList.contains('blurred'), filter: getComputedStyle(img).filter,
            loaded: img.complete && img.naturalWidth > 0, time: f.querySelector('time').textContent,
            left: r.left, right: r.right};
  });
}"""


@pytest.fixture
def item(transactional_db):
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    data = captioned_video([("", 1), ("你就是个傻逼", 2), ("Welcome TikTok refugees!", 2)])
    note = create_note(
        author=lin, title="周末vlog", video=SimpleUploadedFile("v.mp4", data, "video/mp4")
    )
    found = ReviewItem.objects.get(kind="note", object_id=note.pk)
    return found


@pytest.mark.parametrize(
    "viewport,locale", [(PHONE, "en-US"), (DESKTOP, "en-US"), (PHONE, "zh-CN"), (DESKTOP, "zh-CN")]
)
def test_a_moderator_sees_the_frames_blurred_and_reveals_one(
    live_server, browser, item, page_errors, screenshots, viewport, locale
):
    moderator = make_moderator("mod_wang", display_name="Wang")
    context = log_in_as(browser, live_server, moderator, locale, viewport=viewport)
    page = context.new_page()
    page_errors.watch(page)
    page.goto(f"{live_server.url}/moderation/queue/{item.pk}/")
    sheet = page.get_by_test_id("contact-sheet")
    expect(sheet).to_be_visible()
    title = "Frames of the video" if locale == "en-US" else "视频的画面"
    expect(sheet.get_by_role("heading")).to_have_text(title)
    wait_for_js(
        page,
        "[...document.querySelectorAll('[data-testid=contact-frame] img')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
    )
    frames = page.evaluate(SHEET)
    assert len(frames) >= 4
    assert all(f["blurred"] and "blur" in f["filter"] and f["loaded"] for f in frames), frames
    assert [f["time"] for f in frames[:3]] == ["0:00", "0:01", "0:02"]
    width = viewport["width"]
    assert all(0 <= f["left"] and f["right"] <= width for f in frames), frames  # no overflow
    expect(sheet.get_by_test_id("frame-text").first).to_have_text("你就是个傻逼")
    sheet.get_by_test_id("contact-frame").nth(1).locator("button").click()
    frames = page.evaluate(SHEET)
    assert not frames[1]["blurred"] and frames[1]["filter"] == "none"
    assert frames[0]["blurred"] and frames[2]["blurred"]  # one click shows one frame
    sheet.scroll_into_view_if_needed()
    kind = "phone" if viewport == PHONE else "desktop"
    language = "en" if locale == "en-US" else "zh"
    page.screenshot(path=str(screenshots / f"contact-sheet-{kind}-{language}.png"))
    assert page_errors == []
    context.close()
