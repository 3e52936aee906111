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
