"""A video note from a phone: picked in the compose page (preview and length shown), posted,
then playing inline on its page (muted, looping; a tap on the sound button unmutes), on a phone
(390×844) and a desktop, in English and Chinese. Debian's chromium decodes H.264 (checked with
canPlayType first, so a build without it fails with that reason rather than a timeout)."""

import re

import pytest
from playwright.sync_api import expect

from crossnote.notes.models import Note, VideoState
from crossnote.notes.services import create_note
from tests.conftest import make_user
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as, wait_for_js
from tests.notes.video_media import clip, video_bytes

pytestmark = pytest.mark.e2e

PLAYING = """() => { const v = document.querySelector('[data-testid=note-video]');
  return v && v.readyState >= 2 && v.currentTime > 0.3 && !v.paused; }"""


def _shot(page, screenshots, name):
    page.screenshot(path=str(screenshots / f"video-{name}.png"))


def _assert_plays(page):
    can = page.evaluate(
        """() => document.createElement('video').canPlayType('video/mp4; codecs="avc1.42E01E"')"""
    )
    assert can in ("probably", "maybe"), "this chromium cannot decode H.264"
    wait_for_js(page, PLAYING, timeout=15)
    first = page.evaluate("document.querySelector('[data-testid=note-video]').currentTime")
    page.wait_for_timeout(400)
    later = page.evaluate("document.querySelector('[data-testid=note-video]').currentTime")
    assert later != first  # time moves on (it loops, so it may have wrapped)
    video = page.locator("[data-testid=note-video]")
    assert video.evaluate("v => v.muted && v.loop && v.playsInline && v.autoplay")
    assert video.evaluate("v => v.poster.includes('/media/')")


def test_a_video_posted_from_a_phone_plays_inline(live_server, browser, page_errors, screenshots):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    ctx = log_in_as(browser, live_server, mia, viewport=PHONE)
    page = page_errors.watch(ctx.new_page())
    page.goto(f"{live_server.url}/notes/new/")
    expect(page.locator("[data-video-add]")).to_be_visible()
    _shot(page, screenshots, "compose-empty-en-390")
    data = video_bytes(size=(320, 240), seconds=2)
    page.set_input_files(
        "#id_video", files=[{"name": "waves.mov", "mimeType": "video/quicktime", "buffer": data}]
    )
    expect(page.locator("[data-video-preview]")).to_be_visible()
    expect(page.locator("[data-video-duration]")).to_have_text("Video, 0:02")
    expect(page.locator("[data-picker]")).to_be_hidden()  # photos or one video
    expect(page.locator("[data-video-add]")).to_be_hidden()
    page.fill("#id_title", "Waves at Qingdao")
    _shot(page, screenshots, "compose-en-390")
    page.click("[data-post]")
    page.wait_for_url(re.compile(r"/notes/\d+/$"), timeout=30_000)
    note = Note.objects.get(title="Waves at Qingdao")
    assert note.video.state == VideoState.READY and note.media_ready
    _assert_plays(page)
    button = page.locator("[data-unmute]")
    expect(button).to_have_text("Tap for sound")
    button.click()
    assert page.locator("[data-testid=note-video]").evaluate("v => !v.muted")
    expect(button).to_have_attribute("aria-pressed", "true")
    _shot(page, screenshots, "note-en-390")
    assert not page_errors, page_errors
    ctx.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_a_video_note_plays_for_readers_and_explore_shows_its_badge(
    live_server, browser, page_errors, screenshots, locale, viewport, transactional_db
):
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh", "en"])
    reader = make_user("ana", display_name="Ana", region="US", languages=["en", "zh"])
    note = create_note(
        author=lin,
        title="海边的浪 Waves",
        body="#travel",
        video=clip(video_bytes(size=(240, 320), seconds=2), name="waves.mov"),
    )
    ctx = log_in_as(browser, live_server, reader, locale=locale, viewport=viewport)
    page = page_errors.watch(ctx.new_page())
    tag = f"{locale[:2]}-{viewport['width']}"
    page.goto(f"{live_server.url}/")
    badge = page.locator("[data-testid=play-badge]").first
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("0:02")
    _shot(page, screenshots, f"explore-{tag}")
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    _assert_plays(page)
    box = page.locator("[data-video]").bounding_box()
    assert box["width"] <= viewport["width"] and box["height"] <= viewport["height"]
    expect(page.locator("[data-unmute]")).to_have_text(
        "点按开启声音" if locale.startswith("zh") else "Tap for sound"
    )
    _shot(page, screenshots, f"note-{tag}")
    assert not page_errors, page_errors
    ctx.close()
