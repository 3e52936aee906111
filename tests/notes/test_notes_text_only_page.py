"""A note without photos (the influx replay of `make run`'s demo writes them, as a remote note
can be) has a page: it answered 500 ("'str' object has no attribute 'large_width'": the photo
frame of a first photo that is not there) for every one of the demo's 320 replayed notes."""

from django.test import Client

from crossnote.notes.models import Note
from crossnote.notes.templatetags.notes import photo_frame
from tests.conftest import make_user


def test_a_note_without_photos_has_a_page_and_no_empty_carousel(db):
    author = make_user("replayed", region="US")
    note = Note.objects.create(author=author, title="Day 3 in Austin", body="Day 3 in Austin")
    visitor = Client()
    reader = Client()
    reader.force_login(make_user("reader", region="US"))
    for client in (visitor, reader):
        response = client.get(f"/notes/{note.pk}/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Day 3 in Austin" in page
        assert "data-carousel" not in page


def test_the_photo_frame_of_no_photo_is_portrait():
    assert photo_frame("") == "3 / 4"
    assert photo_frame(None) == "3 / 4"
