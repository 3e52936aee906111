"""An appeal of a decision a later one replaced is refused everywhere: the notices page stopped
offering it, but the API (and so the service) still accepted an appeal of the stale automated
hold after a moderator had removed the comment, and queued it apart from the removal."""

import pytest

from crossnote.core.errors import Conflict
from crossnote.moderation import services
from crossnote.moderation.models import Appeal, Decision, ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, moderator_decides, upload

pytestmark = pytest.mark.django_db
HELD = "你这个傻逼"  # the harassment term list holds it
JSON = "application/json"


@pytest.fixture
def hold_and_removal(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body=HELD)
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    moderator_decides(amy, item, action="remove", reason="Insulting", regions=[])
    return Decision.objects.filter(kind="comment", object_id=comment.pk).order_by("pk")


def test_the_service_refuses_the_replaced_decision(lin, hold_and_removal):
    hold, removal = hold_and_removal
    with pytest.raises(Conflict, match="only the latest decision can be appealed"):
        services.appeal_decision(author=lin, decision_id=hold.pk, text="我只是在开玩笑")
    assert not Appeal.objects.exists()
    assert services.appeal_decision(author=lin, decision_id=removal.pk, text="我只是在开玩笑")


def test_the_api_answers_409_with_a_message_in_the_authors_language(lin, hold_and_removal):
    hold, removal = hold_and_removal
    client = client_of(lin)
    url = f"/api/v1/decisions/{hold.pk}/appeal"
    response = client.post(url, {"text": "please"}, content_type=JSON, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert "A later decision about this content replaced this one" in response.content.decode()
    zh = client.post(url, {"text": "请"}, content_type=JSON, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 409 and "只能对最新的决定提出申诉" in zh.content.decode()
    assert ReviewItem.objects.filter(source="appeal").count() == 0
    ok = client.post(
        f"/api/v1/decisions/{removal.pk}/appeal", {"text": "please"}, content_type=JSON
    )
    assert ok.status_code == 201


def test_the_page_refuses_it_beside_the_notices(lin, hold_and_removal):
    hold, _removal = hold_and_removal
    response = client_of(lin).post(
        f"/moderation/decisions/{hold.pk}/appeal/",
        {"text": "我只是在开玩笑"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "审核通知" in page and 'data-testid="appeal-error"' in page
    assert not Appeal.objects.exists()
