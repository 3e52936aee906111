"""The review queue's "查看" (Open) button stays on one line on a desktop in Chinese: the last
column was squeezed and the button read 查 over 看."""

import pytest
from django.contrib.auth.models import Group

from crossnote.notes.services import add_comment, create_note
from tests.conftest import make_user, upload
from tests.e2e.conftest import log_in_as

pytestmark = pytest.mark.e2e
LINES = """el => { const r = document.createRange(); r.selectNodeContents(el);
  return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }"""


def test_the_open_button_is_one_line_on_a_chinese_desktop(
    live_server, browser, transactional_db, page_errors
):
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    wang = make_user("mod_wang", display_name="王", region="CN", languages=["zh"])
    wang.groups.add(Group.objects.get(name="moderator"))
    note = create_note(
        author=mia, title="Sunday dumplings", body="Pork and chives", images=[upload()]
    )
    add_comment(note=note, author=lin, body="你这个傻逼")  # held: a listed term
    add_comment(note=note, author=lin, body="你这种人就是垃圾，滚出去")  # labelled
    for width in (1024, 1280):
        ctx = log_in_as(
            browser, live_server, wang, "zh-CN", viewport={"width": width, "height": 800}
        )
        page = page_errors.watch(ctx.new_page())
        page.goto(f"{live_server.url}/moderation/queue/")
        buttons = page.locator(".queue .btn").all()
        assert len(buttons) == 2
        for button in buttons:
            assert button.inner_text().strip() == "查看"
            assert button.evaluate(LINES) == 1, f"the button wraps at {width}px"
        ctx.close()
