"""A person's federation rows are in their export (follows elsewhere, followers elsewhere, likes
of remote notes, public key, never the private key) and gone after erasure."""

import pytest
from django.core.management import call_command

from crossnote.federation import services
from crossnote.federation.models import (
    ActorKey,
    RemoteFollow,
    RemoteFollower,
    RemoteLike,
    RemoteNote,
    RemoteNoteLike,
)
from tests.federation.federation_fixtures import mastodon_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def connected(lin, known_actor, make_note):
    alice = known_actor()
    RemoteFollow.objects.create(user=lin, actor=alice, activity_id="https://crossnote.example/f/1")
    RemoteFollower.objects.create(actor=alice, user=lin, activity_id=f"{alice.uri}#follows/1")
    note = RemoteNote.objects.create(
        uri=f"{alice.uri}/statuses/1", actor=alice, published="2026-12-01T00:00:00Z"
    )
    RemoteNoteLike.objects.create(user=lin, note=note, activity_id="https://crossnote.example/l/1")
    RemoteLike.objects.create(actor=alice, note=make_note(lin), activity_id=f"{alice.uri}#likes/1")
    services.key_for(lin)
    return alice


def test_the_export_holds_federation_and_never_the_private_key(lin, connected):
    from crossnote.core import data_rights

    data_rights.discover()
    part = next(p for p in data_rights.parts() if p.app_label == "federation")
    section = part.export(lin, {})["moderation"]["other"]["federation"]
    assert section["following_elsewhere"][0]["address"] == "@alice@mastodon.example"
    assert section["following_elsewhere"][0]["state"] == "pending"
    assert section["followers_elsewhere"][0]["actor"] == mastodon_actor()["id"]
    assert section["likes_elsewhere"][0]["note"].endswith("/statuses/1")
    key = ActorKey.objects.get(user=lin)
    assert section["public_key"] == key.public_pem
    assert key.private_pem not in repr(section) and "PRIVATE KEY" not in repr(section)


def test_erasure_removes_the_persons_federation_rows(lin, connected):
    call_command("privacy", "erase", lin.username, "--now")
    for model in (ActorKey, RemoteFollow, RemoteFollower, RemoteLike, RemoteNoteLike):
        assert not model.objects.exists(), model
    # The remote person and their note are not Lin's data: they stay.
    assert RemoteNote.objects.filter(actor=connected).exists()
