"""A newcomer's journey on a phone (390×844) and on a desktop, in English and 简体中文: write a
comment and pause while the norms coach reads it, report a note or comment and see what is being
reported, save a note into a board picked (or created) on the spot, and read message requests with
their warnings."""

import pytest
from playwright.sync_api import expect

from crossnote.notes.services import add_comment, create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}


def _note(author, title, body="", color=(200, 160, 120)):
    image = upload("p.jpg", image_bytes(size=(600, 760), color=color))
    return create_note(author=author, title=title, body=body, images=[image])


@pytest.fixture
def people(transactional_db):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    return mia, lin


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_a_comment_survives_a_pause_and_posts(
    live_server, browser, people, screenshots, page_errors, locale
):
    """Typing and pausing lets the coach look at the draft: it may add a tip under the box, but
    the box, the draft and the other comments stay; Send then posts the comment."""
    mia, lin = people
    note = _note(mia, "My cat loves hotpot", "She sleeps all day.")
    add_comment(author=mia, note=note, body="First!")
    context = log_in_as(browser, live_server, lin, locale)
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    box = page.locator(".comment-form textarea")
    coached = []
    page.on("response", lambda r: "/coach/" in r.url and coached.append(r.status))
    box.press_sequentially("What a lovely cat", delay=20)
    page.wait_for_timeout(1500)
    assert coached == [200], "the coach looked at the draft once, after the pause"
    expect(page.locator(".comment-form")).to_be_visible()
    expect(box).to_have_value("What a lovely cat")
    expect(page.locator("#comments")).to_contain_text("First!")
    expect(page.get_by_test_id("coach")).to_have_count(0)  # a kind comment: no tip
    # A draft that would break a guideline: the tip shows under the box, the draft stays.
    box.fill("")
    box.press_sequentially(" you idiot", delay=20)
    tip = page.locator(".comment-form").get_by_test_id("coach")
    expect(tip).to_be_visible()
    expect(box).to_have_value(" you idiot")
    expect(page.locator("#comments")).to_contain_text("First!")
    lang = "zh" if locale.startswith("zh") else "en"
    page.screenshot(path=str(screenshots / f"comment-coach-{lang}-390.png"), full_page=True)
    box.fill("What a lovely cat")
    page.wait_for_timeout(1000)
    expect(page.get_by_test_id("coach")).to_have_count(0)
    page.locator(".comment-form button[type=submit]").click()
    expect(page.locator("#comments .comment").filter(has_text="What a lovely cat")).to_have_count(1)
    expect(page.locator(".comment-form textarea")).to_have_value("")
    expect(page.locator("#comments")).to_contain_text("First!")
    # The count beside the note's actions follows (it said 1 while the list said 2).
    expect(page.get_by_test_id("note-comment-count")).to_contain_text("2")
    expect(page.get_by_test_id("note-comment-count")).to_have_count(1)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshots / f"comment-posted-{lang}-1280.png"), full_page=True)
    assert page_errors == [], "\n".join(page_errors)
    context.close()


def test_a_refused_comment_says_why_and_keeps_the_draft(live_server, browser, people, page_errors):
    """The server refusing a comment (here: only spaces) shows its reason under the box."""
    mia, lin = people
    note = _note(mia, "My cat loves hotpot")
    context = log_in_as(browser, live_server, lin)
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    page.locator(".comment-form textarea").fill("   ")
    with page.expect_response(lambda r: r.url.endswith("/comments/")) as answer:
        page.locator(".comment-form button[type=submit]").click()
    assert answer.value.status == 422
    expect(page.locator(".comment-form .field-error")).to_contain_text("required")
    refused = [e for e in page_errors if "status of 422" not in e]  # the browser logs any 4xx
    assert refused == [], "\n".join(refused)
    context.close()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_report_form_shows_what_is_reported(
    live_server, browser, people, screenshots, page_errors, locale
):
    """From a note's Report link and a comment's, the form opens with the note (photo, title,
    text, author) or the comment (text, author, the note it is under) above the reasons."""
    mia, lin = people
    note = _note(mia, "My cat loves hotpot", "She sleeps all day, then eats all the hotpot.")
    comment = add_comment(author=mia, note=note, body="Thanks for the kind words!")
    context = log_in_as(browser, live_server, lin, locale)
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    page.get_by_test_id("report-note").click()
    subject = page.get_by_test_id("report-subject")
    expect(subject).to_contain_text("My cat loves hotpot")
    expect(subject).to_contain_text("She sleeps all day")
    expect(subject).to_contain_text("Mia")
    expect(subject.locator("img.report-thumb")).to_be_visible()
    box = subject.bounding_box()
    assert box["y"] < page.locator("input[name=reason]").first.bounding_box()["y"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    lang = "zh" if locale.startswith("zh") else "en"
    page.screenshot(path=str(screenshots / f"report-note-{lang}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshots / f"report-note-{lang}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.go_back()
    page.locator(f"#c{comment.pk}").get_by_role(
        "link", name="举报" if lang == "zh" else "Report"
    ).click()
    subject = page.get_by_test_id("report-subject")
    expect(subject).to_contain_text("Thanks for the kind words!")
    expect(subject).to_contain_text("My cat loves hotpot")
    page.screenshot(path=str(screenshots / f"report-comment-{lang}-390.png"), full_page=True)
    page.locator("input[name=reason]").first.check()
    page.get_by_test_id("report-submit").click()
    expect(page).to_have_url(f"{live_server.url}{note.get_absolute_url()}")
    assert page_errors == [], "\n".join(page_errors)
    context.close()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_typing_a_new_board_name_as_the_picker_opens_keeps_the_focus(
    live_server, browser, people, page_errors, locale
):
    """The picker focuses its first board when it opens, but not if the reader already went
    into the sheet: the toggle event comes after the tap, and stealing the focus then made
    Enter save into (or take the note out of) the first board instead of the new one."""
    mia, lin = people
    note = _note(mia, "My cat loves hotpot", "She sleeps all day.")
    context = log_in_as(browser, live_server, lin, locale)
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    # Open and type in one task, before the browser dispatches the toggle event.
    page.evaluate(
        """() => {
            document.querySelector('[data-save-picker]').open = true;
            document.querySelector('[name=new_board]').focus();
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("document.activeElement.name") == "new_board"


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_save_opens_a_board_picker_with_new_board_inline(
    live_server, browser, people, screenshots, page_errors, locale
):
    """Tapping Save opens the picker (default board first, one tap); a new board is made and the
    note saved into it from the picker; the star says where the note went."""
    from crossnote.notes.models import Board, Collect

    mia, lin = people
    note = _note(mia, "My cat loves hotpot", "She sleeps all day.")
    Board.objects.create(owner=lin, name="Cats")
    context = log_in_as(browser, live_server, lin, locale)
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    lang = "zh" if locale.startswith("zh") else "en"
    page.get_by_test_id("collect-button").click()
    sheet = page.get_by_test_id("save-sheet")
    expect(sheet).to_be_visible()
    choices = sheet.get_by_test_id("board-choice")
    expect(choices).to_have_count(2)
    expect(choices.first).to_contain_text("默认收藏" if lang == "zh" else "Saved")
    expect(choices.first).to_be_focused()
    box = sheet.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5
    assert box["y"] + box["height"] <= PHONE["height"] + 0.5
    page.screenshot(path=str(screenshots / f"save-picker-{lang}-390.png"))
    assert Collect.objects.count() == 0, "opening the picker saves nothing"
    # The default, one tap away.
    choices.first.click()
    expect(page.get_by_test_id("save-status")).to_contain_text(
        "默认收藏" if lang == "zh" else "Saved"
    )
    expect(page.get_by_test_id("collect-count")).to_have_text("1")
    expect(sheet).to_be_hidden()
    # A new board, inline.
    page.get_by_test_id("collect-button").click()
    page.get_by_test_id("new-board").fill("Hotpot ideas")
    page.get_by_test_id("new-board").press("Enter")
    expect(page.get_by_test_id("save-status")).to_contain_text("Hotpot ideas")
    expect(page.get_by_test_id("collect-count")).to_have_text("1")  # one person, two boards
    board = Board.objects.get(owner=lin, name="Hotpot ideas")
    assert set(Collect.objects.values_list("board__name", flat=True)) == {
        "Hotpot ideas",
        Board.objects.get(owner=lin, collects__isnull=False, name__in=["Saved", "默认收藏"]).name,
    }
    # A taken name says so in the picker, which stays open.
    page.get_by_test_id("collect-button").click()
    page.get_by_test_id("new-board").fill("Cats")
    page.get_by_test_id("new-board-save").click()
    expect(page.get_by_test_id("save-error")).to_be_visible()
    expect(page.get_by_test_id("save-sheet")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshots / f"save-picker-{lang}-1280.png"))
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("save-sheet")).to_be_hidden()
    # Out of one board from the picker: the other keeps it.
    page.get_by_test_id("collect-button").click()
    with page.expect_response(lambda r: "/collect/" in r.url):
        page.get_by_test_id("save-sheet").get_by_role("button", name="Hotpot ideas").click()
    expect(page.get_by_test_id("save-sheet")).to_be_hidden()
    expect(page.get_by_test_id("collect-count")).to_have_text("1")
    assert not Collect.objects.filter(board=board).exists()
    refused = [e for e in page_errors if "status of 422" not in e]
    assert refused == [], "\n".join(refused)
    context.close()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_message_requests_preview_a_scam_with_its_warning(
    live_server, browser, people, screenshots, page_errors, locale
):
    """A stranger's prize scam waits in Requests: the row names the sender without a stray
    comma, its preview carries the warning the message has, the time says "just now"."""
    from crossnote.messaging import services as dm

    mia, lin = people
    prize = make_user("prize_mgr", display_name="Prize Manager", region="US", languages=["en"])
    chat = dm.start_conversation(sender=prize, recipients=[lin])
    dm.send_message(
        sender=prize,
        conversation_id=chat.pk,
        body="Congratulations! Move to Telegram to claim your prize, pay the fee in USDT",
    )
    context = log_in_as(browser, live_server, lin, locale)
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/messages/")
    page.get_by_test_id("requests-tab").click()
    row = page.get_by_test_id("conversation-link")
    expect(row).to_have_count(1)
    expect(row.locator(".dm-people")).to_have_text("Prize Manager")
    lang = "zh" if locale.startswith("zh") else "en"
    warning = row.get_by_test_id("preview-scam-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("可能是诈骗" if lang == "zh" else "Possible scam")
    expect(row.locator(".dm-when")).to_have_text("刚刚" if lang == "zh" else "just now")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshots / f"requests-scam-{lang}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshots / f"requests-scam-{lang}-1280.png"), full_page=True)
    row.click()
    expect(page.get_by_test_id("scam-warning")).to_be_visible()
    assert page_errors == [], "\n".join(page_errors)
    context.close()
