"""The norms coach in a real browser: the author learns what would happen before posting."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user
from tests.e2e.conftest import log_in_as

pytestmark = pytest.mark.e2e


def test_coach_explains_before_posting_and_clears_when_the_text_is_edited(
    live_server, browser, transactional_db, screenshots, page_errors
):
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    context = log_in_as(browser, live_server, lin, "zh-CN")
    page = page_errors.watch(context.new_page())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/notes/new/")
    expect(page.locator(".tip")).to_be_visible()  # a newcomer's tip on norms
    page.fill("#id_title", "周末")
    page.fill("#id_body", "楼上那个傻逼又在装修")
    coach = page.get_by_test_id("coach")
    expect(coach).to_be_visible()
    expect(coach).to_contain_text("骚扰")  # the guideline, in the author's language
    expect(coach.locator("mark")).to_have_text("傻逼")
    page.screenshot(path=str(screenshots / "coach-390.png"), full_page=True)
    page.fill("#id_body", "楼上又在装修，好吵")
    expect(page.get_by_test_id("coach")).to_have_count(0)
    page.fill("#id_body", "有事打我电话 13812345678")
    expect(page.get_by_test_id("coach-privacy")).to_be_visible()
    assert page_errors == [], "\n".join(page_errors)
    context.close()
