"""Replies as comments, going out: a local person comments on a remote note (page and API); the
comment is kept, shown under the note here and sent signed to its author's inbox as a Mastodon
reply (inReplyTo, Mention, to/cc); a held one stays here. A local comment on a local note reaches
the note author's followers elsewhere, and its deletion follows it."""

import json

import pytest

from crossnote.federation.models import LocalReply, RemoteBlock, RemoteFollower, RemoteNote
from crossnote.federation.services import block_domain, parse_published
from crossnote.federation.signatures import verify_request
from tests.conftest import client_of
from tests.federation.federation_fixtures import DOMAIN, mastodon_actor

pytestmark = pytest.mark.django_db

AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


@pytest.fixture
def alice_at_peer(peer, known_actor, lin):
    """Alice lives on the peer server (her own inbox and a shared one); Lin follows her and one
    of her notes reached this server."""
    base, recorder = peer
    doc = mastodon_actor()
    doc["inbox"] = f"{base}/users/alice/inbox"
    doc["endpoints"] = {"sharedInbox": f"{base}/inbox"}
    actor = known_actor(doc)
    note = RemoteNote.objects.create(
        uri=f"{doc['id']}/statuses/1",
        actor=actor,
        content="<p>Sunset over the bay</p>",
        text="Sunset over the bay",
        language="en",
        published=parse_published("2026-12-01T10:00:00Z"),
    )
    recorder.routes["/users/alice/inbox"] = (202, {}, b"")
    recorder.routes["/inbox"] = (202, {}, b"")
    return actor, note, recorder


def posted(recorder, path=None):
    return [
        (p, json.loads(body), headers)
        for method, p, headers, body in recorder.seen
        if method == "POST" and (path is None or p == path)
    ]


def test_a_comment_on_a_remote_note_is_shown_here_and_sent_signed_as_a_reply(
    alice_at_peer, lin, django_capture_on_commit_callbacks
):
    actor, note, recorder = alice_at_peer
    client = client_of(lin)
    page = client.get(f"/elsewhere/notes/{note.pk}/", HTTP_HOST=DOMAIN)
    assert page.status_code == 200 and b'data-testid="remote-comment-form"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            f"/elsewhere/notes/{note.pk}/comment/", {"body": "Beautiful colours"}, HTTP_HOST=DOMAIN
        )
    assert sent.status_code == 302
    reply = LocalReply.objects.get(note=note)
    assert reply.author == lin and reply.body == "Beautiful colours"
    page = client.get(f"/elsewhere/notes/{note.pk}/", HTTP_HOST=DOMAIN).content.decode()
    assert "Beautiful colours" in page and 'data-testid="remote-note-comment"' in page

    [(path, activity, headers)] = posted(recorder, "/users/alice/inbox")
    assert activity["type"] == "Create" and activity["actor"] == f"https://{DOMAIN}/ap/users/lin_sh"
    obj = activity["object"]
    assert obj["id"] == f"https://{DOMAIN}/ap/replies/{reply.pk}"
    assert obj["inReplyTo"] == note.uri and obj["attributedTo"] == activity["actor"]
    assert obj["to"] == [AS_PUBLIC] and actor.uri in obj["cc"]
    assert obj["tag"] == [{"type": "Mention", "href": actor.uri, "name": actor.address}]
    assert "Beautiful colours" in obj["content"]
    # Signed with Lin's key, as Mastodon verifies it.
    from crossnote.federation.services import key_for

    verify_request(
        method="POST",
        url=f"http://{headers['Host']}{path}",
        headers=headers,
        body=json.dumps(activity).encode(),
        public_key=lambda _key: key_for(lin).public_pem,
        window=300,
    )
    # The reply is served at its id.
    served = client.get(
        f"/ap/replies/{reply.pk}", HTTP_HOST=DOMAIN, HTTP_ACCEPT="application/activity+json"
    )
    assert json.loads(served.content)["inReplyTo"] == note.uri


def test_the_api_comments_on_a_remote_note_and_refuses_bad_input(
    alice_at_peer, lin, django_capture_on_commit_callbacks
):
    actor, note, recorder = alice_at_peer
    client = client_of(lin)
    url = f"/api/v1/federation/notes/{note.pk}/comments"
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(
            url, {"body": "Lovely"}, content_type="application/json", HTTP_HOST=DOMAIN
        )
    assert made.status_code == 201, made.content
    assert made.json()["kind"] == "local" and made.json()["body"] == "Lovely"
    listed = client.get(url, HTTP_HOST=DOMAIN).json()
    assert [c["body"] for c in listed] == ["Lovely"]
    assert len(posted(recorder, "/users/alice/inbox")) == 1

    empty = client.post(url, {"body": "  "}, content_type="application/json", HTTP_HOST=DOMAIN)
    assert empty.status_code == 400
    long = client.post(url, {"body": "x" * 1001}, content_type="application/json", HTTP_HOST=DOMAIN)
    assert long.status_code == 400
    anonymous = (
        client_of(lin)
        .__class__()
        .post(url, {"body": "hi"}, content_type="application/json", HTTP_HOST=DOMAIN)
    )
    assert anonymous.status_code == 401
    RemoteBlock.objects.create(user=lin, actor=actor)
    blocked = client.post(url, {"body": "hi"}, content_type="application/json", HTTP_HOST=DOMAIN)
    assert blocked.status_code == 403

    reply = LocalReply.objects.get(note=note)
    with django_capture_on_commit_callbacks(execute=True):
        gone = client.delete(f"/api/v1/federation/replies/{reply.pk}", HTTP_HOST=DOMAIN)
    assert gone.status_code == 204 and not LocalReply.objects.exists()
    deleted = [a for _p, a, _h in posted(recorder) if a["type"] == "Delete"]
    assert deleted and deleted[0]["object"]["id"].endswith(f"/ap/replies/{reply.pk}")


def test_someone_elses_reply_cannot_be_deleted(alice_at_peer, lin, mia):
    _actor, note, _recorder = alice_at_peer
    from crossnote.federation.replies import comment_on_remote_note

    reply = comment_on_remote_note(author=lin, note=note, body="Mine")
    answer = client_of(mia).delete(f"/api/v1/federation/replies/{reply.pk}", HTTP_HOST=DOMAIN)
    assert answer.status_code == 403 and LocalReply.objects.filter(pk=reply.pk).exists()


def test_a_comment_on_a_note_from_a_blocked_server_is_refused(alice_at_peer, lin):
    _actor, note, recorder = alice_at_peer
    block_domain(domain="mastodon.example")
    answer = client_of(lin).post(
        f"/elsewhere/notes/{note.pk}/comment/", {"body": "hi"}, HTTP_HOST=DOMAIN
    )
    assert answer.status_code == 404
    assert not LocalReply.objects.exists() and not posted(recorder)


def test_an_empty_comment_on_the_page_is_a_form_error(alice_at_peer, lin):
    _actor, note, _recorder = alice_at_peer
    answer = client_of(lin).post(
        f"/elsewhere/notes/{note.pk}/comment/", {"body": ""}, HTTP_HOST=DOMAIN
    )
    assert answer.status_code == 400 and b'data-testid="remote-comment-error"' in answer.content


def test_a_held_comment_on_a_remote_note_stays_here(
    alice_at_peer, lin, mia, django_capture_on_commit_callbacks
):
    _actor, note, recorder = alice_at_peer
    with django_capture_on_commit_callbacks(execute=True):
        client_of(lin).post(
            f"/elsewhere/notes/{note.pk}/comment/",
            {"body": "楼上那个傻逼又在装修"},
            HTTP_HOST=DOMAIN,
        )
    reply = LocalReply.objects.get(note=note)
    assert reply.moderation == "hold"
    assert not posted(recorder)
    assert (
        "傻逼"
        in client_of(lin).get(f"/elsewhere/notes/{note.pk}/", HTTP_HOST=DOMAIN).content.decode()
    )
    assert (
        "傻逼"
        not in client_of(mia).get(f"/elsewhere/notes/{note.pk}/", HTTP_HOST=DOMAIN).content.decode()
    )
    served = client_of(mia).get(f"/ap/replies/{reply.pk}", HTTP_HOST=DOMAIN)
    assert served.status_code == 404


def test_a_local_comment_reaches_the_note_authors_followers_elsewhere(
    alice_at_peer, lin, mia, make_note, django_capture_on_commit_callbacks
):
    actor, _note, recorder = alice_at_peer
    RemoteFollower.objects.create(actor=actor, user=lin, activity_id=f"{actor.uri}#f")
    note = make_note(lin, title="Hotpot night")
    recorder.seen.clear()
    from crossnote.notes.services import add_comment, delete_comment

    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(author=mia, note=note, body="Save me a seat")
    creates = [a for _p, a, _h in posted(recorder, "/inbox") if a["type"] == "Create"]
    [create] = [a for a in creates if "/ap/comments/" in a["object"]["id"]]
    assert create["actor"] == f"https://{DOMAIN}/ap/users/mia_ms"
    assert create["object"]["inReplyTo"] == f"https://{DOMAIN}/ap/notes/{note.pk}"
    assert "Save me a seat" in create["object"]["content"]
    with django_capture_on_commit_callbacks(execute=True):
        delete_comment(user=mia, comment=comment)
    deletes = [a for _p, a, _h in posted(recorder, "/inbox") if a["type"] == "Delete"]
    assert deletes[-1]["object"]["id"] == create["object"]["id"]


def test_a_comment_on_a_private_note_never_leaves(
    alice_at_peer, lin, make_note, django_capture_on_commit_callbacks
):
    actor, _note, recorder = alice_at_peer
    RemoteFollower.objects.create(actor=actor, user=lin, activity_id=f"{actor.uri}#f")
    note = make_note(lin, title="Diary", visibility="private")
    from crossnote.notes.services import add_comment

    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(author=lin, note=note, body="note to self")
    assert not [a for _p, a, _h in posted(recorder) if "/ap/comments/" in str(a["object"])]
    assert client_of(lin).get(f"/ap/comments/{comment.pk}", HTTP_HOST=DOMAIN).status_code == 404
