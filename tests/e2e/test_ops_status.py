"""The staff status page in chromium: what an operator sees (screenshot: ops_status.png)."""

import pytest
from django.test import Client

from tests.conftest import make_user
from tests.e2e.conftest import DESKTOP, SCREENSHOTS


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_status_page_in_chromium(browser, live_server):
    admin = make_user("ops_admin_e2e", is_staff=True)
    client = Client()
    client.force_login(admin)
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server.url}/ops/status/")
    assert page.locator("h1").inner_text() == "System status"
    rows = page.locator("[data-testid=ops-finding]")
    assert rows.count() >= 6
    assert page.locator("[data-area='database:default']").get_attribute("data-level") == "ok"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "ops_status.png"), full_page=True)
    assert not errors
    context.close()
