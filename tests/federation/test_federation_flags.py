"""Reports from other servers (crossnote.federation.flags): a Mastodon-shaped `Flag`, signed by
its server's instance actor, queues each local note and person it names for human review, the
remote moderators' comment (tags stripped) kept in the audit log; a Flag naming nothing here, an
unsigned one and a flood from one server are refused."""

import pytest

from crossnote.federation import flags
from crossnote.moderation.models import AuditEntry, ReviewItem
from tests.federation.federation_fixtures import DOMAIN, mastodon_actor, signed_post

pytestmark = pytest.mark.django_db

LIN = f"https://{DOMAIN}/ap/users/lin_sh"


def instance_actor() -> dict:
    """Mastodon's instance actor (it sends Flags): an Application at /actor."""
    doc = mastodon_actor("mastodon.example")
    doc.update(id="https://mastodon.example/actor", type="Application",
               inbox="https://mastodon.example/actor/inbox")  # fmt: skip
    doc["publicKey"] = dict(doc["publicKey"], id=f"{doc['id']}#main-key", owner=doc["id"])
    return doc


@pytest.fixture
def reporter(known_actor):
    doc = instance_actor()
    known_actor(doc)
    return doc


def flag(doc, objects, content="<p>Spam <b>links</b></p>", suffix="1") -> dict:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"https://mastodon.example/flags/{suffix}",
        "type": "Flag",
        "actor": doc["id"],
        "content": content,
        "object": objects,
    }


def send(doc, body):
    return signed_post("/ap/inbox", body, actor=doc, key_owner="mastodon.example@mastodon.example")


def test_a_flag_queues_the_named_note_for_review_with_the_comment(reporter, lin, make_note):
    note = make_note(lin, title="Soup recipe")
    answer = send(reporter, flag(reporter, [LIN, f"https://{DOMAIN}/ap/notes/{note.pk}"]))
    assert answer.status_code == 202, answer.content
    item = ReviewItem.objects.get()
    assert (item.kind, item.object_id, item.source, item.author) == ("note", note.pk, "report", lin)
    entry = AuditEntry.objects.get(action="federation.flag_received")
    assert entry.target == f"note:{note.pk}" and entry.after["comment"] == "Spam links"
    assert entry.after["from_server"] == "mastodon.example" and entry.after["item"] == item.pk


def test_a_flag_of_a_person_only_queues_their_profile(reporter, lin):
    assert send(reporter, flag(reporter, LIN)).status_code == 202
    item = ReviewItem.objects.get()
    assert (item.kind, item.object_id) == ("profile", lin.pk)


def test_a_flag_naming_nothing_here_is_refused(reporter, lin, caplog):
    answer = send(reporter, flag(reporter, ["https://elsewhere.example/users/x", f"{LIN}x"]))
    assert answer.status_code == 404 and "names nothing" in answer.json()["detail"]
    assert not ReviewItem.objects.exists() and "names nothing" in caplog.text


def test_an_unsigned_flag_is_refused(reporter, lin):
    body = flag(reporter, LIN)
    answer = signed_post(
        "/ap/inbox", body, actor=reporter, key_owner="mastodon.example@mastodon.example",
        spoil=lambda headers: headers.pop("Signature"),
    )  # fmt: skip
    assert answer.status_code == 401 and not ReviewItem.objects.exists()


def test_a_flood_of_flags_from_one_server_is_refused(reporter, lin, monkeypatch):
    monkeypatch.setattr(flags, "FLAGS_PER_HOUR", 2)
    from django.core.cache import cache

    cache.delete("federation:flags:mastodon.example")
    statuses = [send(reporter, flag(reporter, LIN, suffix=str(n))).status_code for n in range(3)]
    assert statuses == [202, 202, 429]


def test_a_flag_naming_too_many_objects_is_refused(reporter, lin):
    objects = [f"https://{DOMAIN}/ap/notes/{n}" for n in range(flags.MAX_OBJECTS + 1)]
    answer = send(reporter, flag(reporter, objects))
    assert answer.status_code == 422 and not ReviewItem.objects.exists()


# --- out: reporting a remote note to its server's moderators -------------------------------


@pytest.fixture
def remote_note(peer, known_actor, lin):
    """A note by alice on the peer server, kept here (Lin follows her)."""
    from crossnote.federation.models import RemoteFollow, RemoteNote
    from tests.federation.test_federation_move import account_at

    alice = known_actor(account_at(peer, "alice"))
    RemoteFollow.objects.create(
        user=lin, actor=alice, activity_id=f"{LIN}#follow/9", state="accepted"
    )
    return RemoteNote.objects.create(
        uri=f"{alice.uri}/statuses/1", actor=alice, content="<p>Buy now</p>", text="Buy now",
        published="2026-12-01T10:00:00Z",
    )  # fmt: skip


def flags_sent(recorder) -> list[tuple[str, dict, dict, bytes]]:
    import json

    return [
        (path, json.loads(body), headers, body)
        for method, path, headers, body in recorder.seen
        if method == "POST" and body and json.loads(body).get("type") == "Flag"
    ]


def test_the_instance_actor_is_an_application_with_a_key(client, federated, db):
    answer = client.get("/ap/actor", HTTP_HOST=DOMAIN)
    doc = answer.json()
    assert answer.status_code == 200 and doc["type"] == "Application"
    assert (
        doc["id"] == f"https://{DOMAIN}/ap/actor"
        and "BEGIN PUBLIC KEY" in doc["publicKey"]["publicKeyPem"]
    )
    assert client.get("/ap/actor", HTTP_HOST=DOMAIN).json()["publicKey"] == doc["publicKey"]  # kept


def test_a_reader_reports_a_remote_note_to_its_server_without_their_name(
    peer, remote_note, lin, client_for, django_capture_on_commit_callbacks
):
    from crossnote.federation.signatures import verify_request

    api = client_for(lin)
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            f"/api/v1/federation/notes/{remote_note.pk}/report",
            {"comment": "Spam links"},
            content_type="application/json",
        )
    assert answer.status_code == 202 and answer.json()["sent_to"] == remote_note.actor.domain
    [(path, flag_sent, headers, raw)] = flags_sent(peer[1])
    assert path == "/inbox" and flag_sent["actor"] == f"https://{DOMAIN}/ap/actor"
    assert flag_sent["object"] == [remote_note.actor.uri, remote_note.uri]
    assert flag_sent["content"] == "Spam links" and "lin_sh" not in raw.decode()
    key = api.get("/ap/actor", HTTP_HOST=DOMAIN).json()["publicKey"]
    verify_request(method="POST", url=f"{peer[0]}{path}", headers=headers, body=raw,
                   public_key=lambda key_id: key["publicKeyPem"], window=300)  # fmt: skip
    entry = AuditEntry.objects.get(action="federation.flag_sent")
    assert entry.actor == lin and entry.after["comment"] == "Spam links"
    again = api.post(
        f"/api/v1/federation/notes/{remote_note.pk}/report", {}, content_type="application/json"
    )
    assert again.status_code == 409


def test_the_report_page_sends_and_shows_errors(
    peer, remote_note, lin, client_for, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    page = client_for(lin)
    person = page.get(f"/elsewhere/people/{remote_note.actor_id}/").content.decode()
    assert f"/elsewhere/notes/{remote_note.pk}/report/" in person
    form = page.get(f"/elsewhere/notes/{remote_note.pk}/report/")
    assert form.status_code == 200 and "Buy now" in form.content.decode()
    too_long = page.post(f"/elsewhere/notes/{remote_note.pk}/report/", {"comment": "x" * 1001})
    assert too_long.status_code == 400 and 'data-testid="report-error"' in too_long.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = page.post(f"/elsewhere/notes/{remote_note.pk}/report/", {"comment": "Scam"})
    assert sent.status_code == 302 and len(flags_sent(peer[1])) == 1


def test_reports_are_404_when_off_or_for_a_blocked_server(remote_note, lin, client_for, federated):
    from crossnote.federation.services import block_domain

    api = client_for(lin)
    block_domain(domain=remote_note.actor.domain)
    blocked = api.post(
        f"/api/v1/federation/notes/{remote_note.pk}/report", {}, content_type="application/json"
    )
    assert blocked.status_code == 404
    federated.CROSSNOTE_FEDERATION_DOMAIN = ""
    off = api.post(
        f"/api/v1/federation/notes/{remote_note.pk}/report", {}, content_type="application/json"
    )
    assert off.status_code == 404
    assert api.get(f"/elsewhere/notes/{remote_note.pk}/report/").status_code == 404
