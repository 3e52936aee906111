"""Archives become draft notes: Instagram exports (both layouts, mojibake captions) and Mastodon
archives (HTML, hashtags, alt text, content warnings), with dates kept and GPS gone."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from crossnote.notes.models import Note
from crossnote.portability.models import Import, ImportedDraft
from tests.conftest import gps_jpeg, stored_files
from tests.portability.conftest import (
    instagram_export,
    mastodon_archive,
    mojibake,
    outbox_item,
)

pytestmark = pytest.mark.django_db


def _exif_free(note: Note) -> None:
    for image in note.images.all():
        for field in image.files:
            with Image.open(Path(settings.MEDIA_ROOT) / field.name) as stored:
                assert not stored.getexif(), field.name
                assert "exif" not in stored.info


def test_an_instagram_export_becomes_private_drafts_with_dates_captions_and_no_gps(mia, run_import):
    body = run_import(mia, instagram_export())
    assert body["status"] == "done", body
    assert (body["total"], body["done"], body["imported"], body["skipped"]) == (2, 2, 2, 0)
    assert body["progress"] == 100 and body["errors"] == []

    cat = Note.objects.get(author=mia, title="Mon chat café 🐱")
    assert cat.body == "Mon chat café 🐱\nIl dort toute la journée #cats #猫"
    assert cat.visibility == "private"
    assert cat.created_at == datetime.fromtimestamp(1673000000, tz=UTC)
    assert sorted(cat.topics.values_list("name", flat=True)) == ["cats", "猫"]
    assert cat.images.count() == 2
    _exif_free(cat)
    hotpot = Note.objects.get(author=mia, title="今天的火锅真好吃")
    assert hotpot.body == "" and hotpot.created_at.year == 2022
    assert ImportedDraft.objects.filter(user=mia).count() == 2
    # Nothing of the uploaded archive is left once it has been read.
    assert not list(Path(settings.CROSSNOTE_IMPORTS_DIR).glob("*"))
    assert Import.objects.get(pk=body["id"]).file_name == ""


def test_the_older_instagram_layout_and_a_renamed_top_folder_are_read(mia, run_import):
    import io
    import zipfile

    flat = instagram_export(layout="old")
    nested = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(flat)) as src, zipfile.ZipFile(nested, "w") as dst:
        for info in src.infolist():
            dst.writestr("instagram-mia-2024-01-01/" + info.filename, src.read(info))
    assert run_import(mia, flat)["imported"] == 2
    assert run_import(mia, nested.getvalue())["imported"] == 2


def test_a_caption_that_is_not_mojibake_is_kept_as_it_is(mia, run_import):
    posts = [{"media": [{"uri": "media/posts/202301/cat1.jpg", "title": "Ça va? déjà vu"}]}]
    run_import(mia, instagram_export(posts=posts))
    assert Note.objects.get(author=mia).title == "Ça va? déjà vu"
    assert mojibake("déjà") != "déjà"


def test_a_video_beside_photos_and_missing_photos_are_reported_and_the_rest_imported(
    mia, run_import
):
    posts = [
        {
            "title": "Beach day",
            "creation_timestamp": 1660000000,
            "media": [
                {"uri": "media/posts/202301/cat1.jpg"},
                {"uri": "media/posts/202208/waves.mp4"},
                {"uri": "media/posts/202208/gone.jpg"},
            ],
        },
        {"title": "Only a video", "media": [{"uri": "media/posts/202208/waves.mp4"}]},
    ]
    extra = {"media/posts/202208/waves.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64}
    body = run_import(mia, instagram_export(posts=posts, extra=extra))
    assert (body["imported"], body["skipped"]) == (1, 1)
    reasons = [p["reason"] for p in body["errors"]]
    assert "a note holds photos or one video: the video was left out" in reasons
    assert "the file is not in the archive" in reasons
    # The second post's "video" is no video: notes' video intake refuses it, the post is skipped.
    assert body["errors"][-1]["item"].startswith("post 2")
    assert Note.objects.get(author=mia).images.count() == 1


def test_a_hostile_image_is_refused_on_its_own_and_its_neighbours_imported(mia, run_import):
    from tests.conftest import huge_png_header

    posts = [
        {
            "title": "Two photos, one hostile",
            "media": [
                {"uri": "media/posts/202301/bomb.png"},
                {"uri": "media/posts/202301/cat1.jpg"},
                {"uri": "media/posts/202301/fake.jpg"},
            ],
        }
    ]
    extra = {
        "media/posts/202301/bomb.png": huge_png_header(),
        "media/posts/202301/fake.jpg": b"<?php echo 'not a photo'; ?>",
    }
    body = run_import(mia, instagram_export(posts=posts, extra=extra))
    assert body["imported"] == 1
    items = {p["item"].split(": ", 1)[1]: p["reason"] for p in body["errors"]}
    assert "million pixels" in items["media/posts/202301/bomb.png"]
    assert "not a JPEG" in items["media/posts/202301/fake.jpg"]
    assert Note.objects.get(author=mia).images.count() == 1


def test_a_mastodon_archive_keeps_text_alt_text_topics_warning_and_addressing(mia, run_import):
    body = run_import(mia, mastodon_archive(), kind="mastodon")
    assert body["status"] == "done", body
    # Four posts (the boost is someone else's): two imported, the text-only and video ones not.
    assert (body["total"], body["imported"], body["skipped"]) == (4, 2, 2)
    reasons = {p["reason"] for p in body["errors"]}
    assert "a post without photos" in reasons

    market = Note.objects.get(author=mia, title="Sunday market in Lyon #food")
    assert market.body == ("Sunday market in Lyon #food\nso many cheeses\n\nsee example.com/a-very")
    assert list(market.topics.values_list("name", flat=True)) == ["food"]
    assert [i.alt_text for i in market.images.all()] == ["A stall piled with round cheeses", ""]
    assert market.created_at == datetime(2022, 11, 1, 10, 0, tzinfo=UTC)
    assert market.visibility == "private"
    _exif_free(market)
    spider = Note.objects.get(author=mia, title="Spider in the bath")
    assert spider.content_warning == "spiders"
    assert spider.imported_draft.suggested_visibility == "followers"
    assert market.imported_draft.suggested_visibility == "public"


def test_a_pixelfed_archive_with_full_urls_is_read(mia, run_import):
    item = outbox_item(
        1,
        content="<p>Mountains</p>",
        attachments=[
            ("https://pixelfed.example/storage/m/_v2/1/abc/mtn.jpg", "Snowy peaks", "image/jpeg")
        ],
        tags=["hiking"],
    )
    extra = {"media/storage/m/_v2/1/abc/mtn.jpg": gps_jpeg()}
    body = run_import(mia, mastodon_archive(items=[item], extra=extra), kind="mastodon")
    assert body["imported"] == 1, body
    note = Note.objects.get(author=mia)
    assert note.images.get().alt_text == "Snowy peaks"


def test_a_redelivered_import_makes_no_second_draft_and_a_finished_one_is_left_alone(
    mia, client_for
):
    """A worker that died half-way leaves the import running with its archive: the run that
    takes it up again skips the posts already made."""
    import shutil

    from crossnote.portability.services import run_import as run_service
    from tests.portability.conftest import as_upload

    response = client_for(mia).post(
        "/api/v1/imports", {"kind": "mastodon", "file": as_upload(mastodon_archive())}
    )
    job = Import.objects.get(pk=response.json()["id"])
    assert job.status == "queued"  # queued on commit: not run yet
    stored = Path(settings.CROSSNOTE_IMPORTS_DIR) / job.file_name
    kept = stored.with_suffix(".keep")
    shutil.copy(stored, kept)
    run_service(import_id=job.pk)
    assert Note.objects.filter(author=mia).count() == 2
    shutil.copy(kept, stored)
    Import.objects.filter(pk=job.pk).update(status="running", file_name=job.file_name, done=1)
    run_service(import_id=job.pk)
    assert Note.objects.filter(author=mia).count() == 2
    assert Import.objects.get(pk=job.pk).status == "done"
    assert len(stored_files(settings.MEDIA_ROOT)) == 3 * 2
    run_service(import_id=job.pk)  # finished: nothing happens
    assert Import.objects.get(pk=job.pk).status == "done"


def test_a_post_of_one_video_becomes_a_video_draft(mia, run_import):
    """Notes hold one video instead of photos: a Mastodon post with a real clip becomes a video
    note (transcoded by notes' own intake), private like every draft, its alt text kept."""
    from tests.notes.video_media import video_bytes

    media = "/media_attachments/files/109/000/002/original/"
    item = outbox_item(
        6, content="<p>Waves</p>", attachments=[(media + "w.mp4", "Waves at dusk", "video/mp4")]
    )
    extra = {"media_attachments/files/109/000/002/original/w.mp4": video_bytes(fmt="mp4")}
    body = run_import(mia, mastodon_archive(items=[item], extra=extra), kind="mastodon")
    assert body["imported"] == 1, body
    note = Note.objects.get(author=mia)
    assert note.visibility == "private" and note.title == "Waves"
    assert note.video.state == "ready"
    assert note.images.get().alt_text == "Waves at dusk"


def test_the_sweep_takes_up_an_import_whose_worker_died(
    mia, client_for, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from crossnote.portability import tasks
    from tests.portability.conftest import as_upload

    response = client_for(mia).post(
        "/api/v1/imports", {"kind": "instagram", "file": as_upload(instagram_export())}
    )
    connection.run_on_commit = []  # that commit is long past, and its worker died
    job_id = response.json()["id"]
    assert tasks.requeue_stuck_imports() == 0  # queued a moment ago: not stuck
    Import.objects.filter(pk=job_id).update(
        status="running", updated_at=timezone.now() - timedelta(minutes=20)
    )
    assert "portability-sweep" in settings.CELERY_BEAT_SCHEDULE
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_stuck_imports() == 1
    job = Import.objects.get(pk=job_id)
    assert job.status == "done" and job.imported == 2
