"""Posting answers fast: a note is acknowledged once its photos are verified and stored; the
WebP variants and PDQ hashes follow in the background, moderation checks the hashes before
readers see the note, and readers see it only once all that is done."""

import io
from datetime import timedelta
from pathlib import Path
from unittest import mock

import django.views.static
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from crossnote.core.images import finish_source, verify_image
from crossnote.notes import policies, services, tasks
from crossnote.notes.models import ModerationState, Note, NoteImage
from crossnote.notes.selectors import visible_notes
from tests.conftest import gps_jpeg, image_bytes, upload

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
    # The placeholder is there at once; the hash is made with the variants.
    assert all(image.blurhash and not image.pdq_hash for image in images)
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
        assert len(image.pdq_hash) == 64
    assert not any(default_storage.exists(image.pending) for image in images)
    assert lin.notifications.filter(verb="mention").count() == 1
    # A second run (a redelivered task, the sweep) changes nothing and tells nobody twice.
    assert services.finish_note_media(note_id=note.pk) is True
    assert lin.notifications.filter(verb="mention").count() == 1


def _bank(data: bytes, category: str) -> None:
    """Put a photo on moderation's image list (spam holds, illegal_goods removes)."""
    from crossnote.moderation.models import HashEntry
    from crossnote.moderation.pipeline import lists_changed

    pdq = verify_image(upload(data=data)).pdq
    HashEntry.objects.create(kind="pdq", value=pdq, category=category, source="test")
    lists_changed()


def _photo(seed: int = 1) -> bytes:
    """A photo-like JPEG (shapes and noise): a hash with some quality."""
    picture = Image.effect_noise((900, 700), 60).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for i in range(0, 900, 41):
        draw.ellipse(
            (i, (i * seed * 7) % 500, i + 120, (i * seed * 7) % 500 + 120), fill=(i % 255, 80, 40)
        )
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=90)
    return out.getvalue()


@pytest.mark.parametrize(
    ("category", "state"),
    [("spam", ModerationState.HELD), ("illegal_goods", ModerationState.REMOVED)],
)
def test_a_banked_photo_is_caught_in_the_background_before_any_reader_sees_the_note(
    in_background, mia, lin, category, state
):
    """The hash is made after the answer; the list's verdict is in effect in the transaction
    that lets readers in, so no reader ever sees the note, and its author is told."""
    banked = _photo()
    _bank(banked, category)
    note = services.create_note(author=mia, title="Cat", images=[upload(data=banked)])
    assert note.moderation == ModerationState.VISIBLE and not note.media_ready
    assert not policies.can_view_note(lin, note)
    assert services.finish_note_media(note_id=note.pk) is True
    note.refresh_from_db()
    assert note.media_ready and note.moderation == state
    assert not policies.can_view_note(lin, note)
    assert not visible_notes(lin).filter(pk=note.pk).exists()
    assert mia.notifications.filter(verb="moderation", note=note).exists()
    # Another photo of the same author's passes.
    other = services.create_note(author=mia, title="Dog", images=[upload(data=_photo(3))])
    services.finish_note_media(note_id=other.pk)
    other.refresh_from_db()
    assert other.moderation == ModerationState.VISIBLE and policies.can_view_note(lin, other)


def test_a_process_killed_between_the_hash_and_the_ready_mark_leaves_nothing_unchecked(
    in_background, mia, lin
):
    """The variants and the hash are stored (no image pending any more) but the process died
    before the transaction that lets readers in: the sweep's run checks the hashes there."""
    banked = _photo()
    _bank(banked, "spam")
    note = services.create_note(author=mia, title="Cat", images=[upload(data=banked)])
    for image in NoteImage.objects.filter(note=note):
        services._finish_image(image)  # what the killed process got done
    assert not NoteImage.objects.filter(note=note).exclude(pending="").exists()
    assert not Note.objects.get(pk=note.pk).media_ready
    Note.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    assert tasks.finish_pending_media() == 1
    note.refresh_from_db()
    assert note.media_ready and note.moderation == ModerationState.HELD
    assert not policies.can_view_note(lin, note)


@pytest.mark.parametrize(
    "make",
    [
        lambda: _photo(),  # a plain JPEG: stored as its own stream
        lambda: _photo_of(4032, 3024),  # a phone's size: decoded at half scale both times
        lambda: image_bytes("PNG", size=(700, 500), color=(10, 200, 30, 90), alpha=True),
    ],
    ids=["jpeg", "phone-jpeg", "png-alpha"],
)
def test_the_background_hash_is_the_hash_verify_image_makes(make):
    """A spam policy matches hashes exactly: the hash made later from the stored source must be
    the very one the upload's pixels give (what the lists were banked with)."""
    data = make()
    now = verify_image(upload(data=data))
    later = verify_image(upload(data=data), pdq=False)
    assert later.pdq == "" and later.blurhash  # the placeholder may come from fewer pixels
    finished = finish_source(later.source.content)
    assert finished.pdq == now.pdq and finished.pdq_quality == now.pdq_quality
    assert set(finished.variants) == {"thumb", "large"}


def _photo_of(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((width, height), 50).convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


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


def test_a_page_that_named_a_photo_s_source_still_shows_the_photo_once_it_is_finished(
    in_background, mia, client
):
    """A page rendered before the variants existed names the source, which is then deleted
    (CI once saw the drafts page's thumbnail answer 404): the media view sends the browser
    on to the large variant instead."""
    note = post(mia)
    image = note.images.first()
    source = image.pending
    assert client.get(f"/media/{source}").status_code == 200
    assert services.finish_note_media(note_id=note.pk) is True
    image.refresh_from_db()
    assert not default_storage.exists(source)
    moved = client.get(f"/media/{source}")
    assert moved.status_code == 302 and moved["Location"] == f"/media/{image.large.name}"
    followed = client.get(moved["Location"])
    assert followed.status_code == 200 and followed["Content-Type"] == "image/webp"
    # Anything else missing is still a plain 404, a source without a variant too.
    stem = source.rsplit("-source.", 1)[0]
    assert client.get(f"/media/{stem}-nothing.webp").status_code == 404
    assert client.get(f"/media/{stem}x-source.jpg").status_code == 404
    assert client.get("/media/../secret-source.jpg").status_code in (400, 404)


def test_a_source_deleted_while_it_is_being_served_still_sends_the_browser_on(
    in_background, mia, client, monkeypatch
):
    """The background process deletes the source between the media view's "is it there?" and
    its open (CI: the import's drafts page saw a 500 for a -source.jpg): that is the finished
    source's redirect too, not a server error."""

    note = post(mia)
    image = note.images.first()
    source = image.pending
    with default_storage.open(source) as handle:
        data = handle.read()
    assert services.finish_note_media(note_id=note.pk) is True
    image.refresh_from_db()
    Path(default_storage.path(source)).write_bytes(data)  # there when the view looks

    class GoneOnOpen(type(django.views.static.Path())):
        def open(self, *args, **kwargs):
            if self.name.endswith(source.rsplit("/", 1)[-1]) and self.exists():
                self.unlink()  # the background process finished in between
            return super().open(*args, **kwargs)

    monkeypatch.setattr(django.views.static, "Path", GoneOnOpen)
    moved = client.get(f"/media/{source}")
    assert moved.status_code == 302 and moved["Location"] == f"/media/{image.large.name}"
