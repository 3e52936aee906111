"""A suspended person on a phone (390×844) logs in, reads why and appeals, in both languages:
what only a browser shows (the page fits, the appeal form opens and sends)."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from crossnote.moderation.models import Appeal, ReviewItem
from tests.accounts.test_accounts_suspended_appeal import PASSWORD, removed
from tests.conftest import make_user
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e
SLOW = 60_000


def test_a_suspended_person_reads_why_and_appeals_on_a_phone(
    live_server, browser, transactional_db, page_errors, settings
):
    settings.CROSSNOTE_STRIKE_LADDER = ["warn", "suspend:7", "suspend"]
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    wang = make_user("mod_wang", region="CN", languages=["zh"])
    wang.groups.add(Group.objects.get(name="moderator"))
    removed(lin, wang, mia, "Neighbours")
    second = removed(lin, wang, mia, "Neighbours again")
    for locale, title, sent in (
        ("zh-CN", "你的账号已被暂停", None),
        ("en-US", "Your account is suspended", "I was joking with a friend"),
    ):
        ctx = browser.new_context(viewport=PHONE, locale=locale)
        ctx.set_default_timeout(SLOW)
        page = page_errors.watch(ctx.new_page())
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", mia.username)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").last.click()
        expect(page).to_have_url(f"{live_server.url}/suspended/")
        expect(page.get_by_test_id("suspended-title")).to_have_text(title)
        expect(page.get_by_test_id("statement-text")).to_have_count(2)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.goto(f"{live_server.url}/messages/")  # nothing else opens
        expect(page).to_have_url(f"{live_server.url}/suspended/")
        if sent:
            notice = page.get_by_test_id("notice").first  # newest first: the second removal
            notice.locator("summary").click()
            notice.locator("textarea[name=text]").fill(sent)
            notice.get_by_test_id("appeal-submit").click()
            expect(page).to_have_url(f"{live_server.url}/suspended/")
            expect(page.get_by_test_id("notice").first).to_contain_text("Your appeal")
        ctx.close()
    appeal = Appeal.objects.get(decision=second)
    assert appeal.text == "I was joking with a friend"
    assert ReviewItem.objects.get(appeal=appeal).needs_senior
    assert page_errors == [], "\n".join(page_errors)
