"""A moderation notice says what it is about: the author's note by its title, their comment by
its opening words and the note it sits under. The page said only "comment #3" (评论 #3), a
number its author had never seen, so they could not tell which comment had been hidden."""

import pytest

from crossnote.moderation.models import Decision, ReviewItem
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, moderator_decides, upload

pytestmark = pytest.mark.django_db
HELD = "你这个傻逼"  # the harassment term list holds it (crossnote moderation check)
LABELLED = "你真是个废物，滚"  # labelled: an ambiguous term alone


def notices(user, language="zh-hans") -> str:
    page = client_of(user).get("/moderation/notices/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return page.content.decode()


def test_each_notice_names_the_note_or_the_comment_and_its_note(lin, mia):
    theirs = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    own = create_note(author=lin, title="邻居的噪音", body=LABELLED, images=[upload()])
    comment = add_comment(note=theirs, author=lin, body=HELD)
    comment.refresh_from_db()
    own.refresh_from_db()
    assert (comment.moderation, own.moderation) == ("held", ModerationState.LABELLED)

    page = notices(lin)
    assert page.count('data-testid="notice-subject"') == 2
    assert f"你的评论：“{HELD}”" in page
    assert f'所在笔记：<a href="/notes/{theirs.pk}/#c{comment.pk}">Sunday dumplings</a>' in page
    assert f'你的笔记：<a href="/notes/{own.pk}/">邻居的噪音</a>' in page
    english = notices(lin, "en")
    assert f"Your comment: “{HELD}”" in english and "Your note: <a" in english


def test_a_removed_note_of_someone_else_is_not_named_under_a_comment(lin, mia):
    theirs = create_note(author=mia, title="Rude title", body="Pork", images=[upload()])
    add_comment(note=theirs, author=lin, body=HELD)
    Note.objects.filter(pk=theirs.pk).update(moderation=ModerationState.REMOVED)
    page = notices(lin)
    assert f"你的评论：“{HELD}”" in page
    assert "Rude title" not in page and "所在笔记" not in page


def test_only_the_decision_in_force_offers_an_appeal(lin, mia):
    """Screening held Lin's comment, then a moderator removed it: the notices page offered to
    appeal both, and an appeal of the stale hold could be decided apart from the removal."""
    theirs = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=theirs, author=lin, body=HELD)
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk)
    moderator_decides(amy, item, action="remove", reason="Insulting", regions=[])
    hold, removal = Decision.objects.filter(kind="comment", object_id=comment.pk).order_by("pk")
    assert (hold.automated, removal.action) == (True, "remove")

    page = notices(lin)
    assert page.count('data-testid="notice"') == 2
    assert page.count('data-testid="appeal-submit"') == 1
    assert f'action="/moderation/decisions/{removal.pk}/appeal/"' in page
    assert f'action="/moderation/decisions/{hold.pk}/appeal/"' not in page
    assert "此后对该内容的新决定已取代这项决定。" in page


def test_a_withholdings_record_does_not_replace_the_decision_that_withheld(lin, mia):
    """Withholding writes two decisions at once (the moderator's, with the facts, and the
    withholding's record with its legal basis): the moderator's is not 'replaced'."""
    note = create_note(author=lin, title="邻居", body="楼上又吵", images=[upload()])
    item = ReviewItem.objects.create(kind="note", object_id=note.pk, author=lin)
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    moderator_decides(
        amy, item, action="withhold", reason="Court order", regions=["DE"], legal_basis="NetzDG §3"
    )
    decided, record = Decision.objects.filter(kind="note", object_id=note.pk).order_by("pk")
    page = notices(lin)
    assert f'action="/moderation/decisions/{decided.pk}/appeal/"' in page
    assert "此后对该内容的新决定已取代这项决定。" not in page
    assert record.regions == ["DE"]
