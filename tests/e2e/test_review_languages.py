"""Issue 17's "review and statement pages speak each reader's language", in a real browser:

- a Chinese-speaking author reads an English-speaking moderator's free-text reason translated
  inside the Chinese statement of reasons (with the original and the engine named);
- the senior moderator, English UI, reads the Chinese appeal translated and the original
  decision's statement written again in English (Lin's Chinese one a click away), and the
  author reads the appeal's outcome in Chinese;
- a comment's review item shows the note it sits under; once removed, the comment is neither
  counted in the note's comments nor quoted in its target's notifications;
- the transparency page names categories (never "—") and says "1 appeal", in both languages;
- the moderators' regression suite page, run from the browser.

Screenshots at phone (390×844) and desktop width, English and Chinese, go to the e2e
screenshots folder (review-languages-*.png)."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from crossnote.language.models import Translation
from crossnote.language.services import _hash
from crossnote.moderation.models import Appeal, Decision, ReviewItem
from crossnote.notes.models import ModerationState
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_user, upload
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, log_in_as

pytestmark = pytest.mark.e2e
SLOW = 60_000  # ms: a review page translates and scores on first view, slow on a busy machine
REASON = "Insulting the neighbours"
APPEAL = "我只是在抱怨噪音，我会改写。"
JSON = "application/json"


def shoot(page, name: str) -> None:
    """Full-page screenshots at phone and desktop width."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(
            path=str(SCREENSHOTS / f"review-languages-{name}-{label}.png"), full_page=True
        )


def login(browser, live_server, user, locale, page_errors):
    ctx = log_in_as(browser, live_server, user, locale, viewport=PHONE)
    ctx.set_default_timeout(SLOW)
    return ctx, page_errors.watch(ctx.new_page())


@pytest.fixture(autouse=True)
def _patient_expectations():
    expect.set_options(timeout=SLOW)
    yield
    expect.set_options(timeout=5_000)


def has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.fixture
def people(transactional_db, settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    amy = make_user("mod_amy", display_name="Amy", region="US", languages=["en"])
    amy.groups.add(Group.objects.get(name="moderator"))
    joe = make_user("senior_joe", display_name="Joe", region="US", languages=["en"])
    joe.groups.add(Group.objects.get(name="senior moderator"))
    return lin, mia, amy, joe


def test_reasons_appeals_and_outcomes_reach_each_reader_in_their_language(
    live_server, browser, people, page_errors
):
    lin, mia, amy, joe = people
    base = live_server.url
    note = create_note(
        author=lin, title="邻居", body="楼上的邻居又吵到半夜，真受不了", images=[upload()]
    )
    client_of(mia).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment"},
        content_type=JSON,
    )

    # Amy (English UI) removes it with a reason in English.
    ctx, page = login(browser, live_server, amy, "en-US", page_errors)
    page.goto(f"{base}/moderation/queue/")
    page.get_by_test_id("queue").get_by_role("link").first.click()
    page.get_by_test_id("claim").click()
    page.fill("textarea[name=reason]", REASON)
    page.get_by_test_id("remove").click()
    expect(page).to_have_url(f"{base}/moderation/queue/")
    ctx.close()
    note.refresh_from_db()
    assert note.moderation == ModerationState.REMOVED

    # Lin (Chinese UI) reads the statement in Chinese, Amy's reason translated, the original kept.
    ctx, page = login(browser, live_server, lin, "zh-CN", page_errors)
    page.goto(f"{base}/moderation/notices/")
    statement = page.get_by_test_id("statement-text").first
    text = statement.inner_text()
    assert "事实" in text and f"“{REASON}”" in text  # a Chinese statement quoting the original
    # Amy's reason in Chinese (the language service's cached translation), before the original.
    reason_zh = Translation.objects.get(text_hash=_hash(REASON), target="zh").text.strip()
    assert has_han(reason_zh) and f"{reason_zh}（审核员原文：“{REASON}”" in text
    shoot(page, "notices-zh")
    notice = page.get_by_test_id("notice").first
    notice.locator("summary").click()
    notice.locator("textarea[name=text]").fill(APPEAL)
    notice.get_by_test_id("appeal-submit").click()
    expect(page.get_by_role("status").first).to_be_visible()
    ctx.close()

    # Joe (senior, English UI) reads the Chinese appeal and the decision in English.
    ctx, page = login(browser, live_server, joe, "en-US", page_errors)
    item = ReviewItem.objects.get(source="appeal")
    page.goto(f"{base}/moderation/queue/{item.pk}/")
    translated = page.get_by_test_id("appeal-text-translation")
    expect(translated).to_be_visible()
    assert translated.inner_text().strip() != APPEAL
    assert any(c.isascii() and c.isalpha() for c in translated.inner_text())
    expect(page.get_by_test_id("appeal-text-original")).to_have_text(APPEAL)
    expect(page.get_by_test_id("decision-reason-original")).to_have_text(REASON)
    box = page.get_by_test_id("decision-statement-box")
    box.locator("summary").first.click()
    # Lin's Chinese statement written again in English for Joe, from the decision itself.
    statement_en = page.get_by_test_id("decision-statement-restated")
    expect(statement_en).to_be_visible()
    expect(statement_en).to_contain_text(f"Facts: {REASON}.")
    box.get_by_text("As the author received it").click()
    expect(page.get_by_test_id("decision-statement-original")).to_contain_text("事实")
    shoot(page, "appeal-en")
    page.get_by_test_id("claim").click()
    page.fill("textarea[name=reason]", "Venting about noise, not harassment")
    page.locator("button[value=reverse]").click()
    expect(page).to_have_url(f"{base}/moderation/queue/")
    ctx.close()
    assert Appeal.objects.get().status == "reversed"

    # Lin reads the outcome: the senior's English reason in Chinese.
    ctx, page = login(browser, live_server, lin, "zh-CN", page_errors)
    page.goto(f"{base}/moderation/notices/")
    outcome = page.get_by_test_id("statement-text").first
    assert "“Venting about noise, not harassment”" in outcome.inner_text()
    expect(page.get_by_test_id("appeal-reason-translation").first).to_be_visible()
    assert has_han(page.get_by_test_id("appeal-reason-translation").first.inner_text())
    shoot(page, "outcome-zh")
    ctx.close()

    # An automated hold beside the human decision: its category is named too, never "—".
    scam = create_note(author=mia, title="赚钱", body="兼职日结 刷单 加微信", images=[upload()])
    assert Decision.objects.get(kind="note", object_id=scam.pk).automated
    # The transparency page: categories named, "1 appeal" in English, Chinese in Chinese.
    for locale, name in (("en-US", "en"), ("zh-CN", "zh")):
        ctx, page = login(browser, live_server, mia, locale, page_errors)
        page.goto(f"{base}/transparency/")
        sentence = " ".join(page.get_by_test_id("appeals-sentence").inner_text().split())
        if name == "en":
            assert "1 appeal:" in sentence and "1 appeals" not in sentence
        else:
            assert "共 1 条申诉" in sentence
        rows = page.get_by_test_id("categories").locator("tbody tr").all()
        assert len(rows) >= 2  # the human removal and the automated hold
        for row in rows:
            assert row.locator("td").first.inner_text().strip() not in ("", "—")
        shoot(page, f"transparency-{name}")
        ctx.close()
    assert page_errors == [], "\n".join(page_errors)


def test_a_comments_review_shows_its_note_and_a_removed_comment_leaves_counts_and_notices(
    live_server, browser, people, page_errors
):
    lin, mia, amy, _joe = people
    base = live_server.url
    note = create_note(
        author=mia, title="Sunday dumplings", body="Pork and chives", images=[upload()]
    )
    rude = "Your dumplings look terrible, like you"
    comment = add_comment(note=note, author=lin, body=rude)
    client_of(mia).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment"},
        content_type=JSON,
    )

    # Amy, in Chinese this time, sees which note the comment is under, in the queue and the item.
    ctx, page = login(browser, live_server, amy, "zh-CN", page_errors)
    page.goto(f"{base}/moderation/queue/")
    expect(page.get_by_test_id("queue-parent-note").first).to_contain_text("Sunday dumplings")
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    page.goto(f"{base}/moderation/queue/{item.pk}/")
    expect(page.get_by_test_id("parent-note")).to_contain_text("Sunday dumplings")
    expect(page.get_by_test_id("original")).to_contain_text("dumplings look terrible")
    shoot(page, "comment-item-zh")
    page.get_by_test_id("claim").click()
    page.fill("textarea[name=reason]", "嘲笑作者")
    page.get_by_test_id("remove").click()
    expect(page).to_have_url(f"{base}/moderation/queue/")
    ctx.close()
    assert Decision.objects.filter(kind="comment", object_id=comment.pk, action="remove").exists()

    # Mia, the note's author: no comment counted, and her notifications don't quote it.
    ctx, page = login(browser, live_server, mia, "en-US", page_errors)
    page.goto(f"{base}/notes/{note.pk}/")
    expect(page.get_by_test_id("note-comment-count").first).to_contain_text("0")
    expect(page.locator("body")).not_to_contain_text("dumplings look terrible")
    page.goto(f"{base}/notifications/")
    expect(page.locator("body")).not_to_contain_text("dumplings look terrible")
    shoot(page, "notifications-en")
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)


def test_the_suite_page_runs_from_the_browser_in_both_languages(
    live_server, browser, people, page_errors
):
    _lin, _mia, amy, _joe = people
    base = live_server.url
    ctx, page = login(browser, live_server, amy, "en-US", page_errors)
    page.goto(f"{base}/moderation/queue/")
    page.get_by_test_id("suite-link").click()
    expect(page.get_by_test_id("suite-empty")).to_be_visible()
    # A full run takes seconds (more on a busy machine); the page comes back with its results.
    with page.expect_navigation(url=f"{base}/moderation/suite/", timeout=300_000):
        page.get_by_test_id("suite-run").get_by_role("button").click()
    expect(page.get_by_test_id("suite-meta")).to_be_visible()
    expect(page.get_by_test_id("suite-sets")).to_contain_text("Innocent look-alikes")
    expect(page.get_by_test_id("suite-kinds")).to_contain_text("Pinyin and initials")
    expect(page.get_by_test_id("suite-targets")).to_be_visible()
    shoot(page, "suite-en")
    ctx.close()
    ctx, page = login(browser, live_server, amy, "zh-CN", page_errors)
    page.goto(f"{base}/moderation/suite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("回归测试")
    expect(page.get_by_test_id("suite-sets")).to_contain_text("看似冒犯的无害文本")
    expect(page.get_by_test_id("suite-run").get_by_role("button")).to_have_text("再运行一次")
    shoot(page, "suite-zh")
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)
