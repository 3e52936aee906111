"""The moderation journey walked at phone width (390×844), as its people would: what only a
browser shows."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from crossnote.moderation.models import ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import make_user, upload
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e
SLOW = 60_000


def test_a_moderator_on_a_phone_opens_a_queued_item_without_scrolling_sideways(
    live_server, browser, transactional_db, page_errors
):
    """The queue's table is wider than a phone; its only way into an item was the "Open" button
    in the last column, off the screen to the right. The item's name opens it too."""
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    amy = make_user("mod_amy", display_name="Amy", region="US", languages=["en"])
    amy.groups.add(Group.objects.get(name="moderator"))
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body="你这个傻逼")  # held: a listed term
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    for locale in ("en-US", "zh-CN"):
        ctx = log_in_as(browser, live_server, amy, locale, viewport=PHONE)
        ctx.set_default_timeout(SLOW)
        page = page_errors.watch(ctx.new_page())
        page.goto(f"{live_server.url}/moderation/queue/")
        row = page.get_by_test_id("queue").locator("tbody tr").first
        inside = [
            link
            for link in row.locator(f"a[href='/moderation/queue/{item.pk}/']").all()
            if (box := link.bounding_box()) and box["x"] >= 0 and box["x"] + box["width"] <= 390
        ]
        assert inside, "no link to the item within the phone's width"
        inside[0].click()
        expect(page).to_have_url(f"{live_server.url}/moderation/queue/{item.pk}/")
        ctx.close()
    assert page_errors == [], "\n".join(page_errors)
