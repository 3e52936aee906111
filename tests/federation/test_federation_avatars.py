"""Avatars of people elsewhere are shown from this server: fetched once (SSRF-safe, capped),
verified and re-encoded like a local avatar, and served from our storage; the person's initial
until then, or when their server sends no picture. Pages never point a reader's browser at the
other server."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from crossnote.federation import avatars
from crossnote.federation.fetch import FetchRefused
from crossnote.federation.models import RemoteActor
from crossnote.federation.services import store_actor
from tests.federation.federation_fixtures import mastodon_actor

pytestmark = pytest.mark.django_db


def _png(colour=(200, 30, 30), size=(400, 300)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    image.save(out, format="PNG", pnginfo=None)
    return out.getvalue()


def _actor_on(base: str, name="mei", icon="/mei.png") -> dict:
    host = base.split("://", 1)[1]
    doc = json.loads(json.dumps(mastodon_actor(name, host=host)).replace("https://", "http://"))
    doc["icon"] = (
        {"type": "Image", "mediaType": "image/png", "url": f"{base}{icon}"} if icon else None
    )
    return doc


def _stored_without_copy(base: str) -> RemoteActor:
    """An actor row whose icon has not been copied yet (no task queued)."""
    doc = _actor_on(base)
    return RemoteActor.objects.create(
        uri=doc["id"], domain="127.0.0.1", username="mei", icon_url=f"{base}/mei.png",
        inbox=doc["inbox"], key_id=doc["publicKey"]["id"], public_key_pem="x",
        fetched_at="2026-12-01T00:00:00Z",
    )  # fmt: skip


def _keep(doc, django_capture_on_commit_callbacks) -> RemoteActor:
    with django_capture_on_commit_callbacks(execute=True):
        actor = store_actor(doc, fetched_from=doc["id"])
    actor.refresh_from_db()
    return actor


def test_a_remote_avatar_is_copied_re_encoded_and_shown_from_here(
    peer, federated, client, django_capture_on_commit_callbacks
):
    base, recorder = peer
    recorder.routes["/mei.png"] = (200, {"Content-Type": "image/png"}, _png())
    actor = _keep(_actor_on(base), django_capture_on_commit_callbacks)
    assert actor.avatar and actor.avatar_from == f"{base}/mei.png"
    with default_storage.open(actor.avatar.name) as stored:
        kept = Image.open(stored)
        assert kept.format == "WEBP" and max(kept.size) <= 256
    page = client.get(f"/elsewhere/people/{actor.pk}/").content.decode()
    assert f'src="{actor.avatar.url}"' in page
    assert f'src="{base}' not in page  # no picture from their server
    api = client.get(f"/api/v1/federation/actors/{actor.pk}").json()
    assert api["avatar_url"] == actor.avatar.url and api["icon_url"] == f"{base}/mei.png"
    # Fetched once: the same icon is not fetched again when the actor document is.
    fetched = sum(1 for seen in recorder.seen if seen[1] == "/mei.png")
    _keep(_actor_on(base), django_capture_on_commit_callbacks)
    assert sum(1 for seen in recorder.seen if seen[1] == "/mei.png") == fetched == 1


def test_no_picture_from_their_server_shows_the_initial(
    peer, federated, client, django_capture_on_commit_callbacks
):
    base, recorder = peer
    recorder.routes["/mei.png"] = (
        200,
        {"Content-Type": "image/png"},
        b"<html>not a picture</html>",
    )
    actor = _keep(_actor_on(base), django_capture_on_commit_callbacks)
    assert not actor.avatar and actor.avatar_from == f"{base}/mei.png"  # refused once, kept so
    page = client.get(f"/elsewhere/people/{actor.pk}/").content.decode()
    assert "avatar-letter" in page and '<img class="avatar"' not in page
    gone = _keep(
        _actor_on(base, name="lin", icon="/missing.png"), django_capture_on_commit_callbacks
    )
    assert not gone.avatar and gone.avatar_from.endswith("/missing.png")  # a 404: the initial


def test_a_busy_server_is_asked_again_later(peer, federated):
    base, recorder = peer
    recorder.routes["/mei.png"] = (503, {}, b"")
    actor = _stored_without_copy(base)
    with pytest.raises(FetchRefused):
        avatars.copy(actor.pk, last_try=False)
    actor.refresh_from_db()
    assert actor.avatar_from == ""  # not settled: the retry fetches again
    recorder.routes["/mei.png"] = (200, {}, _png())
    assert avatars.copy(actor.pk, last_try=False) == "copied"


def test_a_server_that_stays_away_leaves_the_initial_and_no_dead_letter(peer, federated):
    from crossnote.core.models import FailedTask
    from crossnote.core.tasks import run_now
    from crossnote.federation import tasks

    base, recorder = peer
    recorder.routes["/mei.png"] = (503, {}, b"")
    actor = _stored_without_copy(base)
    assert run_now(tasks.copy_avatar, actor.pk) is True
    assert sum(1 for seen in recorder.seen if seen[1] == "/mei.png") == 4  # asked 1 + 3 times
    actor.refresh_from_db()
    assert not actor.avatar and actor.avatar_from == f"{base}/mei.png"
    assert not FailedTask.objects.exists()


def test_a_new_icon_replaces_the_copy_and_a_deleted_actor_takes_it_along(
    peer, federated, django_capture_on_commit_callbacks
):
    base, recorder = peer
    recorder.routes["/mei.png"] = (200, {}, _png())
    recorder.routes["/mei-2.png"] = (200, {}, _png(colour=(10, 120, 240)))
    first = _keep(_actor_on(base), django_capture_on_commit_callbacks).avatar.name
    actor = _keep(_actor_on(base, icon="/mei-2.png"), django_capture_on_commit_callbacks)
    assert actor.avatar.name != first and default_storage.exists(actor.avatar.name)
    assert not default_storage.exists(first)
    # Their icon removed: back to the initial, the copy deleted.
    second = actor.avatar.name
    actor = _keep(_actor_on(base, icon=None), django_capture_on_commit_callbacks)
    assert not actor.avatar and not default_storage.exists(second)
    recorder.routes["/mei-3.png"] = (200, {}, _png(colour=(0, 200, 0)))
    actor = _keep(_actor_on(base, icon="/mei-3.png"), django_capture_on_commit_callbacks)
    kept = actor.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        actor.delete()
    assert not default_storage.exists(kept)
