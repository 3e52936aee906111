"""A removed comment no longer counts in its note's "N comments", and counts again when an appeal
reverses the removal; deleting or erasing a removed comment doesn't take it off twice."""

import pytest

from crossnote.moderation.models import Decision, ReviewItem
from crossnote.notes.models import Note
from crossnote.notes.services import add_comment, create_note, delete_comment
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def people(mia, lin):
    mod = make_moderator("mod_wang", region="CN", languages=["zh"])
    senior = make_moderator(
        "senior_li", group="senior moderator", region="CN", languages=["zh", "en"]
    )
    return mia, lin, mod, senior


@pytest.fixture
def thread(people):
    mia, lin, _mod, _senior = people
    note = create_note(author=mia, title="Dumplings", body="Sunday dumplings", images=[upload()])
    first = add_comment(note=note, author=lin, body="Your dumplings look terrible, like you")
    reply = add_comment(note=note, author=mia, body="Thanks anyway!", parent=first)
    other = add_comment(note=note, author=lin, body="Recipe please?")
    return note, first, reply, other


def count(note) -> int:
    return Note.objects.get(pk=note.pk).comment_count


def remove(comment, reporter, mod):
    client_of(reporter).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(kind="comment", object_id=comment.pk, appeal__isnull=True)
    response = client_of(mod).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": "mocking"},
        content_type=JSON,
    )
    assert response.status_code == 200
    return Decision.objects.get(kind="comment", object_id=comment.pk, automated=False)


def test_a_removed_comment_and_its_replies_leave_the_count_and_return_on_reversal(people, thread):
    mia, lin, mod, senior = people
    note, first, _reply, _other = thread
    assert count(note) == 3
    decision = remove(first, mia, mod)
    assert count(note) == 1  # the removed comment and the reply under it are no longer shown
    api = client_of(mia).get(f"/api/v1/notes/{note.pk}").json()
    assert api["comment_count"] == 1
    client_of(lin).post(
        f"/api/v1/decisions/{decision.pk}/appeal", {"text": "It was a joke"}, content_type=JSON
    )
    item = ReviewItem.objects.get(source="appeal")
    client_of(senior).post(
        f"/api/v1/moderation/queue/{item.pk}/decide", {"action": "reverse"}, content_type=JSON
    )
    assert count(note) == 3


def test_deleting_a_removed_comment_does_not_take_it_off_twice(people, thread):
    mia, _lin, mod, _senior = people
    note, _first, _reply, other = thread
    remove(other, mia, mod)
    assert count(note) == 2
    other.refresh_from_db()
    delete_comment(user=mia, comment=other)
    assert count(note) == 2


def test_erasing_an_account_with_a_removed_comment_keeps_the_count_right(people, thread):
    from crossnote.privacy.erasure import erase_account

    mia, lin, mod, _senior = people
    note, first, _reply, _other = thread
    remove(first, mia, mod)
    assert count(note) == 1
    erase_account(lin)  # Lin's comments go; Mia's reply stays, moved to the top of the thread
    assert count(note) == 1
    assert note.comments.get().author == mia
