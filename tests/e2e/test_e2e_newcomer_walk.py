"""What a newcomer met walking their first ten minutes on a phone (390×844), in English and
简体中文, that only a browser shows (brief journeyqa)."""

import pytest
from playwright.sync_api import expect

from crossnote.privacy.services import export_now
from tests.conftest import make_user
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_ready_exports_download_button_is_a_button_not_a_stripe(
    live_server, browser, transactional_db, settings, screenshots, page_errors, tmp_path, locale
):
    """The Download button of a ready export stretched across the whole card as a thin red
    stripe (the people list's rule made every link in it a full-width flex row); it is a
    button the size of its word, on the line with the export's date and status."""
    settings.CROSSNOTE_EXPORTS_DIR = tmp_path / "exports"
    jake = make_user("jake_newbie", display_name="Jake", region="US", languages=["en"])
    export_now(user=jake, via="page")
    context = log_in_as(browser, live_server, jake, locale, viewport=PHONE)
    page = page_errors.watch(context.new_page())
    page.goto(f"{live_server.url}/settings/privacy/")
    button = page.get_by_test_id("download-export")
    expect(button).to_be_visible()
    box = button.bounding_box()
    row = page.get_by_test_id("export").bounding_box()
    assert box["width"] < row["width"] / 2, (box, row)
    assert box["height"] >= 24, "a tap target, not a stripe"
    lang = "zh" if locale.startswith("zh") else "en"
    button.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"walk-export-ready-{lang}-390.png"))
    assert page_errors == [], "\n".join(page_errors)
    context.close()
