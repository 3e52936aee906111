"""The review journey in a real browser: a reader reports an English note; a moderator whose UI
is Chinese reads it translated with the evidence highlighted and removes it; the author reads the
statement of reasons in English and appeals; a senior moderator reverses it; transparency counts it."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from crossnote.moderation.models import Appeal
from crossnote.notes.models import ModerationState
from crossnote.notes.services import create_note
from tests.conftest import make_user, upload
from tests.e2e.conftest import log_in_as

pytestmark = pytest.mark.e2e


def test_report_review_statement_appeal_reversal(
    live_server, browser, transactional_db, settings, screenshots, page_errors
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    wang = make_user("mod_wang", display_name="王", region="CN", languages=["zh"])
    wang.groups.add(Group.objects.get(name="moderator"))
    li = make_user("senior_li", display_name="李", region="CN", languages=["zh", "en"])
    li.groups.add(Group.objects.get(name="senior moderator"))
    # Rude but not abuse: screening labels it (a listed word, the classifier far below its hold
    # threshold), so it is published and a reader can report it; the listed word is the evidence.
    body = "The party next door was a shitshow again, loud music until 3am. Clowns."
    note = create_note(author=mia, title="My neighbours", body=body, images=[upload()])
    note.refresh_from_db()
    assert note.moderation == ModerationState.LABELLED
    base = live_server.url

    # Lin reports the note.
    ctx = log_in_as(browser, live_server, lin, "zh-CN")
    page = page_errors.watch(ctx.new_page())
    page.goto(f"{base}/notes/{note.pk}/")
    page.get_by_test_id("report-note").click()
    page.check("input[name=reason][value=harassment]")
    page.get_by_test_id("report-submit").click()
    expect(page.get_by_role("status").first).to_be_visible()
    ctx.close()

    # Wang reads the English note in Chinese, with the evidence highlighted, and removes it.
    ctx = log_in_as(browser, live_server, wang, "zh-CN")
    page = page_errors.watch(ctx.new_page())
    page.goto(f"{base}/moderation/queue/")
    page.get_by_test_id("queue").get_by_role("link").first.click()
    expect(page.get_by_test_id("original").locator("mark").first).to_have_text("shitshow")
    translation = page.get_by_test_id("translation")
    expect(translation).to_be_visible()
    assert any("\u4e00" <= c <= "\u9fff" for c in translation.inner_text())
    expect(page.get_by_test_id("ai-suggestion")).to_be_visible()
    page.get_by_test_id("claim").click()
    page.fill("textarea[name=reason]", "Insulting the neighbours")
    page.screenshot(path=str(screenshots / "review-item-zh-1440.png"), full_page=True)
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("r")  # one key: remove
    expect(page).to_have_url(f"{base}/moderation/queue/")
    note.refresh_from_db()
    assert note.moderation == ModerationState.REMOVED
    ctx.close()

    # Mia reads the statement of reasons in English and appeals.
    ctx = log_in_as(browser, live_server, mia, "en-US")
    page = page_errors.watch(ctx.new_page())
    page.goto(f"{base}/moderation/notices/")
    statement = page.get_by_test_id("statement-text").first
    expect(statement).to_contain_text("Redress")
    expect(statement).to_contain_text("Insulting the neighbours")
    page.screenshot(path=str(screenshots / "notice-en-1440.png"), full_page=True)
    notice = page.get_by_test_id("notice").first  # newest: the moderator's removal
    notice.get_by_text("Appeal this decision").click()
    notice.locator("textarea[name=text]").fill("I was venting about noise; I will rephrase it.")
    notice.get_by_test_id("appeal-submit").click()
    expect(page.get_by_role("status").first).to_be_visible()
    ctx.close()

    # Li, a senior moderator who did not decide it, reverses.
    ctx = log_in_as(browser, live_server, li, "zh-CN")
    page = page_errors.watch(ctx.new_page())
    page.goto(f"{base}/moderation/queue/")
    page.get_by_test_id("queue").get_by_role("link").first.click()
    page.get_by_test_id("claim").click()
    page.get_by_role("button", name="Reverse").click() if page.get_by_role(
        "button", name="Reverse"
    ).count() else page.locator("[data-key=r]").click()
    expect(page).to_have_url(f"{base}/moderation/queue/")
    assert Appeal.objects.get().status == "reversed"
    note.refresh_from_db()
    assert note.moderation == ModerationState.VISIBLE
    page.goto(f"{base}/transparency/")
    expect(page.locator("body")).to_contain_text("1")
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)
