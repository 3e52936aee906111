"""The reader's own freshness mark (crossnote.feeds.ranking._freshness_marks): it changes with each
of their follows, unfollows and notes, so their action shows on their next explore page; on
PostgreSQL it is answered from indexes that end in the row's id (feeds migration 0002)."""

import pytest
from django.db import connection

from crossnote.feeds import ranking
from crossnote.notes.models import Note
from crossnote.social import services as social


def _own(viewer) -> str:
    return ranking._freshness_marks(viewer)[1]


@pytest.mark.django_db
def test_the_own_mark_changes_with_each_follow_unfollow_and_note(mia, lin, django_user_model):
    kai = django_user_model.objects.create_user(username="kai", password="x" * 12)
    lins = _own(lin)
    marks = [_own(mia)]
    social.follow_user(follower=mia, followee=lin)
    marks.append(_own(mia))
    social.follow_user(follower=mia, followee=kai)
    marks.append(_own(mia))
    social.unfollow_user(follower=mia, followee=lin)  # the newest follow stays: the count tells
    marks.append(_own(mia))
    note = Note.objects.create(author=mia, title="t", body="b", visibility="public")
    marks.append(_own(mia))
    note.delete()
    marks.append(_own(mia))
    # Each action changes the mark the page was made under (deleting the note brings back the
    # mark from before it: no page was made under that one since).
    assert all(before != after for before, after in zip(marks, marks[1:], strict=False)), marks
    # Followed and unfollowed, lin picked, followed and posted nothing: her mark is as it was.
    assert _own(lin) == lins


@pytest.mark.django_db
def test_how_many_follows_and_notes_comes_from_the_readers_row(mia, lin, django_user_model):
    """Counting a reader's notes at every page cost milliseconds for an account with tens of
    thousands: the counts are the row's (kept by the services), the newest ids the tables'."""
    social.follow_user(follower=mia, followee=lin)
    note = Note.objects.create(author=mia, title="t", body="b", visibility="public")
    django_user_model.objects.filter(pk=mia.pk).update(following_count=7, note_count=40)
    picks, follows, notes = _own(mia).split(".")
    assert follows.split(":")[0] == "7"
    assert notes == f"40:{note.pk}"
    assert picks == "0:0"


@pytest.mark.django_db
def test_on_postgresql_the_marks_are_read_from_indexes_ending_in_the_id():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's index on the column already ends in the rowid")
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        definitions = cursor.fetchall()
    for table, column in [
        ("feeds_topicinterest", "user_id"),
        ("social_follow", "follower_id"),
        ("notes_note", "author_id"),
    ]:
        assert any(t == table and f"({column}, id)" in d for t, d in definitions), table
