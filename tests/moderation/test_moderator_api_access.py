"""Moderators (the moderator group, not only Django staff) read a note's decisions and withhold
notes through the API, whatever the note's state; scoped moderators withhold only in their
regions; everyone else keeps the 403 (or the author's own view)."""

import pytest

from crossnote.moderation.models import Decision, ModeratorScope, Withholding
from crossnote.moderation.services import withhold_note
from crossnote.notes.models import ModerationState, Note
from tests.conftest import client_of, make_moderator

pytestmark = pytest.mark.django_db
JSON = "application/json"
ORDER = {"regions": ["DE"], "legal_basis": "NetzDG order"}


@pytest.fixture
def mod():
    user = make_moderator("mod_wang", region="CN")
    return user


@pytest.fixture
def note(mia):
    return Note.objects.create(author=mia, title="Walking around the old town")


def withhold(client, note, payload=ORDER):
    return client.post(f"/api/v1/notes/{note.pk}/withhold", payload, content_type=JSON)


def test_a_moderator_withholds_a_note(mod, note):
    response = withhold(client_of(mod), note)
    assert response.status_code == 200, response.content
    assert response.json()["regions"] == ["DE"]
    assert Withholding.objects.get().regions == ["DE"]


def test_a_moderator_reads_the_decisions_of_a_removed_note(mod, note):
    withhold_note(note=note, regions=["FR"], legal_basis="court order")
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.REMOVED)
    response = client_of(mod).get(f"/api/v1/notes/{note.pk}/decisions")
    assert response.status_code == 200, response.content
    assert [d["id"] for d in response.json()] == list(
        Decision.objects.filter(object_id=note.pk).values_list("pk", flat=True)
    )


def test_a_scoped_moderator_withholds_only_in_their_regions(mod, note):
    ModeratorScope.objects.create(user=mod, regions=["CN"])
    assert withhold(client_of(mod), note).status_code == 403
    assert not Withholding.objects.exists()
    response = withhold(client_of(mod), note, {"regions": ["CN"], "legal_basis": "order"})
    assert response.status_code == 200, response.content


def test_others_still_get_403_and_the_author_reads_their_own(mia, lin, note):
    assert withhold(client_of(lin), note).status_code == 403
    assert client_of(lin).get(f"/api/v1/notes/{note.pk}/decisions").status_code == 403
    assert client_of(mia).get(f"/api/v1/notes/{note.pk}/decisions").status_code == 200
    assert (
        client_of(mia)
        .post(f"/api/v1/notes/{note.pk}/withhold", ORDER, content_type=JSON)
        .status_code
        == 403
    )


def test_a_missing_note_is_404_for_moderators(mod):
    assert client_of(mod).get("/api/v1/notes/999999/decisions").status_code == 404
    assert withhold(client_of(mod), Note(pk=999999)).status_code == 404
