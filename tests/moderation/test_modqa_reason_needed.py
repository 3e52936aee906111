"""A moderator who restricts content writes the reason the author will read: a removal decided
with the reason box left empty sent the author a statement of reasons saying "Facts: —"
(事实：—)."""

import pytest

from crossnote.moderation.models import Decision, ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
HELD = "你这个傻逼"  # the harassment term list holds it


def test_a_restriction_without_a_reason_goes_back_to_the_item(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body=HELD)
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    moderator = client_of(wang, HTTP_ACCEPT_LANGUAGE="zh-hans")
    moderator.post(f"/moderation/queue/{item.pk}/act/", {"do": "claim"})

    for action in ("remove", "label", "withhold", "limit"):
        response = moderator.post(
            f"/moderation/queue/{item.pk}/act/", {"do": action, "reason": "  "}, follow=True
        )
        assert response.redirect_chain[-1][0] == f"/moderation/queue/{item.pk}/"
        assert "请填写作者会看到的理由" in response.content.decode()
    assert not Decision.objects.filter(automated=False).exists()

    response = moderator.post(
        f"/moderation/queue/{item.pk}/act/", {"do": "remove", "reason": "辱骂他人"}
    )
    assert response.url == "/moderation/queue/"
    decision = Decision.objects.get(automated=False)
    assert decision.action == "remove" and "事实：—" not in decision.statement
    approve = ReviewItem.objects.create(kind="note", object_id=note.pk, author=mia)
    moderator.post(f"/moderation/queue/{approve.pk}/act/", {"do": "claim"})
    response = moderator.post(f"/moderation/queue/{approve.pk}/act/", {"do": "approve"})
    assert response.url == "/moderation/queue/"  # approving needs no reason
