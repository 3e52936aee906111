"""Notifications go through the visibility policy (crossnote.notes.policies): a note or comment
the reader can no longer see is not named or quoted in their notifications, page or API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.notes.models import ModerationState, Note, NoteWithholding, Visibility
from crossnote.notes.services import add_comment
from crossnote.social.models import Notification
from crossnote.social.services import notify
from tests.conftest import make_user

TITLE = "Secret noodle shop"
COMMENT = "the owner is a crook, call 555-0100"
NEUTRAL_NOTE = "a note you can no longer see"
NEUTRAL_COMMENT = "a comment you can no longer see"


@pytest.fixture
def note(make_note, mia):
    return make_note(mia, title=TITLE)


def api_items(client):
    response = client.get("/api/v1/notifications")
    assert response.status_code == 200, response.content
    return response.json()["items"]


def page(client) -> str:
    response = client.get("/notifications/")
    assert response.status_code == 200
    return response.content.decode()


def told_about_note(client_for, reader, note, verb=Notification.Verb.REPORT_DECIDED):
    notify(recipient=reader, actor=None, verb=verb, note=note)
    return client_for(reader)


def assert_hidden(client, title=TITLE):
    html = page(client)
    assert title not in html
    assert NEUTRAL_NOTE in html
    (item,) = api_items(client)
    assert item["note_available"] is False
    assert item["note_title"] == NEUTRAL_NOTE
    assert title not in str(item)


def test_a_visible_note_is_named_page_and_api(client_for, note, lin):
    client = told_about_note(client_for, lin, note)
    assert TITLE in page(client)
    (item,) = api_items(client)
    assert (item["note_available"], item["note_title"]) == (True, TITLE)
    assert item["comment_text"] is None


@pytest.mark.parametrize("state", [ModerationState.REMOVED, ModerationState.HELD])
def test_a_removed_or_held_note_is_not_named_to_the_reporter(client_for, note, lin, state):
    client = told_about_note(client_for, lin, note)
    Note.objects.filter(pk=note.pk).update(moderation=state)
    assert_hidden(client)


def test_a_note_withheld_in_the_readers_region_is_not_named_there(client_for, note, lin, mia):
    client = told_about_note(client_for, lin, note, verb=Notification.Verb.MENTION)
    NoteWithholding.objects.create(note=note, region="CN")  # lin reads from CN
    assert_hidden(client)
    # A reader elsewhere still sees it.
    zoe = make_user("zoe_bj", region="US")
    zoe_client = told_about_note(client_for, zoe, note, verb=Notification.Verb.MENTION)
    assert TITLE in page(zoe_client)


@pytest.mark.parametrize("visibility", [Visibility.PRIVATE, Visibility.FOLLOWERS])
def test_a_note_made_private_or_followers_only_is_not_named(client_for, note, lin, visibility):
    client = told_about_note(client_for, lin, note, verb=Notification.Verb.MENTION)
    Note.objects.filter(pk=note.pk).update(visibility=visibility)
    assert_hidden(client)


def test_the_author_still_sees_their_own_removed_note_named(client_for, note, mia):
    notify(recipient=mia, actor=None, verb=Notification.Verb.MODERATION, note=note)
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.REMOVED)
    client = client_for(mia)
    assert TITLE in page(client)
    (item,) = api_items(client)
    assert (item["note_available"], item["note_title"]) == (True, TITLE)


def test_a_removed_comment_is_not_quoted_to_the_note_author(client_for, note, mia, lin):
    comment = add_comment(author=lin, note=note, body=COMMENT)
    client = client_for(mia)
    assert COMMENT in page(client)  # before: quoted
    (item,) = api_items(client)
    assert (item["comment_available"], item["comment_text"]) == (True, COMMENT)

    type(comment).objects.filter(pk=comment.pk).update(moderation=ModerationState.REMOVED)
    html = page(client)
    assert COMMENT not in html
    assert NEUTRAL_COMMENT in html
    assert TITLE in html  # the note itself is still there
    (item,) = api_items(client)
    assert (item["comment_available"], item["comment_text"]) == (False, NEUTRAL_COMMENT)
    assert item["note_title"] == TITLE
    # Its author still sees their own comment quoted (they were told of nothing here, but the
    # policy is the note page's: held and removed comments are seen by their author).
    from crossnote.notes.policies import visible_comment_ids

    assert visible_comment_ids(lin, [comment.pk]) == {comment.pk}
    assert visible_comment_ids(mia, [comment.pk]) == set()


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["/api/v1/notifications", "/notifications/"])
def test_no_query_per_notification(client_for, mia, lin, path):
    client = client_for(lin)
    notes = [Note.objects.create(author=mia, title=f"n{i}") for i in range(12)]
    notify(recipient=lin, actor=None, verb=Notification.Verb.MENTION, note=notes[0])
    Notification.objects.filter(recipient=lin).update(read_at=None)
    _queries(client, path)  # warm: the first request sets up the connection (PostgreSQL)
    Notification.objects.filter(recipient=lin).update(read_at=None)
    few = _queries(client, path)
    for n in notes[1:]:
        notify(recipient=lin, actor=mia, verb=Notification.Verb.MENTION, note=n)
    Notification.objects.filter(recipient=lin).update(read_at=None)
    many = _queries(client, path)
    assert many == few, (few, many)


def test_with_no_visibility_handler_nothing_is_named(note, lin, monkeypatch):
    """Social asks the notes layer through a hook; were it missing, it fails closed."""
    from crossnote.core import hooks
    from crossnote.social.selectors import VISIBLE_SUBJECTS, present_notifications

    notify(recipient=lin, actor=None, verb=Notification.Verb.MENTION, note=note)
    monkeypatch.setitem(hooks._handlers, VISIBLE_SUBJECTS, [])  # noqa: SLF001
    (item,) = present_notifications(lin, Notification.objects.filter(recipient=lin))
    assert (item.note_available, item.note_title) == (False, NEUTRAL_NOTE)
