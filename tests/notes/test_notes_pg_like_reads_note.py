"""PostgreSQL: a like through the API reads its note inside its own statement
(crossnote.notes.likewrite.write_if_visible): for a reader in no block, in a region that withholds
nothing (crossnote.notes.policies' kept facts), one statement writes the like, its count and the
author's notification where the note is certainly visible (public, ready, not held or removed, its
author's account open, not the reader's own). Anything else writes nothing there and goes the
ordinary way, which answers as before (404, 451, a repeated like, one's own note). Real commits:
the tests run outside a transaction (`transactional_db`)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.notes import policies
from crossnote.notes.models import Note, NoteLike, NoteWithholding
from crossnote.social.models import Block, Follow, Notification
from tests.conftest import make_user, pg_news_caught_up

NOTES = "/api/v1/notes"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the note read inside the like's statement is PostgreSQL's (SQLite: the like view)",
)


@pytest.fixture
def liking(transactional_db, make_note):
    policies.forget_kept()
    author = make_user("onelike_author", region="US")
    reader = make_user("onelike_reader", region="US", languages=["en"])
    client = Client()
    client.force_login(reader)
    warm = make_note(author, title="read the reader's facts once")
    pg_news_caught_up()
    assert client.post(f"{NOTES}/{warm.pk}/like").status_code == 200
    yield author, reader, client
    policies.forget_kept()


def _like(client, note_id: int):
    """The answer, and the statements that read or wrote notes or likes: not the session's and
    the signed-in person's reads (the test client's), nor the kept facts "in any block?" and
    "does the region withhold anything?", read again after any news (test_notes_pg_block_facts)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"{NOTES}/{note_id}/like")
    facts = (NoteWithholding._meta.db_table, Block._meta.db_table)
    asked = [q["sql"] for q in queries.captured_queries]
    return response, [
        sql for sql in asked if Note._meta.db_table in sql and not any(t in sql for t in facts)
    ]


def test_a_like_of_a_visible_note_is_one_statement_with_the_notes_read(liking, make_note):
    author, reader, client = liking
    note = make_note(author, title="Hand-pulled noodles")
    Note.objects.filter(pk=note.pk).update(like_count=4)
    response, asked = _like(client, note.pk)
    assert response.status_code == 200
    assert response.json() == {"liked": True, "like_count": 5}
    assert len(asked) == 1 and asked[0].startswith("WITH seen"), asked
    assert NoteLike.objects.filter(note=note, user=reader).count() == 1
    assert Note.objects.get(pk=note.pk).like_count == 5
    told = Notification.objects.get(recipient=author, actor=reader, verb="like", note=note)
    assert told.group_key.startswith(f"like:{note.pk}::")


def test_a_repeated_like_changes_nothing_and_tells_no_one_twice(liking, make_note):
    author, reader, client = liking
    note = make_note(author, title="Hotpot night")
    assert _like(client, note.pk)[0].json() == {"liked": True, "like_count": 1}
    response, _asked = _like(client, note.pk)
    assert response.status_code == 200
    assert response.json() == {"liked": True, "like_count": 1}
    assert NoteLike.objects.filter(note=note).count() == 1
    assert Notification.objects.filter(actor=reader, verb="like", note=note).count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"moderation": "held"},
        {"moderation": "removed"},
        {"visibility": "followers"},
        {"visibility": "private"},
        {"media_ready": False},
    ],
)
def test_a_note_not_certainly_visible_is_not_liked_in_the_one_statement(liking, make_note, change):
    author, reader, client = liking
    note = make_note(author, title="Not for everyone")
    Note.objects.filter(pk=note.pk).update(**change)
    response, asked = _like(client, note.pk)
    assert response.status_code == 404
    assert asked[0].startswith("WITH seen")  # tried, wrote nothing, then asked the usual way
    assert not NoteLike.objects.filter(note=note).exists()
    assert Note.objects.get(pk=note.pk).like_count == 0
    assert not Notification.objects.filter(note=note).exists()


def test_a_closed_accounts_note_and_a_missing_note_are_not_found(liking, make_note):
    _author, _reader, client = liking
    closed = make_user("onelike_closed", region="US")
    note = make_note(closed, title="Gone soon")
    type(closed).objects.filter(pk=closed.pk).update(is_active=False)
    assert _like(client, note.pk)[0].status_code == 404
    assert not NoteLike.objects.filter(note=note).exists()
    assert _like(client, 987_654_321)[0].status_code == 404


def test_followers_only_and_ones_own_notes_are_liked_the_ordinary_way(liking, make_note):
    author, reader, client = liking
    Follow.objects.create(follower=reader, followee=author)
    followers = make_note(author, title="For followers", visibility="followers")
    response, asked = _like(client, followers.pk)
    assert response.json() == {"liked": True, "like_count": 1}
    assert len(asked) > 1  # the statement declined; the ordinary way asked who follows whom
    own = make_note(reader, title="My own dumplings")
    response, _asked = _like(client, own.pk)
    assert response.json() == {"liked": True, "like_count": 1}
    assert not Notification.objects.filter(note=own).exists()  # nobody told of their own like


def test_the_prepared_statement_likes_once_and_refuses_a_repeat(liking, make_note):
    """Without query capture the statement is bound server-side and prepared on the connection
    (crossnote.core.sql.planned_cursor; a captured query is bound client-side to keep its text)."""
    author, reader, client = liking
    notes = [make_note(author, title=f"Prepared {i}") for i in range(3)]
    for note in notes:  # past the prepare threshold: the later ones run the prepared statement
        assert client.post(f"{NOTES}/{note.pk}/like").json() == {"liked": True, "like_count": 1}
    again = client.post(f"{NOTES}/{notes[-1].pk}/like")
    assert again.json() == {"liked": True, "like_count": 1}
    assert NoteLike.objects.filter(user=reader, note__in=notes).count() == 3
    assert Notification.objects.filter(actor=reader, verb="like", note__in=notes).count() == 3
    held = make_note(author, title="Held after all")
    Note.objects.filter(pk=held.pk).update(moderation="held")
    assert client.post(f"{NOTES}/{held.pk}/like").status_code == 404
    assert not NoteLike.objects.filter(note=held).exists()
