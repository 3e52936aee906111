"""Both notification APIs give a labelled comment's warning (`content_warning`, in the reader's
language) beside its `comment_text`, as the comments API and the notifications page do: they gave
the text bare, so an app quoted "你这种人就是垃圾，滚出去" with nothing to fold it under. The warning
comes from notes (social sits below it) through the VISIBLE_SUBJECTS hook, with the visibility."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.notes.models import Comment, ModerationState
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, upload

pytestmark = pytest.mark.django_db
LABELLED = "你这种人就是垃圾，滚出去"  # the classifier labels it
WARNINGS = {"en": "May contain offensive language", "zh-hans": "可能包含冒犯性语言"}


def items(user, lang, path="/api/v1/notifications"):
    answer = client_of(user).get(path, HTTP_ACCEPT_LANGUAGE=lang)
    assert answer.status_code == 200, answer.content
    return answer.json()["items"]


@pytest.fixture
def labelled(lin, mia):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body=LABELLED)
    comment.refresh_from_db()
    assert comment.moderation == ModerationState.LABELLED
    assert comment.content_warning == WARNINGS["en"]
    return note, comment


def about(rows, comment):
    return [row for row in rows if row["comment_id"] == comment.pk]


@pytest.mark.parametrize("path", ["/api/v1/notifications", "/api/v1/notifications/grouped"])
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_labelled_comment_comes_with_its_warning(labelled, mia, path, lang):
    _note, comment = labelled
    (row,) = about(items(mia, lang, path), comment)
    assert row["comment_text"] == LABELLED
    assert row["content_warning"] == WARNINGS[lang]


@pytest.mark.parametrize("path", ["/api/v1/notifications", "/api/v1/notifications/grouped"])
def test_a_plain_comment_has_none(lin, mia, path):
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body="看起来好好吃！")
    (row,) = about(items(mia, "zh-hans", path), comment)
    assert row["comment_text"] == "看起来好好吃！" and row["content_warning"] is None
    # A notification about no comment at all has none either.
    assert all(r["content_warning"] is None for r in items(mia, "en", path) if not r["comment_id"])


def test_a_label_without_its_text_reads_the_default_warning(labelled, mia):
    _note, comment = labelled
    Comment.objects.filter(pk=comment.pk).update(content_warning="")
    (row,) = about(items(mia, "zh-hans"), comment)
    assert row["content_warning"] == "内容提醒"


def test_the_comments_author_gets_it_too_as_from_the_comments_api(labelled, lin):
    """The moderation notice about Lin's own labelled comment: the API says it is labelled (as
    the comments API does for its author); the page quotes it plainly to its author."""
    note, comment = labelled
    rows = [r for r in items(lin, "en") if r["verb"] == "moderation"]
    assert rows and rows[0]["comment_text"] == LABELLED
    assert rows[0]["content_warning"] == WARNINGS["en"]
    mine = client_of(lin).get(f"/api/v1/notes/{note.pk}/comments", HTTP_ACCEPT_LANGUAGE="en")
    assert mine.json()["items"][0]["content_warning"] == WARNINGS["en"]


def test_a_comment_no_longer_visible_gives_no_warning(labelled, mia):
    _note, comment = labelled
    Comment.objects.filter(pk=comment.pk).update(moderation=ModerationState.REMOVED)
    rows = items(mia, "en")
    assert all(r["content_warning"] is None for r in rows)
    assert LABELLED not in str(rows)


def test_the_warning_costs_no_query_more(labelled, mia):
    """The warning rides the visibility query: the same count as a page with no labelled one."""
    _note, comment = labelled
    client = client_of(mia)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/notifications").status_code == 200
        return len(ctx.captured_queries)

    queries()  # warm
    labelled_count = queries()
    Comment.objects.filter(pk=comment.pk).update(moderation=ModerationState.VISIBLE)
    assert queries() == labelled_count


def test_the_openapi_schema_describes_it(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("NotificationOut", "NotificationGroupOut"):
        field = schemas[name]["properties"]["content_warning"]
        assert "comment_text" in field["description"] and "language" in field["description"]
