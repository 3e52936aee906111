"""Account moves, both ways (crossnote.federation.moving), against a real HTTP peer on loopback:
aliases show as `alsoKnownAs`; moving away needs the new account to name this one, tells remote
followers with a `Move` and switches local followers; an incoming `Move` switches the follows of
people here once the target is verified, and forged, unverified, SSRF-targeted and repeated
moves are refused with their reason."""

import json

import pytest

from crossnote.core.errors import Conflict, InvalidInput, PermissionDenied, RateLimited
from crossnote.federation import moving
from crossnote.federation.models import (
    AccountMove,
    ActorAlias,
    ReceivedMove,
    RemoteActor,
    RemoteFollow,
    RemoteFollower,
)
from crossnote.social.models import Follow
from crossnote.social.services import follow_user
from tests.federation.federation_fixtures import DOMAIN, activity, mastodon_actor, signed_post

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LIN = f"https://{DOMAIN}/ap/users/lin_sh"


def account_at(peer, name: str, also_known_as=()) -> dict:
    """`name` on the peer server: findable through WebFinger, its actor document served (with
    `alsoKnownAs`), its inbox and the shared inbox accepting."""
    base, recorder = peer
    host = base.split("//")[1]
    doc = mastodon_actor(name)
    doc.update(id=f"{base}/users/{name}", inbox=f"{base}/users/{name}/inbox")
    doc["endpoints"] = {"sharedInbox": f"{base}/inbox"}
    doc["publicKey"] = dict(doc["publicKey"], id=f"{doc['id']}#main-key", owner=doc["id"])
    if also_known_as:
        doc["alsoKnownAs"] = list(also_known_as)
    finger = {"links": [{"rel": "self", "type": "application/activity+json", "href": doc["id"]}]}
    recorder.routes[f"/.well-known/webfinger?resource=acct:{name}@{host}"] = (
        200, {}, json.dumps(finger).encode(),
    )  # fmt: skip
    recorder.routes[f"/users/{name}"] = (200, {}, json.dumps(doc).encode())
    recorder.routes[f"/users/{name}/inbox"] = (202, {}, b"")
    recorder.routes["/inbox"] = (202, {}, b"")
    return doc


def sent(recorder, kind: str) -> list[tuple[str, dict]]:
    found = []
    for method, path, _headers, body in recorder.seen:
        if method == "POST" and body and json.loads(body).get("type") == kind:
            found.append((path, json.loads(body)))
    return found


def actor_doc(client, username: str) -> dict:
    answer = client.get(
        f"/ap/users/{username}", HTTP_HOST=DOMAIN, HTTP_ACCEPT="application/activity+json"
    )
    assert answer.status_code == 200
    return answer.json()


# --- moving here: aliases ------------------------------------------------------------------


def test_an_alias_is_published_as_also_known_as_and_can_be_removed(peer, lin, federated, client):
    doc = account_at(peer, "oldlin")
    host = peer[0].split("//")[1]
    alias = moving.add_alias(user=lin, address=f"@oldlin@{host}")
    assert alias.uri == doc["id"] and alias.address == f"@oldlin@{host}"
    assert actor_doc(client, "lin_sh")["alsoKnownAs"] == [doc["id"]]
    assert "alsoKnownAs" in json.dumps(actor_doc(client, "lin_sh")["@context"])
    with pytest.raises(Exception, match="already"):
        moving.add_alias(user=lin, address=f"oldlin@{host}")
    assert moving.remove_alias(user=lin, address=f"oldlin@{host}")
    assert "alsoKnownAs" not in actor_doc(client, "lin_sh")
    assert not moving.remove_alias(user=lin, address=f"oldlin@{host}")


def test_an_alias_that_cannot_be_found_is_a_clear_error(peer, lin, federated):
    host = peer[0].split("//")[1]
    with pytest.raises(Exception, match="could be found"):
        moving.add_alias(user=lin, address=f"nobody@{host}")
    with pytest.raises(InvalidInput):
        moving.add_alias(user=lin, address="not an address")
    assert not ActorAlias.objects.exists()


# --- moving away ---------------------------------------------------------------------------


@pytest.fixture
def lin_with_followers(peer, known_actor, lin, mia):
    """Lin is followed by alice on the peer server and by Mia here."""
    base, recorder = peer
    alice = known_actor(account_at(peer, "alice"))
    RemoteFollower.objects.create(actor=alice, user=lin, activity_id=f"{alice.uri}#follows/1")
    follow_user(follower=mia, followee=lin)
    return recorder


def test_moving_away_needs_the_password_and_the_new_account_naming_this_one(
    peer, lin_with_followers, lin, mia
):
    host = peer[0].split("//")[1]
    account_at(peer, "newlin")  # no alsoKnownAs yet
    with pytest.raises(PermissionDenied):
        moving.move_account(user=lin, address=f"newlin@{host}", password="wrong")
    with pytest.raises(InvalidInput, match="does not name this account"):
        moving.move_account(user=lin, address=f"newlin@{host}", password=PASSWORD)
    assert not AccountMove.objects.exists()
    assert Follow.objects.filter(follower=mia, followee=lin).exists()
    assert sent(lin_with_followers, "Move") == []


def test_moving_away_tells_remote_followers_switches_local_ones_and_stops_posting(
    peer, lin_with_followers, lin, mia, client, make_note, django_capture_on_commit_callbacks
):
    host = peer[0].split("//")[1]
    new = account_at(peer, "newlin", also_known_as=[LIN])
    with django_capture_on_commit_callbacks(execute=True):
        move = moving.move_account(user=lin, address=f"@newlin@{host}", password=PASSWORD)
    assert (move.target_uri, move.local_followers, move.remote_followers) == (new["id"], 1, 1)
    # The remote follower's server got a Move (object: Lin here, target: the new account).
    [(path, activity_sent)] = sent(lin_with_followers, "Move")
    assert path == "/inbox"
    assert (activity_sent["actor"], activity_sent["object"], activity_sent["target"]) == (
        LIN, LIN, new["id"],
    )  # fmt: skip
    # Mia now follows the new account (a signed Follow went there) and no longer Lin here.
    assert RemoteFollow.objects.get(user=mia).actor.uri == new["id"]
    assert ("/users/newlin/inbox", new["id"]) in [
        (p, a["object"]) for p, a in sent(lin_with_followers, "Follow")
    ]
    assert not Follow.objects.filter(follower=mia, followee=lin).exists()
    assert actor_doc(client, "lin_sh")["movedTo"] == new["id"]
    # A moved account cannot post here, with a message that says where to post.
    with pytest.raises(PermissionDenied, match="moved to"):
        make_note(lin, title="Still here?")
    from crossnote.notes.models import Comment
    from crossnote.notes.services import add_comment

    with pytest.raises(PermissionDenied, match="moved to"):
        add_comment(author=lin, note=make_note(mia, title="Mia's"), body="Still here?")
    assert not Comment.objects.filter(author=lin).exists()
    # One move per 30 days.
    with pytest.raises(RateLimited):
        moving.move_account(user=lin, address=f"@newlin@{host}", password=PASSWORD)

    # The redirect can be cancelled (password again): posting works, movedTo goes, the servers of
    # followers elsewhere get an Update of the actor; the cooldown stays; Mia stays moved.
    with pytest.raises(PermissionDenied):
        moving.cancel_move(user=lin, password="wrong")
    with django_capture_on_commit_callbacks(execute=True):
        moving.cancel_move(user=lin, password=PASSWORD)
    assert "movedTo" not in actor_doc(client, "lin_sh")
    [(path, update)] = sent(lin_with_followers, "Update")
    assert path == "/inbox" and update["object"]["id"] == LIN and "movedTo" not in update["object"]
    assert make_note(lin, title="Back again").pk
    assert RemoteFollow.objects.get(user=mia).actor.uri == new["id"]
    with pytest.raises(RateLimited):
        moving.move_account(user=lin, address=f"@newlin@{host}", password=PASSWORD)
    with pytest.raises(Conflict):
        moving.cancel_move(user=lin, password=PASSWORD)


# --- receiving a Move --------------------------------------------------------------------


@pytest.fixture
def alice_followed_by_lin(peer, known_actor, lin):
    """alice on the peer server, followed by Lin (accepted)."""
    doc = account_at(peer, "alice")
    alice = known_actor(doc)
    RemoteFollow.objects.create(
        user=lin, actor=alice, activity_id=f"{LIN}#follow/1", state=RemoteFollow.State.ACCEPTED
    )
    return doc


def move_of(doc, target: str, suffix="1", obj=None) -> dict:
    body = activity(doc, "Move", obj or doc["id"], suffix)
    body["target"] = target
    return body


def post_move(doc, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return signed_post("/ap/inbox", body, actor=doc, key_owner="alice@mastodon.example")


def test_an_incoming_move_switches_followers_here_to_the_new_account(
    peer, alice_followed_by_lin, lin, client, django_capture_on_commit_callbacks
):
    doc = alice_followed_by_lin
    new = account_at(peer, "newalice", also_known_as=[doc["id"]])
    answer = post_move(doc, move_of(doc, new["id"]), django_capture_on_commit_callbacks)
    assert answer.status_code == 202, answer.content
    assert "1 follower" in answer.json()["detail"]
    follow = RemoteFollow.objects.get(user=lin)
    assert follow.actor.uri == new["id"] and follow.state == RemoteFollow.State.PENDING
    recorder = peer[1]
    assert [a["object"] for p, a in sent(recorder, "Follow")] == [new["id"]]
    [(path, undo)] = sent(recorder, "Undo")
    assert path == "/users/alice/inbox" and undo["object"]["object"] == doc["id"]
    assert RemoteActor.objects.get(uri=doc["id"]).moved_to == new["id"]
    assert ReceivedMove.objects.get().followers_moved == 1
    # The old account's page here says where they went, linking to the new one's page.
    page = client.get(f"/elsewhere/people/{RemoteActor.objects.get(uri=doc['id']).pk}/")
    new_here = RemoteActor.objects.get(uri=new["id"])
    assert f"This account has moved to {new_here.address}" in page.content.decode()
    assert f"/elsewhere/people/{new_here.pk}/" in page.content.decode()


def test_a_second_move_within_a_week_is_refused(
    peer, alice_followed_by_lin, lin, django_capture_on_commit_callbacks, caplog
):
    doc = alice_followed_by_lin
    new = account_at(peer, "newalice", also_known_as=[doc["id"]])
    assert (
        post_move(doc, move_of(doc, new["id"]), django_capture_on_commit_callbacks).status_code
        == 202
    )
    other = account_at(peer, "otheralice", also_known_as=[doc["id"]])
    again = post_move(doc, move_of(doc, other["id"], "2"), django_capture_on_commit_callbacks)
    assert again.status_code == 429 and "7 days" in again.json()["detail"]
    assert "7 days" in caplog.text


@pytest.mark.parametrize(
    ("make", "status", "reason"),
    [
        # the new account does not name the old one
        (lambda peer, doc: move_of(doc, account_at(peer, "stranger")["id"]), 422, "alsoKnownAs"),
        # someone else's account moved by alice (a forged Move)
        (lambda peer, doc: move_of(doc, "https://mastodon.example/users/x",
                                   obj="https://mastodon.example/users/bob"), 403, "own actor"),
        # an SSRF target: a private address is never fetched
        (lambda peer, doc: move_of(doc, "https://10.0.0.7/users/alice"), 422, "non-public"),
        (lambda peer, doc: move_of(doc, "http://169.254.169.254/latest"), 422, "non-public"),
        # no target
        (lambda peer, doc: {**move_of(doc, ""), "target": None}, 400, "target"),
    ],
)  # fmt: skip
def test_a_forged_or_unverified_move_is_refused_and_nothing_changes(
    peer,
    alice_followed_by_lin,
    lin,
    make,
    status,
    reason,
    django_capture_on_commit_callbacks,
    caplog,
):
    doc = alice_followed_by_lin
    answer = post_move(doc, make(peer, doc), django_capture_on_commit_callbacks)
    assert answer.status_code == status, answer.content
    assert reason in answer.json()["detail"] and reason in caplog.text
    assert RemoteFollow.objects.get(user=lin).actor.uri == doc["id"]
    assert not ReceivedMove.objects.exists()
    assert sent(peer[1], "Follow") == [] and sent(peer[1], "Undo") == []


def test_an_unsigned_move_is_refused(peer, alice_followed_by_lin, lin):
    doc = alice_followed_by_lin
    body = move_of(doc, "https://mastodon.example/users/x")
    answer = signed_post(
        "/ap/inbox", body, actor=doc, key_owner="alice@mastodon.example",
        spoil=lambda h: h.pop("Signature"),
    )  # fmt: skip
    assert answer.status_code == 401
    assert RemoteFollow.objects.get(user=lin).actor.uri == doc["id"]


def test_a_move_to_a_person_here_makes_followers_here_follow_them_locally(
    peer, alice_followed_by_lin, lin, mia, django_capture_on_commit_callbacks
):
    """alice moved to Mia on this server: Lin, who followed alice, now follows Mia here."""
    doc = alice_followed_by_lin
    mia_uri = f"https://{DOMAIN}/ap/users/mia_ms"
    refused = post_move(doc, move_of(doc, mia_uri), django_capture_on_commit_callbacks)
    assert refused.status_code == 422 and "alsoKnownAs" in refused.json()["detail"]
    ActorAlias.objects.create(user=mia, uri=doc["id"], address="@alice@peer")
    answer = post_move(doc, move_of(doc, mia_uri, "2"), django_capture_on_commit_callbacks)
    assert answer.status_code == 202, answer.content
    assert Follow.objects.filter(follower=lin, followee=mia).exists()
    assert not RemoteFollow.objects.filter(user=lin).exists()
    assert RemoteActor.objects.get(uri=doc["id"]).moved_to == mia_uri
