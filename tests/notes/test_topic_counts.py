"""A topic's "N notes" counts what anyone may read under it: public notes that moderation has not
held or removed. It follows posting, editing, deleting, removal by a moderator and its reversal
on appeal, and erasure."""

import pytest
from django.contrib.auth.models import Group

from crossnote.moderation.models import ReviewItem
from crossnote.notes.models import Topic, Visibility
from crossnote.notes.services import create_note, delete_note, update_note
from tests.conftest import client_of, make_moderator, make_user, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"


def count(name="hotpot"):
    return Topic.objects.get(name=name).note_count


def post(author, visibility=Visibility.PUBLIC, topics=("hotpot",)):
    return create_note(
        author=author,
        title="Dinner",
        body="Spicy broth tonight",
        images=[upload()],
        topics=list(topics),
        visibility=visibility,
    )


def test_private_and_followers_only_notes_do_not_count(mia):
    post(mia)
    post(mia, visibility=Visibility.PRIVATE)
    post(mia, visibility=Visibility.FOLLOWERS)
    assert count() == 1


def test_editing_visibility_and_topics_moves_the_count(mia):
    note = post(mia)
    update_note(user=mia, note=note, visibility=Visibility.PRIVATE)
    assert count() == 0
    update_note(user=mia, note=note, visibility=Visibility.PUBLIC)
    assert count() == 1
    update_note(user=mia, note=note, topics=["noodles"])
    assert (count(), count("noodles")) == (0, 1)
    secret = post(mia, visibility=Visibility.PRIVATE, topics=["noodles"])
    update_note(user=mia, note=secret, topics=["hotpot"])
    assert (count(), count("noodles")) == (0, 1)
    delete_note(user=mia, note=secret)
    assert (count(), count("noodles")) == (0, 1)
    delete_note(user=mia, note=note)
    assert count("noodles") == 0


def test_a_removed_note_leaves_the_count_and_a_reversal_brings_it_back(mia, lin):
    note = post(mia)
    post(lin)
    assert count() == 2
    mod = make_moderator("mod_wang")
    senior = make_user("senior_li")
    senior.groups.add(Group.objects.get(name="senior moderator"))

    client_of(lin).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment", "text": "rude"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(object_id=note.pk)
    decided = client_of(mod).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": "insulting"},
        content_type=JSON,
    )
    assert decided.status_code == 200, decided.content
    assert count() == 1

    from crossnote.moderation.models import Decision

    decision = Decision.objects.get(automated=False, on_appeal=False)
    appealed = client_of(mia).post(
        f"/api/v1/decisions/{decision.pk}/appeal", {"text": "It was a joke."}, content_type=JSON
    )
    assert appealed.status_code == 201, appealed.content
    appeal_item = ReviewItem.objects.get(source="appeal")
    reversed_ = client_of(senior).post(
        f"/api/v1/moderation/queue/{appeal_item.pk}/decide",
        {"action": "reverse", "reason": "a joke between friends"},
        content_type=JSON,
    )
    assert reversed_.status_code == 200, reversed_.content
    assert count() == 2


def test_a_note_held_by_screening_at_posting_does_not_count(mia):
    held = create_note(
        author=mia, title="Part-time job", body="兼职日结 加微信 #hotpot", images=[upload()]
    )
    held.refresh_from_db()
    assert held.moderation == "held"
    assert count() == 0


def test_erasure_takes_off_only_the_notes_that_counted(mia, lin):
    from crossnote.privacy.services import erase_now

    post(lin)
    post(mia)
    post(mia, visibility=Visibility.PRIVATE)
    assert count() == 2
    erase_now(user=mia, operator="test")
    assert count() == 1
