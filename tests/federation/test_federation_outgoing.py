"""Outgoing: a local note reaches its author's remote followers as a Pixelfed-shaped `Note` (one
delivery per server), an edit as Update, a removal as Delete; private notes never leave; follows
and likes of remote people send signed activities; the REST API, the CLI and the pages."""

import json

import pytest
from django.core.management import call_command

from crossnote.federation import services
from crossnote.federation.models import DomainBlock, RemoteFollow, RemoteFollower, RemoteNote
from tests.federation.federation_fixtures import DOMAIN, mastodon_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower_at_peer(peer, known_actor, lin):
    """Two remote people on the peer server follow Lin; both share one inbox."""
    base, recorder = peer
    actors = []
    for name in ("alice", "bob"):
        doc = mastodon_actor(name)
        doc["inbox"] = f"{base}/users/{name}/inbox"
        doc["endpoints"] = {"sharedInbox": f"{base}/inbox"}
        actor = known_actor(doc)
        RemoteFollower.objects.create(actor=actor, user=lin, activity_id=f"{doc['id']}#f")
        actors.append(actor)
    recorder.routes["/inbox"] = (202, {}, b"")
    return recorder


def posted(recorder, kind):
    return [
        json.loads(body) for _m, path, _h, body in recorder.seen if json.loads(body)["type"] == kind
    ]


def test_a_new_note_goes_to_remote_followers_once_per_server_shaped_like_pixelfeds(
    follower_at_peer, lin, make_note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = make_note(
            lin,
            title="Hotpot night",
            body="Spicy broth #hotpot",
            alt_texts=["A red pot"],
        )
    creates = posted(follower_at_peer, "Create")
    assert len(creates) == 1  # two followers, one shared inbox
    obj = creates[0]["object"]
    assert obj["id"] == f"https://{DOMAIN}/ap/notes/{note.pk}"
    assert obj["attributedTo"] == f"https://{DOMAIN}/ap/users/lin_sh"
    assert obj["to"] == ["https://www.w3.org/ns/activitystreams#Public"]
    assert obj["attachment"][0]["name"] == "A red pot"
    assert obj["attachment"][0]["url"].startswith(f"https://{DOMAIN}/media/")
    assert obj["tag"][0]["name"] == "#hotpot"
    assert obj["sensitive"] is False and "Hotpot night" in obj["content"]
    assert list(obj["contentMap"]) == [note.language.split("-")[0]] if note.language else True

    from crossnote.notes.services import delete_note, update_note

    with django_capture_on_commit_callbacks(execute=True):
        update_note(user=lin, note=note, body="Even spicier")
    assert "Even spicier" in posted(follower_at_peer, "Update")[0]["object"]["content"]
    with django_capture_on_commit_callbacks(execute=True):
        delete_note(user=lin, note=note)
    deleted = posted(follower_at_peer, "Delete")[0]
    assert deleted["object"] == {"id": obj["id"], "type": "Tombstone"}


def test_a_private_note_never_leaves(
    follower_at_peer, lin, make_note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_note(lin, title="Diary", visibility="private")
    assert follower_at_peer.seen == []


def test_a_followers_only_note_is_addressed_to_followers(
    follower_at_peer, lin, make_note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_note(lin, title="Friends only", visibility="followers")
    obj = posted(follower_at_peer, "Create")[0]["object"]
    assert obj["to"] == [f"https://{DOMAIN}/ap/users/lin_sh/followers"] and obj["cc"] == []


def test_nothing_is_sent_to_a_blocked_server(
    follower_at_peer, lin, make_note, django_capture_on_commit_callbacks
):
    DomainBlock.objects.create(domain="mastodon.example")
    with django_capture_on_commit_callbacks(execute=True):
        make_note(lin, title="Hello")
    assert follower_at_peer.seen == []


def test_follow_unfollow_like_send_signed_activities(
    peer, known_actor, mia, client_for, django_capture_on_commit_callbacks
):
    base, recorder = peer
    doc = mastodon_actor("carol")
    doc["inbox"] = f"{base}/users/carol/inbox"
    actor = known_actor(doc)
    recorder.routes["/users/carol/inbox"] = (202, {}, b"")
    client = client_for(mia)

    class Api:  # each call's deliveries run when its transaction commits
        def __getattr__(self, method):
            def call(*args, **kwargs):
                with django_capture_on_commit_callbacks(execute=True):
                    return getattr(client, method)(*args, **kwargs)

            return call

    api = Api()
    response = api.post(f"/api/v1/federation/actors/{actor.pk}/follow")
    assert response.status_code == 200 and response.json() == {
        "following": True,
        "state": "pending",
    }
    follow = json.loads(recorder.seen[-1][3])
    assert follow["type"] == "Follow" and follow["object"] == actor.uri
    assert "Signature" in recorder.seen[-1][2]
    assert api.post(f"/api/v1/federation/actors/{actor.pk}/follow").status_code == 409
    note = RemoteNote.objects.create(
        uri=f"{actor.uri}/statuses/9", actor=actor, published="2026-12-01T00:00:00Z"
    )
    liked = api.post(f"/api/v1/federation/notes/{note.pk}/like")
    assert liked.json() == {"liked": True, "like_count": 1}
    assert json.loads(recorder.seen[-1][3])["object"] == note.uri
    assert api.delete(f"/api/v1/federation/notes/{note.pk}/like").json()["like_count"] == 0
    assert json.loads(recorder.seen[-1][3])["object"]["type"] == "Like"
    assert api.delete(f"/api/v1/federation/actors/{actor.pk}/follow").status_code == 200
    undo = json.loads(recorder.seen[-1][3])
    assert undo["type"] == "Undo" and undo["object"]["id"] == follow["id"]
    assert not RemoteFollow.objects.exists()


def test_lookup_refuses_bad_addresses_with_a_message(mia, client_for, federated):
    api = client_for(mia)
    bad = api.post(
        "/api/v1/federation/lookup", {"address": "not an address"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["field"] == "address"
    missing = api.post(
        "/api/v1/federation/lookup",
        {"address": "@x@unreachable.invalid"},
        content_type="application/json",
    )
    assert missing.status_code == 404
    DomainBlock.objects.create(domain="spam.example")
    blocked = api.post(
        "/api/v1/federation/lookup", {"address": "@x@spam.example"}, content_type="application/json"
    )
    assert blocked.status_code == 403


def test_lookup_while_off_is_404(mia, client_for):
    response = client_for(mia).post(
        "/api/v1/federation/lookup", {"address": "@x@a.example"}, content_type="application/json"
    )
    assert response.status_code == 404 and "not enabled" in response.json()["detail"]


def test_domain_blocks_api_is_staff_only(mia, client_for, federated):
    api = client_for(mia)
    assert api.get("/api/v1/federation/domain-blocks").status_code == 403
    mia.is_staff = True
    mia.save()
    made = api.post(
        "/api/v1/federation/domain-blocks",
        {"domain": "Spam.Example", "reason": "spam"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["domain"] == "spam.example"
    assert [b["domain"] for b in api.get("/api/v1/federation/domain-blocks").json()] == [
        "spam.example"
    ]
    bad = api.post(
        "/api/v1/federation/domain-blocks", {"domain": "no spaces"}, content_type="application/json"
    )
    assert bad.status_code == 400
    imported = api.post(
        "/api/v1/federation/domain-blocks/import",
        {"csv": "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n"
                "bad.example,suspend,true,true,harassment,false\nmeh.example,noop,,,,\n"
                "quiet.example,silence,false,false,,false\nnot a domain,suspend,,,,\n"},
        content_type="application/json",
    )  # fmt: skip
    assert imported.json() == {
        "blocked": 2,
        "problems": ["line 5: Give a domain name, like example.social."],
    }
    assert DomainBlock.objects.get(domain="bad.example").reason == "harassment"
    assert api.delete("/api/v1/federation/domain-blocks/spam.example").status_code == 204
    assert api.delete("/api/v1/federation/domain-blocks/spam.example").status_code == 404
    assert services.is_blocked("sub.bad.example") and not services.is_blocked("good.example")


def test_cli_blocks_unblocks_lists_and_imports(tmp_path, db, capsys):
    call_command("federation", "block", "spam.example", "--reason", "spam")
    path = tmp_path / "blocks.csv"
    path.write_text("#domain,#severity\nworse.example,suspend\n")
    call_command("federation", "import-blocks", str(path))
    call_command("federation", "blocks")
    out = capsys.readouterr().out
    assert "blocked spam.example" in out and "blocked 1 domains" in out
    assert "spam.example\tsuspend  spam" in out and "worse.example\tsuspend" in out
    call_command("federation", "unblock", "spam.example")
    assert list(DomainBlock.objects.values_list("domain", flat=True)) == ["worse.example"]
    call_command("federation", "status")
    assert "federation: off" in capsys.readouterr().out


def test_a_blocked_servers_people_and_notes_are_hidden(known_actor, mia, client_for, lin):
    actor = known_actor()
    RemoteNote.objects.create(uri=f"{actor.uri}/statuses/1", actor=actor, text="hi", content="<p>hi</p>",
                              published="2026-12-01T00:00:00Z")  # fmt: skip
    page = client_for(mia).get(f"/elsewhere/people/{actor.pk}/")
    assert page.status_code == 200 and "<p>hi</p>" in page.content.decode()
    assert client_for(mia).get(f"/api/v1/federation/actors/{actor.pk}/notes").json()["items"]
    services.block_domain(domain="mastodon.example")
    assert client_for(mia).get(f"/elsewhere/people/{actor.pk}/").status_code == 404
    assert client_for(mia).get(f"/api/v1/federation/actors/{actor.pk}/notes").status_code == 404


def test_the_elsewhere_page_shows_a_form_error_for_a_bad_address(mia, client_for, known_actor):
    client = client_for(mia)
    RemoteFollower.objects.create(actor=known_actor(), user=mia, activity_id="https://m.example/f")
    page = client.get("/elsewhere/").content.decode()
    assert f"@mia_ms@{DOMAIN}" in page and "1 person on other servers follows you" in page
    response = client.post("/elsewhere/", {"address": "nobody"})
    assert response.status_code == 400
    assert "Write the address as @name@server.example." in response.content.decode()


def test_a_remote_note_is_translated_through_the_language_bridge(
    known_actor, mia, client_for, settings
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    actor = known_actor()
    note = RemoteNote.objects.create(uri=f"{actor.uri}/statuses/2", actor=actor, text="你好", language="zh",
                                     content="<p>你好</p>", published="2026-12-01T00:00:00Z")  # fmt: skip
    answer = client_for(mia).get(f"/api/v1/federation/notes/{note.pk}/translation?target=en")
    assert answer.status_code == 200, answer.content
    assert answer.json()["source"] == "zh" and answer.json()["backend"] == "dictionary"
    assert answer.json()["text"]
    page = client_for(mia).get(f"/elsewhere/people/{actor.pk}/?translate=1")
    assert 'data-testid="remote-translation"' in page.content.decode()


def carol_at(peer):
    """carol on the peer server, findable through WebFinger, with an inbox that accepts."""
    base, recorder = peer
    host = base.split("//")[1]
    doc = mastodon_actor("carol")
    doc.update(id=f"{base}/users/carol", inbox=f"{base}/users/carol/inbox")
    doc["publicKey"] = dict(doc["publicKey"], id=f"{base}/users/carol#main-key", owner=doc["id"])
    finger = {"links": [{"rel": "self", "type": "application/activity+json", "href": doc["id"]}]}
    recorder.routes[f"/.well-known/webfinger?resource=acct:carol@{host}"] = (
        200, {}, json.dumps(finger).encode(),
    )  # fmt: skip
    recorder.routes["/users/carol"] = (200, {}, json.dumps(doc).encode())
    recorder.routes["/users/carol/inbox"] = (202, {}, b"")
    return recorder, host, doc


def test_an_imported_follow_of_a_remote_address_sends_a_follow(
    peer, mia, federated, django_capture_on_commit_callbacks
):
    """portability's follows import fires REMOTE_FOLLOW_REQUESTED; federation looks the address
    up (WebFinger) and sends a signed Follow; True when it did, False when it could not."""
    from crossnote.core import hooks

    recorder, host, doc = carol_at(peer)
    with django_capture_on_commit_callbacks(execute=True):
        answers = hooks.collect(hooks.REMOTE_FOLLOW_REQUESTED, user=mia, address=f"carol@{host}")
    assert answers == [True]
    assert RemoteFollow.objects.get(user=mia).actor.uri == doc["id"]
    sent = json.loads(recorder.seen[-1][3])
    assert (recorder.seen[-1][1], sent["type"], sent["object"]) == (
        "/users/carol/inbox", "Follow", doc["id"],
    )  # fmt: skip
    assert hooks.collect(hooks.REMOTE_FOLLOW_REQUESTED, user=mia, address=f"nobody@{host}") == [
        False
    ]
    federated.CROSSNOTE_FEDERATION_DOMAIN = ""
    assert hooks.collect(hooks.REMOTE_FOLLOW_REQUESTED, user=mia, address=f"carol@{host}") == []


def test_an_imported_block_of_a_remote_address_blocks_them_both_ways(
    peer, mia, federated, django_capture_on_commit_callbacks
):
    """portability's blocks import fires REMOTE_BLOCK_REQUESTED: mia stops following carol
    (Undo), carol stops following mia, carol's server is told (Block), and carol's next follow
    request is rejected."""
    from crossnote.core import hooks
    from crossnote.federation import inbox
    from crossnote.federation.models import RemoteBlock

    recorder, host, doc = carol_at(peer)
    with django_capture_on_commit_callbacks(execute=True):
        assert hooks.collect(hooks.REMOTE_FOLLOW_REQUESTED, user=mia, address=f"carol@{host}")
    carol = RemoteFollow.objects.get(user=mia).actor
    RemoteFollower.objects.create(actor=carol, user=mia, activity_id=f"{doc['id']}#follows/1")

    with django_capture_on_commit_callbacks(execute=True):
        answers = hooks.collect(hooks.REMOTE_BLOCK_REQUESTED, user=mia, address=f"carol@{host}")
    assert answers == [True]
    assert RemoteBlock.objects.filter(user=mia, actor=carol).exists()
    assert not RemoteFollow.objects.filter(user=mia).exists()
    assert not RemoteFollower.objects.filter(user=mia).exists()
    sent = [json.loads(body)["type"] for _m, path, _h, body in recorder.seen[-2:]]
    assert sent == ["Undo", "Block"]

    follow = {
        "id": f"{doc['id']}#follows/2",
        "type": "Follow",
        "actor": doc["id"],
        "object": f"https://{DOMAIN}/ap/users/mia_ms",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert "Reject" in inbox._follow(carol, follow)
    assert json.loads(recorder.seen[-1][3])["type"] == "Reject"
    assert not RemoteFollower.objects.filter(user=mia).exists()
    # A second block of the same person changes nothing and is still "taken".
    with django_capture_on_commit_callbacks(execute=True):
        assert hooks.collect(hooks.REMOTE_BLOCK_REQUESTED, user=mia, address=f"carol@{host}") == [
            True
        ]
    assert RemoteBlock.objects.filter(user=mia).count() == 1


def test_remote_html_is_cleaned_again_when_shown(known_actor, mia, client_for):
    """A row that skipped the sanitiser at intake (written by any other path) still reaches the
    page through the allow-list."""
    actor = known_actor()
    actor.summary = '<p onclick="x()">bio</p><script>alert(1)</script>'
    actor.save()
    RemoteNote.objects.create(uri=f"{actor.uri}/statuses/9", actor=actor, text="hi",
                              content='<p>hi<img src=x onerror="alert(2)"></p><script>alert(3)</script>',
                              published="2026-12-01T00:00:00Z")  # fmt: skip
    page = client_for(mia).get(f"/elsewhere/people/{actor.pk}/").content.decode()
    assert "<p>hi" in page and "<p>bio</p>" in page
    assert "alert(" not in page and "onerror" not in page and "onclick" not in page
