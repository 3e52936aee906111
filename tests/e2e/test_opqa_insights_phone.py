"""The insights charts on a phone use the card's width: each chart's <figure> kept the browser's
default 40 px side margins, so on a 390 px screen the charts sat in a box some 80 px narrower
than every other card, their text smaller still."""

import pytest

from tests.conftest import make_user
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_charts_are_as_wide_as_the_other_cards_on_a_phone(
    live_server, browser, transactional_db, page_errors, screenshots, language
):
    operator = make_user("olga_ops", is_staff=True, region="DE", languages=["en"])
    locale = "zh-CN" if language == "zh-hans" else "en-US"
    context = log_in_as(browser, live_server, operator, locale, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/insights/")

    cards = page.locator(".insights-charts").bounding_box()
    chart = page.get_by_test_id("chart-signups_region").bounding_box()
    page.screenshot(path=screenshots / f"opqa-insights-phone-{language}.png", full_page=True)
    assert chart["width"] >= cards["width"] - 2
    assert chart["width"] >= PHONE["width"] - 60
    context.close()
