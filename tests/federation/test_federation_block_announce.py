"""Block and Announce (boosts), both ways, with Mastodon-shaped payloads signed with real keys.

Incoming Block: the blocker and the person blocked stop following each other (Mastodon's
semantics), the blocker's notes leave the person's following feed, and nothing is shown to the
person blocked; Undo(Block) is accepted. Outgoing: a block here sends a signed Block, an unblock
an Undo(Block) naming it. Incoming Announce of a local public note is kept and counted as a
share; Undo(Announce) removes it; forged, hidden and blocked ones are refused with a reason."""

import json

import pytest

from crossnote.federation import providers, services
from crossnote.federation.models import (
    RemoteAnnounce,
    RemoteBlock,
    RemoteFollow,
    RemoteFollower,
    RemoteNote,
)
from tests.federation.federation_fixtures import (
    DOMAIN,
    activity,
    mastodon_actor,
    mastodon_note,
    signed_post,
)

pytestmark = pytest.mark.django_db

LIN = f"https://{DOMAIN}/ap/users/lin_sh"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


@pytest.fixture
def alice(known_actor):
    return known_actor()


def mastodon_block(actor: dict, target: str, suffix: str = "1") -> dict:
    """A Block as Mastodon sends it (ActivityPub::BlockSerializer): the object is the actor URI."""
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"https://{actor['id'].split('/')[2]}/blocks/{suffix}",
        "type": "Block",
        "actor": actor["id"],
        "object": target,
    }


def mastodon_undo(actor: dict, original: dict, suffix: str = "1") -> dict:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor['id']}#{original['type'].lower()}s/{suffix}/undo",
        "type": "Undo",
        "actor": actor["id"],
        "object": original,
    }


def mastodon_announce(actor: dict, target: str, number: int = 110) -> dict:
    """A boost as Mastodon sends it (ActivityPub::ActivitySerializer for a reblog)."""
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor['id']}/statuses/{number}/activity",
        "type": "Announce",
        "actor": actor["id"],
        "published": "2026-12-05T09:00:00Z",
        "to": [PUBLIC],
        "cc": [LIN, f"{actor['id']}/followers"],
        "object": target,
    }


def following_each_other(lin, alice):
    RemoteFollower.objects.create(actor=alice, user=lin, activity_id=f"{alice.uri}#follows/9")
    return RemoteFollow.objects.create(
        user=lin, actor=alice, activity_id=f"{LIN}#follow/9", state="accepted"
    )


# --- incoming Block --------------------------------------------------------------------------


def test_a_mastodon_block_ends_both_follows_and_their_notes_leave_the_feed(
    lin, mia, alice, known_actor
):
    from crossnote.social.models import Notification

    doc = mastodon_actor()
    following_each_other(lin, alice)
    RemoteFollower.objects.create(actor=alice, user=mia, activity_id=f"{alice.uri}#follows/10")
    create = activity(doc, "Create", mastodon_note(doc), "c1")
    assert signed_post("/ap/inbox", create, actor=doc).status_code == 202
    assert [card.note.uri for card in providers.following_elsewhere(lin)] == [
        mastodon_note(doc)["id"]
    ]

    response = signed_post("/ap/inbox", mastodon_block(doc, LIN), actor=doc)
    assert response.status_code == 202, response.content
    assert response.json()["detail"] == "blocked by them: follows removed (2)"
    assert not RemoteFollower.objects.filter(user=lin).exists()
    assert not RemoteFollow.objects.filter(user=lin).exists()
    assert providers.following_elsewhere(lin) == []
    # Only the person blocked: Mia keeps her follower, and nobody is told of the block.
    assert RemoteFollower.objects.filter(user=mia, actor=alice).exists()
    assert not Notification.objects.filter(recipient=lin).exists()
    # Their later notes do not come back to Lin (nobody here follows Alice now).
    later = activity(doc, "Create", mastodon_note(doc, number=2), "c2")
    assert "nobody here follows" in signed_post("/ap/inbox", later, actor=doc).json()["detail"]


def test_undo_block_is_accepted_and_restores_nothing(lin, alice):
    doc = mastodon_actor()
    following_each_other(lin, alice)
    block = mastodon_block(doc, LIN)
    assert signed_post("/ap/inbox", block, actor=doc).status_code == 202
    undo = signed_post("/ap/inbox", mastodon_undo(doc, block), actor=doc)
    assert undo.status_code == 202 and undo.json()["detail"] == "block undone"
    assert not RemoteFollow.objects.exists() and not RemoteFollower.objects.exists()


def test_a_block_of_no_one_here_is_refused_with_its_reason(lin, alice, caplog):
    doc = mastodon_actor()
    following_each_other(lin, alice)
    for target in ("https://mastodon.example/users/bob", f"https://{DOMAIN}/ap/users/nobody"):
        response = signed_post("/ap/inbox", mastodon_block(doc, target, target[-3:]), actor=doc)
        assert response.status_code == 404
        assert response.json()["detail"] == "the Block's object is not a person here"
    assert "the Block's object is not a person here" in caplog.text
    assert RemoteFollow.objects.exists() and RemoteFollower.objects.exists()


def test_a_block_in_someone_elses_name_is_refused(lin, alice, known_actor):
    bob = mastodon_actor("bob")
    known_actor(bob)
    following_each_other(lin, alice)
    forged = mastodon_block(mastodon_actor(), LIN)  # says Alice blocks Lin, signed by Bob
    response = signed_post("/ap/inbox", forged, actor=bob)
    assert response.status_code == 403
    assert "not the owner of the signing key" in response.json()["detail"]
    undo = mastodon_undo(bob, mastodon_block(mastodon_actor(), LIN))  # undoes Alice's block
    response = signed_post("/ap/inbox", undo, actor=bob)
    assert response.status_code == 403 and "its own activities" in response.json()["detail"]
    assert RemoteFollow.objects.exists() and RemoteFollower.objects.exists()


def test_a_block_from_a_blocked_server_is_refused(lin, alice):
    services.block_domain(domain="mastodon.example")
    doc = mastodon_actor()
    response = signed_post("/ap/inbox", mastodon_block(doc, LIN), actor=doc)
    assert response.status_code == 403 and "blocked" in response.json()["detail"]


# --- outgoing Block --------------------------------------------------------------------------


@pytest.fixture
def carol(peer, known_actor):
    base, recorder = peer
    doc = mastodon_actor("carol")
    doc["inbox"] = f"{base}/users/carol/inbox"
    recorder.routes["/users/carol/inbox"] = (202, {}, b"")
    return known_actor(doc), recorder


def sent(recorder) -> list[dict]:
    return [json.loads(body) for _m, _path, _h, body in recorder.seen]


def test_blocking_through_the_api_sends_block_and_unblocking_sends_undo(
    carol, mia, client_for, django_capture_on_commit_callbacks
):
    actor, recorder = carol
    RemoteFollower.objects.create(actor=actor, user=mia, activity_id=f"{actor.uri}#follows/1")
    RemoteFollow.objects.create(
        user=mia, actor=actor, activity_id=f"https://{DOMAIN}/f/1", state="accepted"
    )
    client = client_for(mia)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/federation/actors/{actor.pk}/block")
    assert response.status_code == 200 and response.json() == {"blocked": True}
    assert not RemoteFollow.objects.exists() and not RemoteFollower.objects.exists()
    undo_follow, block = sent(recorder)
    assert undo_follow["type"] == "Undo" and undo_follow["object"]["type"] == "Follow"
    assert block["type"] == "Block" and block["object"] == actor.uri
    assert block["actor"] == f"https://{DOMAIN}/ap/users/mia_ms"
    assert "Signature" in recorder.seen[-1][2] and "Digest" in recorder.seen[-1][2]
    assert RemoteBlock.objects.get(user=mia, actor=actor).activity_id == block["id"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/federation/actors/{actor.pk}/block")
    assert response.status_code == 200 and response.json() == {"blocked": False}
    undo = sent(recorder)[-1]
    assert undo["type"] == "Undo" and undo["object"]["type"] == "Block"
    assert undo["object"]["id"] == block["id"] and undo["object"]["object"] == actor.uri
    assert not RemoteBlock.objects.exists()
    # Unblocking someone not blocked sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/v1/federation/actors/{actor.pk}/block").status_code == 200
    assert len(recorder.seen) == 3


def test_the_block_api_needs_a_login_and_a_known_person(carol, mia, client_for, client):
    actor, _recorder = carol
    assert client.post(f"/api/v1/federation/actors/{actor.pk}/block").status_code == 401
    missing = client_for(mia).post("/api/v1/federation/actors/999999/block")
    assert missing.status_code == 404 and "detail" in missing.json()


def test_the_remote_person_page_blocks_and_unblocks(
    carol, mia, client_for, django_capture_on_commit_callbacks
):
    actor, recorder = carol
    client = client_for(mia)
    page = client.get(f"/elsewhere/people/{actor.pk}/").content.decode()
    assert 'data-testid="remote-block-button"' in page and "their server is told" in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/elsewhere/people/{actor.pk}/block/", {"next": "/elsewhere/"})
    assert done.status_code == 302 and RemoteBlock.objects.filter(user=mia).exists()
    assert sent(recorder)[-1]["type"] == "Block"
    page = client.get(f"/elsewhere/people/{actor.pk}/").content.decode()
    assert 'data-testid="remote-unblock-button"' in page
    assert 'data-testid="remote-follow-button"' not in page  # unblock first
    zh = client.get(f"/elsewhere/people/{actor.pk}/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert "你已拉黑此人" in zh.content.decode()
    refused = client.post(f"/api/v1/federation/actors/{actor.pk}/follow")
    assert refused.status_code == 409 and "unblock them first" in refused.json()["detail"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/elsewhere/people/{actor.pk}/block/", {"action": "unblock"})
    assert not RemoteBlock.objects.exists() and sent(recorder)[-1]["type"] == "Undo"
    assert client.post(f"/api/v1/federation/actors/{actor.pk}/follow").status_code == 200


# --- incoming Announce -----------------------------------------------------------------------


def shares(client, note) -> int:
    doc = json.loads(client.get(f"/ap/notes/{note.pk}", HTTP_HOST=DOMAIN).content)
    return doc["shares"]["totalItems"]


def test_a_boost_of_a_local_note_is_counted_and_undone(lin, alice, make_note, client):
    note = make_note(lin, title="Hotpot")
    doc = mastodon_actor()
    boost = mastodon_announce(doc, f"https://{DOMAIN}/ap/notes/{note.pk}")
    response = signed_post("/ap/inbox", boost, actor=doc)
    assert response.status_code == 202 and response.json()["detail"] == "boost stored"
    kept = RemoteAnnounce.objects.get()
    assert (kept.note, kept.actor, kept.activity_id) == (note, alice, boost["id"])
    assert shares(client, note) == 1
    again = signed_post("/ap/inbox", boost, actor=doc)  # the same activity: a replay
    assert again.status_code == 403 and RemoteAnnounce.objects.count() == 1

    undo = signed_post("/ap/inbox", mastodon_undo(doc, boost), actor=doc)
    assert undo.status_code == 202 and undo.json()["detail"] == "boost undone (1)"
    assert not RemoteAnnounce.objects.exists() and shares(client, note) == 0


def test_only_public_visible_notes_can_be_boosted(lin, alice, make_note):
    doc = mastodon_actor()
    private = make_note(lin, title="Mine", visibility="private")
    followers = make_note(lin, title="Friends", visibility="followers")
    for number, target in enumerate(
        (
            f"https://{DOMAIN}/ap/notes/{private.pk}",
            f"https://{DOMAIN}/ap/notes/{followers.pk}",
            f"https://{DOMAIN}/ap/notes/999999",
            f"https://{DOMAIN}/ap/users/lin_sh",
        )
    ):
        response = signed_post("/ap/inbox", mastodon_announce(doc, target, number), actor=doc)
        assert response.status_code == 404, target
        assert response.json()["detail"] == "no such note here"
    assert not RemoteAnnounce.objects.exists()


def test_a_boost_by_someone_the_author_blocked_is_refused(lin, alice, make_note, caplog):
    note = make_note(lin, title="Hotpot")
    RemoteBlock.objects.create(user=lin, actor=alice)
    doc = mastodon_actor()
    boost = mastodon_announce(doc, f"https://{DOMAIN}/ap/notes/{note.pk}")
    response = signed_post("/ap/inbox", boost, actor=doc)
    assert response.status_code == 403
    assert response.json()["detail"] == "the note's author blocked the actor"
    assert "the note's author blocked the actor" in caplog.text
    assert not RemoteAnnounce.objects.exists()


def test_a_boost_from_a_blocked_server_is_refused(lin, alice, make_note):
    note = make_note(lin, title="Hotpot")
    services.block_domain(domain="mastodon.example")
    doc = mastodon_actor()
    boost = mastodon_announce(doc, f"https://{DOMAIN}/ap/notes/{note.pk}")
    assert signed_post("/ap/inbox", boost, actor=doc).status_code == 403
    assert not RemoteAnnounce.objects.exists()


def test_a_boost_in_someone_elses_name_is_refused(lin, alice, known_actor, make_note):
    note = make_note(lin, title="Hotpot")
    bob = mastodon_actor("bob")
    known_actor(bob)
    forged = mastodon_announce(mastodon_actor(), f"https://{DOMAIN}/ap/notes/{note.pk}")
    response = signed_post("/ap/inbox", forged, actor=bob)
    assert response.status_code == 403 and not RemoteAnnounce.objects.exists()


def test_a_boost_of_a_remote_note_stores_nothing_new(lin, alice, known_actor):
    doc = mastodon_actor()
    dan = mastodon_actor("dan", host="pixelfed.example")
    dan_actor = known_actor(dan)
    RemoteNote.objects.create(
        uri=f"{dan['id']}/statuses/1", actor=dan_actor, published="2026-12-01T00:00:00Z"
    )
    known = signed_post("/ap/inbox", mastodon_announce(doc, f"{dan['id']}/statuses/1"), actor=doc)
    assert known.status_code == 202 and known.json()["detail"] == "boost of a note kept here"
    unknown = mastodon_announce(doc, f"{dan['id']}/statuses/2", number=111)
    response = signed_post("/ap/inbox", unknown, actor=doc)
    assert response.status_code == 202 and response.json()["detail"].startswith("ignored")
    assert RemoteNote.objects.count() == 1 and not RemoteAnnounce.objects.exists()


def test_boosts_of_a_persons_notes_go_at_erasure(lin, alice, make_note):
    from crossnote.federation import data_rights

    note = make_note(lin, title="Hotpot")
    doc = mastodon_actor()
    boost = mastodon_announce(doc, f"https://{DOMAIN}/ap/notes/{note.pk}")
    assert signed_post("/ap/inbox", boost, actor=doc).status_code == 202
    data_rights.erase(lin)
    assert not RemoteAnnounce.objects.exists()
