"""The operator's insights page in a real browser, in English and in Chinese: the influx and its
retention drawn as charts, the range presets, a CSV download; and the public summary."""

import time

import pytest
from django.test import Client
from playwright.sync_api import expect

from crossnote.insights.models import InsightsSettings
from crossnote.insights.simulation import simulate_influx
from tests.conftest import make_user
from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.e2e


def logged_in(browser, live_server, user, ui: str):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN" if ui == "zh-hans" else "en-US")
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": ui, "url": live_server.url},
        ]
    )
    return context


def own_errors(errors) -> list:
    """Page errors, less the messaging socket that pytest's live server (WSGI) cannot accept."""
    return [e for e in errors if "/ws/" not in e]


@pytest.mark.parametrize("ui", ["en", "zh-hans"])
def test_operator_sees_the_influx_and_its_retention_as_charts(
    live_server, browser, transactional_db, screenshots, page_errors, ui
):
    simulate_influx(seed=11, newcomers=240)
    operator = make_user("olga_ops", is_staff=True, region="DE", languages=["en"])
    context = logged_in(browser, live_server, operator, ui)
    page = page_errors.watch(context.new_page())

    page.goto(f"{live_server.url}/")
    page.get_by_test_id("insights-link").click()
    started = time.monotonic()
    page.get_by_test_id("preset-12").click()
    expect(page.get_by_test_id("chart-retention")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", ui)
    # Every chart is an inline SVG with a title; the wave shows up as an alert and in the table.
    assert page.locator("svg.chart").count() == 12
    assert page.locator("svg.chart > title").count() == 12
    expect(page.get_by_test_id("wave-alert").first).to_be_visible()
    expect(page.get_by_test_id("waves").locator("table").first).to_be_visible()
    signups = page.get_by_test_id("chart-signups_region")
    assert signups.locator("polygon").count() >= 2  # stacked areas per region
    heat = page.get_by_test_id("chart-retention").locator("rect title")
    assert heat.count() > 20
    assert (
        page.evaluate(
            'document.querySelectorAll(\'script[src^="http"], link[href^="http"]\').length'
        )
        == 0
    )
    page.evaluate("window.scrollTo(0, 0)")  # the sticky top bar stays at the top of the shot
    page.screenshot(path=screenshots / f"insights-dashboard-{ui}.png", full_page=True)
    print(f"insights page ({ui}) shown in {time.monotonic() - started:.2f} s")

    with page.expect_download() as download:
        page.get_by_test_id("csv-cross_border").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.splitlines()[0].count(",") >= 1 and len(text.splitlines()) == 12 * 7 + 1
    assert not own_errors(page_errors), page_errors
    context.close()


def test_the_public_summary_once_the_operator_publishes_it(
    live_server, browser, transactional_db, screenshots, page_errors
):
    simulate_influx(seed=12, newcomers=200)
    context = browser.new_context(viewport=DESKTOP)
    page = page_errors.watch(context.new_page())
    response = page.goto(f"{live_server.url}/insights/public/")
    assert response.status == 404
    page_errors.clear()  # that 404 was the point
    InsightsSettings(public_summary=True).save()
    page.goto(f"{live_server.url}/insights/public/?weeks=12")
    expect(page.get_by_test_id("chart-active_users")).to_be_visible()
    assert page.locator("svg.chart").count() == 3
    page.screenshot(path=screenshots / "insights-public-en.png", full_page=True)
    assert not own_errors(page_errors), page_errors
    context.close()
