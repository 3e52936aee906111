"""The inboxes: Mastodon- and Pixelfed-shaped activities signed with real keys are verified and
applied; hostile ones (unsigned, badly signed, forged actor, replayed, oversize, from a blocked
server) are refused with a 4xx and their reason, and nothing of theirs is stored."""

import json

import pytest

from crossnote.federation.models import (
    RemoteActor,
    RemoteFollow,
    RemoteFollower,
    RemoteLike,
    RemoteNote,
    SeenActivity,
)
from crossnote.federation.services import block_domain
from tests.conftest import make_user
from tests.federation.federation_fixtures import (
    DOMAIN,
    activity,
    mastodon_actor,
    mastodon_note,
    signed_post,
)

pytestmark = pytest.mark.django_db

LIN = f"https://{DOMAIN}/ap/users/lin_sh"


@pytest.fixture
def alice(known_actor):
    return known_actor()


def follow_of(doc, suffix="1"):
    return activity(doc, "Follow", LIN, suffix)


def test_a_mastodon_follow_is_verified_stored_and_answered(lin, alice, caplog):
    doc = mastodon_actor()
    response = signed_post("/ap/users/lin_sh/inbox", follow_of(doc), actor=doc)
    assert response.status_code == 202, response.content
    assert RemoteFollower.objects.get(user=lin).actor == alice
    assert SeenActivity.objects.filter(activity_id=follow_of(doc)["id"]).exists()
    # The actor document's HTML was sanitised when it was kept.
    alice.refresh_from_db()
    assert "<script" not in alice.summary and "javascript:" not in alice.summary
    assert "<script" not in alice.name and alice.shared_inbox == "https://mastodon.example/inbox"


def test_the_shared_inbox_takes_the_same_follow(lin, alice):
    doc = mastodon_actor()
    assert signed_post("/ap/inbox", follow_of(doc), actor=doc).status_code == 202
    assert RemoteFollower.objects.filter(user=lin, actor=alice).exists()


def test_a_replayed_activity_is_refused(lin, alice, caplog):
    doc = mastodon_actor()
    assert signed_post("/ap/inbox", follow_of(doc), actor=doc).status_code == 202
    RemoteFollower.objects.all().delete()
    again = signed_post("/ap/inbox", follow_of(doc), actor=doc)
    assert again.status_code == 403 and "replay" in again.json()["detail"]
    assert not RemoteFollower.objects.exists()
    assert "already received (a replay)" in caplog.text


@pytest.mark.parametrize(
    ("spoil", "status", "reason"),
    [
        (lambda h: h.pop("Signature"), 401, "not signed"),
        (lambda h: h.update(Signature=h["Signature"].replace('signature="', 'signature="AB')),
         401, "does not match"),
        (lambda h: h.update(Digest="SHA-256=AAAA"), 401, "Digest does not match"),
        (lambda h: h.update(Date="Mon, 01 Jan 2024 00:00:00 GMT"), 401, "outside the accepted window"),
    ],
)  # fmt: skip
def test_a_badly_signed_follow_is_refused_and_nothing_is_stored(
    lin, alice, spoil, status, reason, caplog
):
    doc = mastodon_actor()
    response = signed_post("/ap/inbox", follow_of(doc), actor=doc, spoil=spoil)
    assert response.status_code == status and reason in response.json()["detail"]
    assert not RemoteFollower.objects.exists() and not SeenActivity.objects.exists()
    assert reason in caplog.text  # the refusal is logged with its reason


def test_a_forged_actor_is_refused(lin, alice, known_actor):
    bob = mastodon_actor("bob")
    known_actor(bob)
    forged = follow_of(bob)  # says it is Bob's, signed with Alice's key
    response = signed_post("/ap/inbox", forged, actor=mastodon_actor())
    assert response.status_code == 403
    assert "not the owner of the signing key" in response.json()["detail"]
    assert not RemoteFollower.objects.exists()


def test_an_activity_id_on_another_server_is_refused(lin, alice):
    doc = mastodon_actor()
    forged = dict(follow_of(doc), id="https://elsewhere.example/activities/1")
    response = signed_post("/ap/inbox", forged, actor=doc)
    assert response.status_code == 403 and "not on the actor's server" in response.json()["detail"]


def test_an_oversize_body_is_refused(lin, alice, federated):
    federated.CROSSNOTE_FEDERATION_MAX_BYTES = 2000
    doc = mastodon_actor()
    big = dict(follow_of(doc), padding="x" * 5000)
    response = signed_post("/ap/inbox", big, actor=doc)
    assert response.status_code == 413
    assert not RemoteFollower.objects.exists()


def test_not_json_is_400(lin, alice):
    response = signed_post("/ap/inbox", b"{not json", actor=mastodon_actor())
    assert response.status_code == 400 and response.json()["detail"] == "the body is not JSON"


def test_a_blocked_server_is_refused(lin, alice, caplog):
    block_domain(domain="mastodon.example", reason="spam")
    doc = mastodon_actor()
    response = signed_post("/ap/inbox", follow_of(doc), actor=doc)
    assert response.status_code == 403 and "blocked" in response.json()["detail"]
    assert not RemoteFollower.objects.exists()


def test_an_unknown_key_that_cannot_be_fetched_is_refused(lin, federated):
    doc = mastodon_actor(host="unreachable.invalid")
    response = signed_post("/ap/inbox", follow_of(doc), actor=doc)
    assert response.status_code == 401
    assert "cannot be fetched" in response.json()["detail"]
    assert not RemoteActor.objects.exists()


def test_federation_off_answers_404(lin, federated):
    federated.CROSSNOTE_FEDERATION_DOMAIN = ""
    doc = mastodon_actor()
    assert signed_post("/ap/inbox", follow_of(doc), actor=doc).status_code == 404


def _follow(user, actor):
    return RemoteFollow.objects.create(
        user=user, actor=actor, activity_id=f"https://{DOMAIN}/f/{user.pk}", state="accepted"
    )


def test_a_followed_persons_note_is_stored_sanitised_and_unfollowed_ones_are_not(lin, alice):
    doc = mastodon_actor()
    hostile = '<p>Hi <script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:x">l</a> <a href="https://ok.example">ok</a></p>'
    create = activity(doc, "Create", mastodon_note(doc, content=hostile), "c1")
    response = signed_post("/ap/inbox", create, actor=doc)
    assert response.status_code == 202 and "nobody here follows" in response.json()["detail"]
    assert not RemoteNote.objects.exists()

    _follow(lin, alice)
    create = activity(doc, "Create", mastodon_note(doc, content=hostile), "c2")
    assert signed_post("/ap/inbox", create, actor=doc).status_code == 202
    note = RemoteNote.objects.get()
    assert "<script" not in note.content and "onerror" not in note.content
    assert "javascript:" not in note.content and 'href="https://ok.example"' in note.content
    assert note.text.startswith("Hi") and note.language == "en" and note.hashtags == ["cats"]
    assert note.attachments[0]["name"] == "A cat on a sofa"


def test_update_and_delete_of_a_note_by_its_author_only(lin, alice, known_actor):
    doc = mastodon_actor()
    _follow(lin, alice)
    signed_post("/ap/inbox", activity(doc, "Create", mastodon_note(doc), "c"), actor=doc)
    edited = mastodon_note(doc, content="<p>Edited</p>")
    assert (
        signed_post("/ap/inbox", activity(doc, "Update", edited, "u"), actor=doc).status_code == 202
    )
    assert RemoteNote.objects.get().text == "Edited"

    bob = mastodon_actor("bob")
    known_actor(bob)
    steal = activity(bob, "Delete", edited["id"], "d")
    assert signed_post("/ap/inbox", steal, actor=bob).json()["detail"] == "ignored: unknown note"
    assert RemoteNote.objects.exists()
    tombstone = {"id": edited["id"], "type": "Tombstone"}
    assert (
        signed_post("/ap/inbox", activity(doc, "Delete", tombstone, "d"), actor=doc).status_code
        == 202
    )
    assert not RemoteNote.objects.exists()


def test_a_note_attributed_to_someone_else_is_refused(lin, alice):
    doc = mastodon_actor()
    _follow(lin, alice)
    note = mastodon_note(doc, attributedTo="https://mastodon.example/users/bob")
    response = signed_post("/ap/inbox", activity(doc, "Create", note, "x"), actor=doc)
    assert response.status_code == 403 and not RemoteNote.objects.exists()


def test_a_pixelfed_photo_post_is_stored_with_its_alt_text(lin, known_actor):
    doc = mastodon_actor("dan", host="pixelfed.example")
    doc["endpoints"] = {"sharedInbox": "https://pixelfed.example/f/inbox"}
    actor = known_actor(doc)
    _follow(lin, actor)
    post = {
        "id": "https://pixelfed.example/p/dan/700",
        "type": "Note",
        "summary": "food",
        "content": "Dumplings <a href=\"https://pixelfed.example/discover/tags/food\">#food</a>",
        "inReplyTo": None,
        "published": "2026-12-02T08:00:00+00:00",
        "url": "https://pixelfed.example/p/dan/700",
        "attributedTo": doc["id"],
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": [f"{doc['id']}/followers"],
        "sensitive": True,
        "attachment": [
            {"type": "Image", "mediaType": "image/jpeg", "url": "https://pixelfed.example/storage/m/1.jpg",
             "name": "Twelve dumplings in a bamboo steamer", "blurhash": "U00000fQfQfQfQfQfQfQfQfQfQfQ"},
        ],
        "tag": [{"type": "Hashtag", "href": "https://pixelfed.example/discover/tags/food", "name": "#food"}],
        "commentsEnabled": True,
        "capabilities": {"announce": "https://www.w3.org/ns/activitystreams#Public"},
    }  # fmt: skip
    assert (
        signed_post("/ap/inbox", activity(doc, "Create", post, "p"), actor=doc).status_code == 202
    )
    note = RemoteNote.objects.get()
    assert note.sensitive and note.summary == "food" and note.hashtags == ["food"]
    assert note.attachments == [
        {
            "url": "https://pixelfed.example/storage/m/1.jpg",
            "media_type": "image/jpeg",
            "name": "Twelve dumplings in a bamboo steamer",
        }
    ]


def test_a_like_of_a_local_note_is_stored_and_undone(lin, alice, make_note):
    note = make_note(lin, title="Hotpot")
    doc = mastodon_actor()
    like = activity(doc, "Like", f"https://{DOMAIN}/ap/notes/{note.pk}", "l")
    assert signed_post("/ap/inbox", like, actor=doc).status_code == 202
    assert RemoteLike.objects.get().note == note
    assert signed_post("/ap/inbox", activity(doc, "Undo", like, "ul"), actor=doc).status_code == 202
    assert not RemoteLike.objects.exists()


def test_undo_follow_removes_the_follower(lin, alice):
    doc = mastodon_actor()
    follow = follow_of(doc)
    signed_post("/ap/inbox", follow, actor=doc)
    assert (
        signed_post("/ap/inbox", activity(doc, "Undo", follow, "u"), actor=doc).status_code == 202
    )
    assert not RemoteFollower.objects.exists()


def test_accept_marks_our_follow_accepted_and_only_from_its_target(lin, alice, known_actor):
    pending = RemoteFollow.objects.create(
        user=lin, actor=alice, activity_id=f"https://{DOMAIN}/ap/users/lin_sh#follow/1"
    )
    bob = mastodon_actor("bob")
    known_actor(bob)
    original = {"id": pending.activity_id, "type": "Follow", "actor": LIN, "object": alice.uri}
    signed_post("/ap/inbox", activity(bob, "Accept", original, "a"), actor=bob)
    pending.refresh_from_db()
    assert pending.state == "pending"  # Bob cannot accept a follow of Alice
    doc = mastodon_actor()
    assert (
        signed_post("/ap/inbox", activity(doc, "Accept", original, "a"), actor=doc).status_code
        == 202
    )
    pending.refresh_from_db()
    assert pending.state == "accepted"


def test_unknown_activity_types_are_accepted_and_ignored(lin, alice):
    doc = mastodon_actor()
    response = signed_post("/ap/inbox", activity(doc, "Add", "https://x.example/u", "m"), actor=doc)
    assert response.status_code == 202 and "not handled yet" in response.json()["detail"]


def test_discovery_documents(client, lin, federated):
    finger = client.get(f"/.well-known/webfinger?resource=acct:lin_sh@{DOMAIN}", HTTP_HOST=DOMAIN)
    assert finger.status_code == 200
    assert finger.json()["links"][0] == {
        "rel": "self",
        "type": "application/activity+json",
        "href": LIN,
    }
    assert (
        client.get(
            "/.well-known/webfinger?resource=acct:nobody@" + DOMAIN, HTTP_HOST=DOMAIN
        ).status_code
        == 404
    )
    assert (
        client.get(
            "/.well-known/webfinger?resource=acct:lin_sh@other.example", HTTP_HOST=DOMAIN
        ).status_code
        == 404
    )
    links = client.get("/.well-known/nodeinfo", HTTP_HOST=DOMAIN).json()["links"]
    info = client.get(links[0]["href"].replace(f"https://{DOMAIN}", ""), HTTP_HOST=DOMAIN).json()
    assert info["version"] == "2.1" and info["protocols"] == ["activitypub"]
    assert info["usage"]["users"]["total"] == 1
    assert "lrdd" in client.get("/.well-known/host-meta", HTTP_HOST=DOMAIN).content.decode()
    person = client.get(
        "/ap/users/lin_sh", HTTP_HOST=DOMAIN, HTTP_ACCEPT="application/activity+json"
    )
    assert person["Content-Type"] == "application/activity+json"
    doc = json.loads(person.content)
    assert doc["type"] == "Person" and doc["inbox"] == f"{LIN}/inbox"
    assert doc["publicKey"]["owner"] == LIN and doc["endpoints"]["sharedInbox"].endswith(
        "/ap/inbox"
    )
    # The key is made once and kept.
    again = json.loads(client.get("/ap/users/lin_sh", HTTP_HOST=DOMAIN).content)
    assert again["publicKey"]["publicKeyPem"] == doc["publicKey"]["publicKeyPem"]


def test_everything_is_404_while_federation_is_off(client, lin, settings):
    settings.CROSSNOTE_FEDERATION_DOMAIN = ""
    for path in ("/.well-known/webfinger?resource=acct:lin@x", "/.well-known/nodeinfo",
                 "/ap/users/lin", "/nodeinfo/2.1", "/.well-known/host-meta"):  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_a_private_note_is_not_served_and_a_public_one_is(client, lin, make_note, federated):
    public = make_note(lin, title="Open", body="hello #cats")
    private = make_note(make_user("ann"), title="Mine", visibility="private")
    assert client.get(f"/ap/notes/{private.pk}", HTTP_HOST=DOMAIN).status_code == 404
    doc = json.loads(client.get(f"/ap/notes/{public.pk}", HTTP_HOST=DOMAIN).content)
    assert doc["type"] == "Note" and doc["attributedTo"] == LIN
    assert doc["tag"][0]["name"] == "#cats" and doc["attachment"][0]["type"] == "Image"


def test_remote_notes_pass_the_local_moderation_pipeline(lin, alice):
    doc = mastodon_actor()
    _follow(lin, alice)
    abusive = mastodon_note(doc, number=5, content="<p>楼上那个傻逼又在装修</p>")
    abusive["contentMap"] = {"zh": abusive["content"]}
    assert (
        signed_post("/ap/inbox", activity(doc, "Create", abusive, "m1"), actor=doc).status_code
        == 202
    )
    kind = mastodon_note(doc, number=6, content="<p>Lovely weather for a walk</p>")
    assert (
        signed_post("/ap/inbox", activity(doc, "Create", kind, "m2"), actor=doc).status_code == 202
    )
    held = RemoteNote.objects.get(uri=abusive["id"])
    assert held.moderation == "hold" and held.moderation_category
    assert RemoteNote.objects.get(uri=kind["id"]).moderation == "allow"
    from crossnote.federation.selectors import notes_of

    assert [n.uri for n in notes_of(alice)] == [kind["id"]]
