"""GET /notes/{id} on the card path: the note's card is kept per version and shared by readers,
but whether the reader may see it is asked on every request, so a block (either way), a
removal, a withholding, a note made private, an edit or a new like shows at once."""

import pytest
from django.test import Client

from crossnote.notes.models import Note, NoteWithholding
from crossnote.notes.services import like_note, update_note
from crossnote.social.models import Block
from tests.conftest import client_of

pytestmark = pytest.mark.django_db


def _get(client, note):
    return client.get(f"/api/v1/notes/{note.pk}")


def test_the_card_answers_as_the_orm_did_and_changes_show_at_once(mia, lin, make_note):
    note = make_note(mia, title="Cat", body="#cats")
    reader = client_of(lin)
    first = _get(reader, note).json()
    assert (first["title"], first["liked"], first["like_count"]) == ("Cat", False, 0)
    like_note(user=lin, note=note)
    again = _get(reader, note).json()
    assert (again["liked"], again["like_count"]) == (True, 1)
    assert _get(Client(), note).json()["liked"] is False  # the mark is Lin's only
    update_note(user=mia, note=Note.objects.get(pk=note.pk), title="Cat, edited")
    assert _get(reader, note).json()["title"] == "Cat, edited"


@pytest.mark.parametrize("change", ["blocked", "blocks", "removed", "private", "withheld"])
def test_a_note_the_reader_may_no_longer_see_is_refused_at_once(mia, lin, make_note, change):
    note = make_note(mia, title="Cat")
    reader = client_of(lin)  # Lin reads from CN
    assert _get(reader, note).status_code == 200  # its card is kept now
    if change == "blocked":
        Block.objects.create(blocker=mia, blocked=lin)
    elif change == "blocks":
        Block.objects.create(blocker=lin, blocked=mia)
    elif change == "removed":
        Note.objects.filter(pk=note.pk).update(moderation="removed")
    elif change == "private":
        Note.objects.filter(pk=note.pk).update(visibility="private")
    else:
        NoteWithholding.objects.create(note=note, region="CN")
    assert _get(reader, note).status_code == (451 if change == "withheld" else 404)
    assert _get(client_of(mia), note).status_code == 200  # the author still sees it


def test_a_missing_note_is_404(mia):
    assert Client().get("/api/v1/notes/987654").status_code == 404
