"""The review queue on a phone (390 px), in Chinese: its six columns squeezed "自动检测" and
"优先级" to one character a line, each row a tower. Each item is now a block: what it is first,
then each cell after its label ("原因：自动检测 · …"), nothing wider than the screen; the desktop
keeps its table."""

import pytest
from django.contrib.auth.models import Group

from crossnote.moderation.services import report_content
from crossnote.notes.models import Note
from crossnote.notes.services import add_comment, create_note
from tests.conftest import make_user, upload
from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, log_in_as

pytestmark = pytest.mark.e2e


@pytest.fixture
def queued(transactional_db):
    lin = make_user("lin_sh", languages=["zh"], region="CN")
    mia = make_user("mia_ms", languages=["en"])
    amy = make_user("mod_amy", languages=["zh"])
    amy.groups.add(Group.objects.get(name="moderator"))
    note = create_note(author=lin, title="邻居", body="楼上又吵到半夜", images=[upload()])
    Note.objects.filter(pk=note.pk).update(media_ready=True)
    comment = add_comment(note=note, author=mia, body="Maybe the noise is you")
    report_content(reporter=lin, kind="comment", object_id=comment.pk, reason="harassment")
    return amy


def test_the_queue_reads_as_blocks_on_a_phone_and_a_table_on_a_desktop(
    live_server, browser, queued, page_errors
):
    ctx = log_in_as(browser, live_server, queued, "zh-CN", viewport=PHONE)
    page = page_errors.watch(ctx.new_page())
    page.goto(f"{live_server.url}/moderation/queue/")
    row = page.get_by_test_id("queue").locator("tbody tr").first
    why = row.locator("td[data-label]").nth(1)
    assert why.get_attribute("data-label") == "原因："
    label = why.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"原因："', label  # shown before the cell's text on a phone
    box = why.bounding_box()
    assert box["width"] > 300, box  # the row's width, not a column's
    assert box["height"] < 60, box  # a line or two, not a character a line
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "modops-queue-zh-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    assert page.locator("table.queue thead").is_visible()
    assert row.locator("td").nth(2).bounding_box()["width"] < 400
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)
