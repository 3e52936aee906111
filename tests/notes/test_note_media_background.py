"""Posting answers fast: a note is acknowledged once its photos are verified, hashed and stored;
the WebP variants follow in the background, and readers see the note only once they exist."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from crossnote.notes import policies, services, tasks
from crossnote.notes.models import Note, NoteImage
from crossnote.notes.selectors import visible_notes
from tests.conftest import gps_jpeg, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_background(settings):
    """As on a server: tasks are queued on commit, not run inline; the queue is watched."""
    settings.CROSSNOTE_TASKS_INLINE = False
    with mock.patch("crossnote.notes.services.enqueue") as queued:
        yield queued


def post(author, **kwargs):
    return services.create_note(
        author=author,
        title="Cat",
        body="hello @lin_sh",
        images=[upload(data=gps_jpeg(size=(2400, 1800))), upload()],
        **kwargs,
    )


def test_a_posted_note_waits_for_its_variants_and_only_its_author_sees_it(in_background, mia, lin):
    note = post(mia)
    in_background.assert_called_once_with(tasks.make_note_variants, note.pk)
    assert note.media_ready is False
    images = list(note.images.all())
    assert all(image.pending and image.thumb.name == image.pending for image in images)
    assert all(len(image.pdq_hash) == 64 and image.blurhash for image in images)
    # The stored source is clean pixels: no EXIF (GPS) survives, even before the variants.
    with default_storage.open(images[0].pending) as source, Image.open(source) as stored:
        assert not stored.getexif() and "exif" not in stored.info
        assert max(stored.size) <= 2 * 1600
    assert policies.can_view_note(mia, note)
    assert not policies.can_view_note(lin, note)
    assert not visible_notes(lin).filter(pk=note.pk).exists()
    assert visible_notes(mia).filter(pk=note.pk).exists()
    assert not lin.notifications.exists()  # told of the mention once lin can see it

    assert services.finish_note_media(note_id=note.pk) is True
    note.refresh_from_db()
    assert note.media_ready
    assert policies.can_view_note(lin, note)
    for image in note.images.all():
        assert not image.pending
        for field in (image.thumb, image.large):
            with default_storage.open(field.name) as stored, Image.open(stored) as variant:
                assert variant.format == "WEBP"
        assert image.large_width <= 1600 and image.thumb_width <= 540
    assert not any(default_storage.exists(image.pending) for image in images)
    assert lin.notifications.filter(verb="mention").count() == 1
    # A second run (a redelivered task, the sweep) changes nothing and tells nobody twice.
    assert services.finish_note_media(note_id=note.pk) is True
    assert lin.notifications.filter(verb="mention").count() == 1


def test_moderation_sees_the_hashes_before_anyone_reads_the_note(in_background, mia):
    """The image hashes are on the rows inside the posting transaction, where moderation's
    content_created hook reads them; readers wait for the variants after that."""
    seen = []

    def hook(*, obj, kind, author):
        seen.append([image.pdq_hash for image in obj.images.all()])

    with mock.patch.object(services.hooks, "collect", side_effect=lambda name, **kw: []) as fire:
        fire.side_effect = lambda name, **kw: hook(**kw) if name == "content_created" else []
        post(mia)
    assert seen and all(len(pdq) == 64 for pdq in seen[0])


def test_a_note_left_pending_by_a_killed_process_is_finished_by_the_sweep(in_background, mia, lin):
    """The process died after the answer and before its background thread ran: the periodic
    sweep makes the variants from the stored sources."""
    note = post(mia)
    fresh = post(mia)
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    assert tasks.finish_pending_media() == 1  # the fresh one may still have its thread running
    assert Note.objects.get(pk=note.pk).media_ready
    assert not Note.objects.get(pk=fresh.pk).media_ready
    assert not NoteImage.objects.filter(note=note).exclude(pending="").exists()


def test_a_deleted_note_leaves_the_task_nothing_to_do(in_background, mia):
    note = post(mia)
    pk = note.pk
    services.delete_note(user=mia, note=note)
    assert tasks.make_note_variants(pk) is False


def test_inline_tasks_make_the_variants_before_the_answer(mia, lin):
    """Tests and the command line run tasks inline: the note is ready when create_note returns."""
    note = post(mia)
    assert note.media_ready and policies.can_view_note(lin, note)
    assert not note.images.exclude(pending="").exists()


def test_explore_and_the_note_api_show_a_note_to_readers_only_once_its_variants_exist(
    in_background, mia, lin, client_for
):
    """Through the fast explore page (cards kept per note version) and the note's own API."""
    note = post(mia, topics=["cats"])
    reader, author = client_for(lin), client_for(mia)

    def explore_ids(client):
        response = client.get("/api/v1/feeds/explore")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert note.pk not in explore_ids(reader)
    assert reader.get(f"/api/v1/notes/{note.pk}").status_code == 404
    mine = author.get(f"/api/v1/notes/{note.pk}")
    assert mine.status_code == 200  # the author sees it at once, from the clean source
    assert all("-source." in image["large_url"] for image in mine.json()["images"])
    services.finish_note_media(note_id=note.pk)
    assert note.pk in explore_ids(reader)
    shown = reader.get(f"/api/v1/notes/{note.pk}").json()["images"]
    assert all(i["thumb_url"].endswith(".webp") and i["blurhash"] for i in shown)
