"""A notification about a comment behind a content warning keeps it behind the warning: the note's
author read "你这种人就是垃圾，滚出去" quoted in full on the notifications page, with no warning,
while the note page folds it under one."""

import re

import pytest

from crossnote.notes.models import Comment, ModerationState
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, upload

pytestmark = pytest.mark.django_db
LABELLED = "你这种人就是垃圾，滚出去"  # the classifier labels it


def page(user, lang) -> str:
    return client_of(user).get("/notifications/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_a_labelled_comment_is_folded_under_its_warning(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body=LABELLED)
    comment.refresh_from_db()
    assert comment.moderation == ModerationState.LABELLED and comment.content_warning
    for lang, warning in (("zh-hans", "可能包含冒犯性语言"), ("en", comment.content_warning)):
        html = page(mia, lang)
        folded = re.search(
            r'<details class="content-warning small" data-testid="notification-warning">'
            r"<summary>⚠ (.*?)</summary>(.*?)</details>",
            html,
            re.S,
        )
        assert folded, html
        assert folded.group(1) == warning
        assert LABELLED in folded.group(2)
        assert html.count(LABELLED) == 1  # only inside the fold


def test_a_comment_without_a_warning_is_quoted_as_before(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    add_comment(note=note, author=lin, body="看起来好好吃！")
    html = page(mia, "zh-hans")
    assert '<p class="muted quote">“看起来好好吃！”</p>' in html
    assert "notification-warning" not in html


def test_a_comment_labelled_without_a_text_reads_the_default_warning(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body=LABELLED)
    Comment.objects.filter(pk=comment.pk).update(content_warning="")
    assert "<summary>⚠ 内容提醒</summary>" in page(mia, "zh-hans")
