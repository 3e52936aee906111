"""A like is one statement (crossnote.notes.likewrite) that writes the like, its count and its
notification: on SQLite an insert into a view whose trigger makes the writes (the write gate held
for one call into SQLite), on PostgreSQL common table expressions (one round trip). SQLite's view
is dropped before every migrate (a trigger naming notes_note would stop Django from rebuilding
that table) and made again after it; without it a like takes the ordinary path, same result."""

import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate, post_save, pre_migrate
from django.test.utils import CaptureQueriesContext

from crossnote.notes import likewrite, services
from crossnote.notes.models import Note, NoteLike
from crossnote.social.models import Notification

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's view and trigger (PostgreSQL: one statement)"
)


def _view_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s)",
            [likewrite.VIEW, likewrite.TRIGGER],
        )
        return cursor.fetchone()[0] == 2


@pytest.fixture
def saved_notifications():
    seen = []

    def receiver(sender, instance, created, **kwargs):
        seen.append((instance.pk, instance.recipient_id, instance.verb, created))

    post_save.connect(receiver, sender=Notification, dispatch_uid="test-like-one-statement")
    yield seen
    post_save.disconnect(dispatch_uid="test-like-one-statement", sender=Notification)


def test_a_like_is_one_write_statement_with_its_count_and_notification(
    make_note, mia, lin, saved_notifications
):
    assert likewrite.available(connection)
    note = make_note(mia, title="Dumplings")
    Note.objects.filter(pk=note.pk).update(like_count=6)
    note.like_count = 6
    with CaptureQueriesContext(connection) as queries:
        assert services.like_note(user=lin, note=note) is True
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "notes_notelike" in q["sql"] or likewrite.VIEW in q["sql"] or "UPDATE" in q["sql"]
    ]
    assert len(writes) == 1, writes
    assert f"INSERT INTO {likewrite.VIEW}" in writes[0] or writes[0].startswith("WITH liked")
    assert note.like_count == 7 and Note.objects.get(pk=note.pk).like_count == 7
    assert NoteLike.objects.filter(note=note, user=lin).count() == 1
    told = Notification.objects.get(recipient=mia, actor=lin, verb="like", note=note)
    assert told.group_key.startswith(f"like:{note.pk}::")
    # The open pages' badge hears of it, with the stored row's id.
    assert saved_notifications == [(told.pk, mia.pk, "like", True)]


def test_a_second_like_changes_nothing_and_tells_no_one_twice(
    make_note, mia, lin, saved_notifications
):
    note = make_note(mia, title="Dumplings")
    assert services.like_note(user=lin, note=note) is True
    assert services.like_note(user=lin, note=note) is False
    assert Note.objects.get(pk=note.pk).like_count == 1
    assert NoteLike.objects.filter(note=note).count() == 1
    # Unliked and liked again the same day: counted again, not told again.
    assert services.unlike_note(user=lin, note=note) is True
    assert services.like_note(user=lin, note=note) is True
    assert Note.objects.get(pk=note.pk).like_count == 1
    assert Notification.objects.filter(recipient=mia, verb="like").count() == 1
    assert len(saved_notifications) == 1


def test_liking_ones_own_note_counts_and_tells_no_one(make_note, mia, saved_notifications):
    note = make_note(mia, title="Mine")
    assert services.like_note(user=mia, note=note) is True
    assert Note.objects.get(pk=note.pk).like_count == 1
    assert not Notification.objects.filter(recipient=mia).exists()
    assert saved_notifications == []


@sqlite_only
def test_without_the_view_a_like_takes_the_ordinary_path(make_note, mia, lin):
    note = make_note(mia, title="Dumplings")
    likewrite.drop(connection)
    try:
        assert not _view_exists() and not likewrite.available(connection)
        assert services.like_note(user=lin, note=note) is True
        assert Note.objects.get(pk=note.pk).like_count == 1
        assert Notification.objects.filter(recipient=mia, actor=lin, verb="like").count() == 1
    finally:
        likewrite.create(connection)
    assert _view_exists() and likewrite.available(connection)


@sqlite_only
def test_a_view_dropped_behind_the_process_s_back_costs_no_like(make_note, mia, lin):
    """A `migrate` in another process drops the view while this one believes it is there."""
    note = make_note(mia, title="Dumplings")
    assert likewrite.available(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {likewrite.TRIGGER}")
        cursor.execute(f"DROP VIEW {likewrite.VIEW}")
    try:
        assert services.like_note(user=lin, note=note) is True
        assert Note.objects.get(pk=note.pk).like_count == 1
        assert Notification.objects.filter(recipient=mia, actor=lin, verb="like").count() == 1
        assert not likewrite.available(connection)  # asked again, not believed
    finally:
        likewrite.create(connection)
    assert likewrite.available(connection)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_migrate_drops_the_view_before_and_makes_it_after():
    events = []

    def noting(name):
        def receiver(sender, using, **kwargs):
            events.append((name, _view_exists()))

        return receiver

    before, after = noting("pre"), noting("post")
    # Connected last for the notes app: each hears the signal after likewrite's own handler.
    pre_migrate.connect(before, dispatch_uid="test-likewrite-pre")
    post_migrate.connect(after, dispatch_uid="test-likewrite-post")
    try:
        call_command("migrate", verbosity=0)
    finally:
        pre_migrate.disconnect(dispatch_uid="test-likewrite-pre")
        post_migrate.disconnect(dispatch_uid="test-likewrite-post")
    assert ("pre", False) in events  # gone while migrations run
    assert events[-1] == ("post", True)  # there again once they have


@sqlite_only
def test_sqlite_refuses_to_rebuild_a_table_the_trigger_names_which_is_why_migrate_drops_it():
    """What Django's SQLite schema editor does to change a column (a new table, the rows
    copied, the old one dropped, the new one renamed) fails while the trigger exists."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA legacy_alter_table = OFF")  # as Django sets it
    db.executescript(
        "CREATE TABLE n (id INTEGER PRIMARY KEY, c INT);"
        "CREATE VIEW v AS SELECT NULL AS id;"
        "CREATE TRIGGER t INSTEAD OF INSERT ON v BEGIN UPDATE n SET c = c + 1 WHERE id = NEW.id; END;"
        "CREATE TABLE new__n (id INTEGER PRIMARY KEY, c INT, d INT);"
        "DROP TABLE n;"
    )
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        db.execute("ALTER TABLE new__n RENAME TO n")


def test_a_reader_with_a_region_asks_block_and_withholding_in_one_statement(
    client_for, make_note, mia, lin
):
    note = make_note(mia, title="Dumplings")
    lin.region = "DE"
    lin.save(update_fields=["region"])
    client = client_for(lin)
    client.get("/api/v1/me")  # the session's first use is not the like's cost
    with CaptureQueriesContext(connection) as queries:
        assert client.post(f"/api/v1/notes/{note.pk}/like").status_code == 200
    asked = [
        q["sql"]
        for q in queries.captured_queries
        if "social_block" in q["sql"] or "notes_notewithholding" in q["sql"]
    ]
    assert len(asked) == 1 and "social_block" in asked[0] and "notes_notewithholding" in asked[0]


@sqlite_only
@pytest.mark.django_db
def test_the_read_back_finds_the_notification_by_its_recipient_not_by_the_liker():
    """By the liker's index SQLite would scan every notification the liker ever caused."""
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN " + likewrite._COUNT_AND_TOLD_SQL, [1, 2, "like:1::2026-12-06", 3]
        )
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "recipient_id=?" in plan and "(actor_id=?)" not in plan, plan


def test_the_statement_asks_whether_the_author_was_told_and_of_which_note(
    make_note, mia, lin, saved_notifications
):
    """Told of this like on an earlier day (liked, unliked, liked again): not told again; a
    like of another note of theirs is news. No separate read asks first."""
    note, other = make_note(mia, title="Dumplings"), make_note(mia, title="Noodles")
    assert services.like_note(user=lin, note=note) is True
    Notification.objects.filter(recipient=mia, note=note).update(
        group_key=f"like:{note.pk}::2020-01-01"
    )
    assert services.unlike_note(user=lin, note=note) is True
    with CaptureQueriesContext(connection) as queries:
        assert services.like_note(user=lin, note=note) is True
    asked = [
        q["sql"]
        for q in queries.captured_queries
        if "FROM social_notification" in q["sql"] and not q["sql"].startswith("WITH liked")
    ]
    assert not asked, asked
    assert Notification.objects.filter(recipient=mia, actor=lin, note=note).count() == 1
    assert len(saved_notifications) == 1
    assert services.like_note(user=lin, note=other) is True
    assert Notification.objects.filter(recipient=mia, actor=lin, note=other).count() == 1
    assert len(saved_notifications) == 2 and saved_notifications[-1][0] == (
        Notification.objects.get(note=other).pk
    )
    assert services.like_note(user=mia, note=other) is True  # one's own: never told
    assert Notification.objects.filter(recipient=mia).count() == 2


@sqlite_only
@pytest.mark.django_db
def test_told_already_is_one_look_up_in_the_told_index():
    """Not the recipient's index, which scanned every notification a popular author had."""
    told = likewrite._told_already("1", "2", "3")
    for sql in (told, told.replace("verb = 'like'", "verb = 'follow'").replace("= 3", "IS NULL")):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "social_notif_told_idx" in plan, plan
