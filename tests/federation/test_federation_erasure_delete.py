"""Erasure tells other servers (crossnote.federation.erasure): a Delete of the erased person's
actor, signed with their key before it goes, reaches every server that knows them (followers,
people they follow, people who liked their notes), once per server; a failed delivery leaves no
dead letter holding their name; and an incoming Delete of an actor removes their notes, likes and
follows here."""

import json

import pytest

from crossnote.core.models import FailedTask
from crossnote.federation import services
from crossnote.federation.models import (
    ActorKey,
    RemoteActor,
    RemoteFollow,
    RemoteFollower,
    RemoteLike,
    RemoteNote,
)
from crossnote.federation.signatures import verify_request
from crossnote.privacy.erasure import erase_account
from tests.federation.federation_fixtures import activity, mastodon_note, signed_post
from tests.federation.test_federation_move import LIN, account_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def lin_known_elsewhere(peer, known_actor, lin, make_note):
    """alice follows Lin; Lin follows bob; carol liked Lin's note: all on the peer server (one
    shared inbox), plus dave on a server of his own inbox path."""
    alice = known_actor(account_at(peer, "alice"))
    bob = known_actor(account_at(peer, "bob"))
    carol = known_actor(account_at(peer, "carol"))
    RemoteFollower.objects.create(actor=alice, user=lin, activity_id=f"{alice.uri}#f/1")
    RemoteFollow.objects.create(user=lin, actor=bob, activity_id=f"{LIN}#follow/1")
    note = make_note(lin, title="Soup")
    RemoteLike.objects.create(actor=carol, note=note, activity_id=f"{carol.uri}#likes/1")
    dave_doc = account_at(peer, "dave")
    dave_doc["endpoints"] = {}  # no shared inbox: his own
    dave = known_actor(dave_doc)
    RemoteFollower.objects.create(actor=dave, user=lin, activity_id=f"{dave.uri}#f/1")
    return peer[1]


def deletes(recorder) -> list[tuple[str, dict, dict, bytes]]:
    return [
        (path, json.loads(body), headers, body)
        for method, path, headers, body in recorder.seen
        if method == "POST" and body and json.loads(body).get("type") == "Delete"
    ]


def test_erasure_sends_a_signed_delete_of_the_actor_to_each_server_that_knows_them(
    peer, lin_known_elsewhere, lin, django_capture_on_commit_callbacks
):
    public_pem = services.key_for(lin).public_pem
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(lin)
    sent = deletes(lin_known_elsewhere)
    assert sorted(path for path, *_rest in sent) == ["/inbox", "/users/dave/inbox"]
    base = peer[0]
    for path, body, headers, raw in sent:
        assert (body["actor"], body["object"], body["id"]) == (LIN, LIN, f"{LIN}#delete")
        verify_request(
            method="POST",
            url=f"{base}{path}",
            headers=headers,
            body=raw,
            public_key=lambda key_id: public_pem,
            window=300,
        )
    assert not ActorKey.objects.exists() and not RemoteFollower.objects.exists()


def test_a_failed_delivery_leaves_no_dead_letter_with_their_name(
    peer, lin_known_elsewhere, lin, django_capture_on_commit_callbacks, caplog
):
    lin_known_elsewhere.routes["/inbox"] = (500, {}, b"")
    services.key_for(lin)
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(lin)
    assert len([p for p, *_r in deletes(lin_known_elsewhere) if p == "/inbox"]) > 1  # retried
    assert not FailedTask.objects.filter(args__icontains="lin_sh").exists()
    assert not FailedTask.objects.exists()
    assert "erasure: the Delete to 127.0.0.1" in caplog.text


def test_nothing_is_sent_for_someone_who_never_federated_or_while_federation_is_off(
    peer, known_actor, lin, mia, federated, django_capture_on_commit_callbacks
):
    alice = known_actor(account_at(peer, "alice"))
    RemoteFollower.objects.create(actor=alice, user=mia, activity_id=f"{alice.uri}#f/2")
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(lin)  # no key, no one elsewhere knows her
    services.key_for(mia)
    federated.CROSSNOTE_FEDERATION_DOMAIN = ""
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(mia)
    assert deletes(peer[1]) == []


def test_an_incoming_delete_of_an_actor_removes_their_notes_likes_and_follows(
    peer, known_actor, lin, make_note
):
    doc = account_at(peer, "alice")
    alice = known_actor(doc)
    RemoteFollow.objects.create(
        user=lin, actor=alice, activity_id=f"{LIN}#follow/2", state=RemoteFollow.State.ACCEPTED
    )
    RemoteFollower.objects.create(actor=alice, user=lin, activity_id=f"{alice.uri}#f/3")
    RemoteLike.objects.create(
        actor=alice, note=make_note(lin, title="Tea"), activity_id=f"{alice.uri}#likes/2"
    )
    note = mastodon_note(doc)
    created = signed_post(
        "/ap/inbox",
        activity(doc, "Create", note, "c"),
        actor=doc,
        key_owner="alice@mastodon.example",
    )
    assert created.status_code == 202 and RemoteNote.objects.filter(actor=alice).exists()

    forged = activity(doc, "Delete", "https://mastodon.example/users/bob", "x")
    answer = signed_post("/ap/inbox", forged, actor=doc, key_owner="alice@mastodon.example")
    assert answer.status_code == 202 and "ignored" in answer.json()["detail"]
    assert RemoteActor.objects.filter(pk=alice.pk).exists()  # nobody deletes someone else

    gone = signed_post(
        "/ap/inbox", activity(doc, "Delete", doc["id"], "d"), actor=doc,
        key_owner="alice@mastodon.example",
    )  # fmt: skip
    assert gone.status_code == 202 and "actor deleted" in gone.json()["detail"], gone.content
    assert not RemoteActor.objects.filter(uri=doc["id"]).exists()
    for model in (RemoteNote, RemoteFollow, RemoteFollower, RemoteLike):
        assert not model.objects.exists(), model


def test_a_delete_of_an_actor_never_known_here_is_skipped_unverified(peer, known_actor, federated):
    """As Mastodon: an erased account elsewhere that nobody here knew is answered 202 at once
    (its key is gone, nothing is fetched or stored); a known actor's Delete still needs a
    valid signature."""
    from django.test import Client

    from crossnote.federation.models import SeenActivity

    stranger = "https://gone.example/users/zed"
    body = json.dumps({"id": f"{stranger}#delete", "type": "Delete", "actor": stranger,
                       "object": stranger})  # fmt: skip
    answer = Client().post(
        "/ap/inbox", body, content_type="application/activity+json", HTTP_HOST="crossnote.example"
    )
    assert answer.status_code == 202 and "unknown here" in answer.json()["detail"]
    assert not RemoteActor.objects.exists() and not SeenActivity.objects.exists()

    doc = account_at(peer, "alice")
    known_actor(doc)
    unsigned = signed_post(
        "/ap/inbox", activity(doc, "Delete", doc["id"], "u"), actor=doc,
        key_owner="alice@mastodon.example", spoil=lambda headers: headers.pop("Signature"),
    )  # fmt: skip
    assert unsigned.status_code == 401 and RemoteActor.objects.filter(uri=doc["id"]).exists()
