"""In chromium: the strict CSP breaks nothing (no console errors), image boxes keep their size,
delete buttons still ask first, and the sign-up surge pages read well in Chinese."""

import pytest
from playwright.sync_api import expect

from crossnote.notes.services import create_note
from crossnote.security import services
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import log_in_as

pytestmark = pytest.mark.e2e


def own_errors(errors) -> list:
    """Console errors but the messaging socket's, which live_server (WSGI) cannot upgrade."""
    return [e for e in errors if "/ws/" not in e]


def test_strict_csp_pages_work_in_chromium(
    live_server,
    browser,
    transactional_db,
    page_errors,
    screenshots,
):
    mia = make_user("mia_ms", display_name="Mia")
    note = create_note(
        author=mia,
        title="Tall photo",
        body="#cats",
        images=[upload("cat.jpg", image_bytes(size=(400, 900)))],
    )
    context = log_in_as(browser, live_server, mia)
    page = page_errors.watch(context.new_page())
    csp_violations = []
    page.on(
        "console", lambda m: "Content Security Policy" in m.text and csp_violations.append(m.text)
    )
    page.goto(f"{live_server.url}/")
    card = page.locator(".note-card-img").first
    expect(card).to_be_visible()
    ratio = card.evaluate("el => el.style.aspectRatio")
    assert ratio.replace(" ", "") == "540/1215" or "/" in ratio, ratio
    assert "data:image/png" in card.evaluate("el => el.style.backgroundImage")
    page.goto(f"{live_server.url}/notes/{note.pk}/")
    assert page.locator(".slide").first.evaluate("el => el.style.aspectRatio")
    # The delete button asks first; dismissing keeps the note.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("form[data-confirm] button").first.click()
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/notes/{note.pk}/")
    page.screenshot(path=str(screenshots / "security-note-csp.png"))
    assert csp_violations == []
    assert own_errors(page_errors) == []


def test_surge_pages_in_chinese(
    live_server,
    browser,
    transactional_db,
    page_errors,
    screenshots,
):
    staff = make_user("staffer", is_staff=True)
    services.set_surge_mode(mode="approval", notice="今天注册的人很多，请耐心等待。")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = page_errors.watch(context.new_page())
    page.goto(f"{live_server.url}/signup/")
    expect(page.get_by_test_id("surge-approval")).to_be_visible()
    page.fill("#id_username", "xiaoming")
    page.fill("#id_email", "xiaoming@example.com")
    page.fill("#id_password", "a long enough passphrase")
    page.fill("#id_reason", "我想分享火锅照片")
    page.check("#id_accept_guidelines")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_test_id("signup-waiting")).to_be_visible()
    page.screenshot(path=str(screenshots / "security-waiting-zh.png"), full_page=True)

    staff_page = page_errors.watch(log_in_as(browser, live_server, staff, "zh-CN").new_page())
    staff_page.goto(f"{live_server.url}/staff/signups/")
    expect(staff_page.get_by_test_id("applications")).to_contain_text("xiaoming")
    staff_page.screenshot(path=str(screenshots / "security-staff-signups.png"), full_page=True)
    staff_page.locator("[data-testid=applications] button.btn-primary").first.click()
    expect(staff_page.get_by_test_id("applications")).not_to_contain_text("xiaoming")

    page.reload()
    expect(page.locator("a.btn-primary[href='/login/']")).to_be_visible()
    assert own_errors(page_errors) == []
