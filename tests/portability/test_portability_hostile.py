"""Hostile and broken archives are refused with a clear reason, and nothing is stored: zip
bombs, too many files, names that climb out of the archive, symbolic links, bad JSON, not a ZIP."""

import io
import stat
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from crossnote.notes.models import Note
from crossnote.portability.models import Import
from tests.conftest import stored_files
from tests.portability.conftest import as_upload, instagram_export, mastodon_archive, zip_bytes

pytestmark = pytest.mark.django_db


def _nothing_stored(user):
    assert not Note.objects.filter(author=user).exists()
    assert stored_files(settings.MEDIA_ROOT) == []
    assert not list(Path(settings.CROSSNOTE_IMPORTS_DIR).glob("*"))


def test_a_zip_bomb_is_refused_by_its_ratio(mia, run_import):
    bomb = zip_bytes({"outbox.json": {"orderedItems": []}, "media/zeros.jpg": b"\0" * 50_000_000})
    body = run_import(mia, bomb, kind="mastodon")
    assert body["status"] == "failed"
    assert "zip bomb" in body["error"] and "media/zeros.jpg" in body["error"]
    _nothing_stored(mia)


def test_an_archive_that_unpacks_too_large_or_holds_too_many_files_is_refused(
    mia, run_import, settings
):
    settings.CROSSNOTE_IMPORT_MAX_UNCOMPRESSED_BYTES = 2000
    body = run_import(mia, instagram_export())
    assert body["status"] == "failed" and "unpacks to" in body["error"]
    settings.CROSSNOTE_IMPORT_MAX_UNCOMPRESSED_BYTES = 10**9
    settings.CROSSNOTE_IMPORT_MAX_ENTRIES = 10
    many = zip_bytes({f"f{i}.txt": "x" for i in range(11)})
    body = run_import(mia, many)
    assert body["status"] == "failed" and "11 files" in body["error"]
    _nothing_stored(mia)


@pytest.mark.parametrize(
    "name",
    ["../../etc/cron.d/evil", "/etc/passwd", "media/../../x.jpg", "C:/Windows/x", "a\\..\\b"],
)
def test_names_outside_the_archive_are_refused(mia, run_import, name):
    body = run_import(mia, instagram_export(extra={name: b"x"}))
    assert body["status"] == "failed" and "outside the archive" in body["error"], body
    _nothing_stored(mia)


def test_a_symbolic_link_is_skipped_and_reported(mia, run_import):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(instagram_export())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        link = zipfile.ZipInfo("media/posts/202301/link.jpg")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        dst.writestr(link, "/etc/passwd")
    body = run_import(mia, out.getvalue())
    assert body["status"] == "done" and body["imported"] == 2
    assert {"item": "media/posts/202301/link.jpg", "reason": "a symbolic link; skipped"} in body[
        "errors"
    ]


@pytest.mark.parametrize(
    ("kind", "files", "says"),
    [
        ("instagram", {"your_instagram_activity/content/posts_1.json": "[{oops"}, "not valid JSON"),
        ("instagram", {"readme.txt": "hello"}, "No posts found"),
        ("instagram", {"content/posts_1.json": '"a string"'}, "not a list of posts"),
        ("mastodon", {"outbox.json": "{"}, "not valid JSON"),
        ("mastodon", {"outbox.json": "{}"}, "no orderedItems"),
        ("mastodon", {"actor.json": "{}"}, "No outbox.json"),
    ],
)
def test_malformed_archives_fail_with_a_clear_reason(mia, run_import, kind, files, says):
    body = run_import(mia, zip_bytes(files), kind=kind)
    assert body["status"] == "failed" and says in body["error"], body
    _nothing_stored(mia)


def test_a_file_that_is_not_a_zip_fails_clearly(mia, run_import):
    body = run_import(mia, b"%PDF-1.4 not a zip at all")
    assert body["status"] == "failed" and body["error"] == "This file is not a ZIP archive."
    _nothing_stored(mia)


def test_an_archive_over_the_size_limit_is_413_and_kept_nowhere(mia, run_import, settings):
    settings.CROSSNOTE_IMPORT_MAX_BYTES = 1000
    body = run_import(mia, instagram_export(), status=413)
    assert "limit" in body["detail"]
    assert not Import.objects.exists()
    _nothing_stored(mia)


def test_bad_requests_are_4xx_with_a_message(mia, client_for):
    client = client_for(mia)
    response = client.post("/api/v1/imports", {"kind": "tiktok", "file": as_upload(b"PK")})
    assert response.status_code == 400 and response.json()["field"] == "kind"
    response = client.post("/api/v1/imports", {"kind": "instagram"})
    assert response.status_code == 422
    assert client.get("/api/v1/imports/999").status_code == 404


def test_one_import_at_a_time_per_person(mia, lin, client_for):
    client = client_for(mia)
    first = client.post(
        "/api/v1/imports", {"kind": "mastodon", "file": as_upload(mastodon_archive())}
    )
    assert first.status_code == 202  # queued (tasks run after the commit, which tests hold)
    second = client.post(
        "/api/v1/imports", {"kind": "mastodon", "file": as_upload(mastodon_archive())}
    )
    assert second.status_code == 409 and "already running" in second.json()["detail"]
    # Someone else's import is not theirs to see.
    assert client_for(lin).get(f"/api/v1/imports/{first.json()['id']}").status_code == 404


def test_a_hard_failure_half_way_keeps_nothing(mia, run_import):
    """A failure that is no post's fault (here the database refusing the second note's row)
    removes the drafts already made: nothing half-stored."""
    from django.db.models.signals import post_save

    saved = []

    def refuse_second(sender, instance, created, **kwargs):
        if created:
            saved.append(instance.pk)
            if len(saved) == 2:
                raise RuntimeError("database went away")

    post_save.connect(refuse_second, sender=Note, dispatch_uid="test-refuse-second")
    try:
        body = run_import(mia, instagram_export())
    finally:
        post_save.disconnect(dispatch_uid="test-refuse-second", sender=Note)
    assert len(saved) == 2
    assert body["status"] == "failed" and "nothing was kept" in body["error"]
    _nothing_stored(mia)
