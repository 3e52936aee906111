"""The like path over the API reads the note briefly (no text, photos or topics) and answers
with the count its own update returned, without reading the note again; what it may like is
decided as before (hidden, followers-only, blocked, withheld)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.notes.models import Note, NoteLike, NoteWithholding
from crossnote.notes.selectors import get_visible_note
from crossnote.social.models import Notification
from crossnote.social.services import block_user

NOTES = "/api/v1/notes"


def test_a_like_answers_with_the_new_count_and_a_repeat_with_the_same(
    client_for, make_note, mia, lin
):
    note = make_note(mia, title="Cats", body="#cats")
    Note.objects.filter(pk=note.pk).update(like_count=41)  # the count comes from the row
    first = client_for(lin).post(f"{NOTES}/{note.pk}/like")
    assert first.status_code == 200
    assert first.json() == {"liked": True, "like_count": 42}
    again = client_for(lin).post(f"{NOTES}/{note.pk}/like")
    assert again.json() == {"liked": True, "like_count": 42}
    assert NoteLike.objects.filter(note=note, user=lin).count() == 1
    assert Note.objects.get(pk=note.pk).like_count == 42
    assert Notification.objects.filter(recipient=mia, actor=lin, verb="like").count() == 1


def test_a_like_reads_neither_photos_nor_topics_nor_the_note_twice(client_for, make_note, mia, lin):
    note = make_note(mia, title="Cats", body="#cats")
    client = client_for(lin)
    client.get("/api/v1/me")  # the session's first use is not the like's cost
    with CaptureQueriesContext(connection) as queries:
        assert client.post(f"{NOTES}/{note.pk}/like").status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in sql if "notes_noteimage" in s or "notes_topic" in s], sql
    note_reads = [s for s in sql if s.startswith("SELECT") and 'FROM "notes_note"' in s]
    assert len(note_reads) == 1, note_reads
    assert '"notes_note"."body"' not in note_reads[0]


def test_brief_and_full_reads_decide_alike(make_note, mia, lin):
    public = make_note(mia, title="Open")
    followers = make_note(mia, title="Friends", visibility="followers")
    for note in (public, followers):
        brief = get_visible_note(mia, note.pk, brief=True)
        assert brief.pk == note.pk and brief.author.username == "mia_ms"
        assert brief.title == note.title  # a field left out still loads when asked for
    for brief in (False, True):
        assert get_visible_note(lin, public.pk, brief=brief).pk == public.pk


def test_what_may_not_be_seen_may_not_be_liked(client_for, make_note, mia, lin):
    followers_only = make_note(mia, title="Friends", visibility="followers")
    assert client_for(lin).post(f"{NOTES}/{followers_only.pk}/like").status_code == 404
    assert client_for(lin).post(f"{NOTES}/999999/like").status_code == 404

    withheld = make_note(mia, title="Withheld")
    NoteWithholding.objects.create(note=withheld, region="DE")
    lin.region = "DE"
    lin.save(update_fields=["region"])
    assert client_for(lin).post(f"{NOTES}/{withheld.pk}/like").status_code == 451

    public = make_note(mia, title="Open")
    block_user(blocker=mia, blocked=lin)
    assert client_for(lin).post(f"{NOTES}/{public.pk}/like").status_code == 404
    assert not NoteLike.objects.filter(user=lin).exists()
