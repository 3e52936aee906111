"""Data rights in a real browser: ask for an export, watch it being prepared, download it,
then delete the account."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from crossnote.accounts.models import User
from crossnote.notes.services import create_note
from crossnote.privacy.models import DeletionRequest
from tests.conftest import PASSWORD, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e


def test_a_person_exports_their_data_and_deletes_their_account(
    live_server, browser, transactional_db, settings, screenshots, page_errors, tmp_path
):
    settings.CROSSNOTE_EXPORTS_DIR = tmp_path / "exports"
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    create_note(author=mia, title="My cat", body="She sleeps all day #cats", images=[upload()])

    context = log_in_as(browser, live_server, mia, "en-US")
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_test_id("privacy-link").click()
    expect(page.get_by_test_id("privacy-settings")).to_be_visible()

    # The export is built in a background thread; the page polls until it is ready.
    page.get_by_test_id("request-export").click()
    download_link = page.get_by_test_id("download-export")
    expect(download_link).to_be_visible(timeout=30_000)
    page.screenshot(path=str(screenshots / "privacy-390.png"), full_page=True)
    with page.expect_download() as download:
        download_link.click()
    path = download.value.path()
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("data.json"))
        assert "index.html" in archive.namelist()
    assert data["profile"]["username"] == "mia_ms"
    assert data["notes"][0]["title"] == "My cat"

    # The notification says it is ready.
    page.goto(f"{live_server.url}/notifications/")
    expect(page.get_by_test_id("export-ready-link")).to_be_visible()

    # Delete the account: password again, then it is closed at once.
    page.goto(f"{live_server.url}/settings/privacy/#delete")
    form = page.get_by_test_id("delete-form")
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("input[name=confirm]").check()
    form.get_by_test_id("delete-account").click()
    expect(page.get_by_test_id("goodbye")).to_be_visible()
    assert not User.objects.get(pk=mia.pk).is_active
    assert DeletionRequest.objects.get(user=mia).status == "pending"
    page.goto(f"{live_server.url}/settings/privacy/")
    assert "/login/" in page.url  # the session ended with the account
    assert not page_errors, page_errors
    context.close()
