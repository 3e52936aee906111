"""A moderation notification about the reader's comment says so: "took a moderation action on
your content: 邻居" named the note when what was moderated was their comment under it (and the
moderator's decision did not even record which comment)."""

import pytest

from crossnote.moderation.models import ReviewItem
from crossnote.notes.services import add_comment, create_note
from crossnote.social.models import Notification
from tests.conftest import client_of, make_moderator, moderator_decides, upload

pytestmark = pytest.mark.django_db
HELD = "你这个傻逼"  # the harassment term list holds it


def lines(user, lang) -> list[str]:
    response = client_of(user).get("/api/v1/notifications", HTTP_ACCEPT_LANGUAGE=lang)
    return [n["message"] for n in response.json()["items"]]


def test_a_moderators_decision_on_a_comment_names_the_comment(lin, mia):
    note = create_note(author=mia, title="邻居", body="楼上又吵", images=[upload()])
    comment = add_comment(note=note, author=lin, body=HELD)
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    moderator_decides(amy, item, action="remove", reason="Insulting", regions=[])
    told = Notification.objects.filter(recipient=lin, verb="moderation").order_by("pk")
    assert [n.comment_id for n in told] == [comment.pk, comment.pk]  # screening, then the removal

    page = client_of(lin).get("/notifications/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert page.count("对你在这篇笔记下的评论进行了审核处理：") == 2
    assert "对你的内容进行了审核处理" not in page
    english = lines(lin, "en")
    assert english == ["took a moderation action on your comment on the note"] * 2


def test_a_note_is_still_your_content(lin, mia):
    note = create_note(author=lin, title="邻居", body=HELD, images=[upload()])
    assert Notification.objects.filter(recipient=lin, verb="moderation", note=note).exists()
    assert lines(lin, "zh-hans") == ["对你的内容进行了审核处理"]
