"""The transparency report counts a moderator's withholding once and names its category: one
withholding showed as two human actions (the moderator's decision and the withholding's record,
written in one step), the second under the slug "legal" on the English and the Chinese page."""

import pytest
from django.utils import translation

from crossnote.moderation import services
from crossnote.moderation.models import Decision, ReviewItem
from crossnote.moderation.transparency import transparency_report
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, moderator_decides, upload

pytestmark = pytest.mark.django_db


def test_a_moderators_withholding_counts_once(lin, mia):
    note = create_note(author=lin, title="邻居", body="楼上又吵", images=[upload()])
    item = ReviewItem.objects.create(kind="note", object_id=note.pk, author=lin, category="hate")
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    moderator_decides(
        amy, item, action="withhold", reason="Court order", regions=["DE"], legal_basis="NetzDG §3"
    )
    assert Decision.objects.filter(kind="note", object_id=note.pk).count() == 2
    actions = transparency_report()["actions"]
    assert (actions["total"], actions["human"]) == (1, 1)
    assert [c["category"] for c in actions["by_category"]] == ["hate"]


def test_a_withholding_on_its_own_counts_under_a_named_category(lin, mia):
    note = create_note(author=mia, title="Party", body="Loud again", images=[upload()])
    services.withhold_note(note=note, regions=["DE"], legal_basis="Court order 12/3")
    actions = transparency_report()["actions"]
    assert (actions["total"], actions["automated"]) == (1, 1)
    with translation.override("zh-hans"):
        (row,) = transparency_report()["actions"]["by_category"]
    assert row["name"] == "法律要求"
    page = client_of(mia).get("/transparency/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Legal requirements" in page and ">legal<" not in page
