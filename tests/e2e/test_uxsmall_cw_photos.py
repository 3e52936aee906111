"""A labelled note's photos and video stay covered until the reader chooses to see them, like its
text, on a phone and a desktop, in English and Chinese, with JavaScript and without: the card's
cover is blurred, the note page's photo and video are blurred, and the warning's Show uncovers
photo, video and text at once (a video note played in full before: only <img> was blurred)."""

import pytest
from playwright.sync_api import expect

from crossnote.moderation.services.enforcement import apply_state
from crossnote.notes.services import create_note
from tests.conftest import make_user, upload
from tests.e2e.conftest import DESKTOP, PHONE
from tests.notes.video_media import clip, video_bytes

pytestmark = pytest.mark.e2e

FILTER = "el => getComputedStyle(el).filter"
SHOW = {"en": "Show", "zh": "显示"}


def blur_px(locator) -> float:
    """The element's blur radius in px (0 when it is not blurred)."""
    value = locator.evaluate(FILTER)
    return 0.0 if value == "none" else float(value.removeprefix("blur(").removesuffix("px)"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_labelled_notes_photos_and_video_stay_covered_until_shown(
    live_server, browser, page_errors, screenshots, locale, viewport, javascript, transactional_db
):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    photo = create_note(author=mia, title="Rough day at the vet", body="#cats", images=[upload()])
    video = create_note(
        author=mia,
        title="Waves at night",
        body="#travel",
        video=clip(video_bytes(size=(240, 320), seconds=1), name="waves.mov"),
    )
    for note in (photo, video):
        apply_state(note, "note", "label")
    lang = locale[:2]
    ctx = browser.new_context(viewport=viewport, locale=locale, java_script_enabled=javascript)
    ctx.add_cookies(
        [
            {
                "name": "django_language",
                "value": "zh-hans" if lang == "zh" else "en",
                "url": live_server.url,
            }
        ]
    )
    ctx.set_default_timeout(10_000)
    page = page_errors.watch(ctx.new_page())
    tag = f"{lang}-{viewport['width']}-{'js' if javascript else 'nojs'}"

    page.goto(f"{live_server.url}/u/{mia.username}/")
    covers = page.locator("article.note-card.cw .note-card-img img")
    expect(covers).to_have_count(2)
    assert all(blur_px(covers.nth(i)) >= 16 for i in range(2))
    page.screenshot(path=str(screenshots / f"uxsmall-cw-cards-{tag}.png"))

    page.goto(f"{live_server.url}{photo.get_absolute_url()}")
    img = page.locator(".carousel img").first
    text = page.locator("[data-original]")
    assert blur_px(img) >= 24 and blur_px(text) > 0
    page.screenshot(path=str(screenshots / f"uxsmall-cw-photo-{tag}.png"))
    page.get_by_test_id("cw-show").click()
    assert blur_px(img) == 0 and blur_px(text) == 0
    expect(page.get_by_test_id("content-warning")).to_be_hidden()
    page.screenshot(path=str(screenshots / f"uxsmall-cw-photo-shown-{tag}.png"))

    page.goto(f"{live_server.url}{video.get_absolute_url()}")
    player = page.get_by_test_id("note-video")
    expect(player).to_be_attached()
    assert blur_px(player) >= 24, "a labelled note's video played uncovered"
    show = page.get_by_test_id("cw-show")
    expect(show).to_have_text(SHOW[lang])
    page.screenshot(path=str(screenshots / f"uxsmall-cw-video-{tag}.png"))
    show.click()
    assert blur_px(player) == 0
    assert not page_errors, page_errors
    ctx.close()
