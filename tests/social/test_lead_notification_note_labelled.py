"""Both notification APIs say when a note is behind a content warning for this reader
(`note_labelled`), so an app blurs its picture as the notifications page does: the grouped API
gave `note_thumb_url` with no sign of the label. The note's author sees their own plainly."""

import pytest

from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(lin, mia):
    """Lin comments on Mia's note and Mia replies: each is told of the other's comment."""
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body="看起来好好吃！")
    add_comment(note=note, author=mia, body="谢谢！", parent=comment)
    return note


def label(note) -> None:
    Note.objects.filter(pk=note.pk).update(
        moderation=ModerationState.LABELLED, content_warning="May contain graphic content"
    )


def flags(user, path) -> list:
    response = client_of(user).get(path)
    assert response.status_code == 200
    return [(item["note_labelled"], bool(item.get("note_thumb_url", True))) for item in
            response.json()["items"]]  # fmt: skip


@pytest.mark.parametrize("path", ["/api/v1/notifications", "/api/v1/notifications/grouped"])
def test_a_labelled_note_is_flagged_for_others_not_for_its_author(thread, lin, mia, path):
    assert [labelled for labelled, _ in flags(lin, path)] == [False]
    label(thread)
    assert [labelled for labelled, _ in flags(lin, path)] == [True]
    assert [labelled for labelled, _ in flags(mia, path)] == [False]


def test_the_contract_documents_it(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("NotificationOut", "NotificationGroupOut"):
        field = schema[name]["properties"]["note_labelled"]
        assert field["type"] == "boolean" and "blurred" in field["description"]
        assert "note_labelled" in schema[name]["required"]
