"""Media on S3-compatible storage (django-storages), against moto's S3 server over real HTTP:
photos, avatars and exports go through `default_storage`, with signed or public links."""

import io
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import boto3
import httpx
import pytest
from django.core.files.storage import default_storage

from crossnote.ops import probes
from crossnote.ops.storage import s3_storage
from tests.conftest import stored_files, upload

BUCKET = "crossnote-media"
KEYS = {"access_key_id": "test-access", "secret_access_key": "test-secret", "region": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in its own process on a free port; stopped after the module."""
    port = _free_port()
    server = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(  # noqa: S603 - the venv's own moto_server
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(endpoint + "/moto-api/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            pytest.fail("moto_server did not start")
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3(s3_endpoint, settings):
    """A fresh bucket, and settings that store media in it (signed links by default)."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEYS["access_key_id"],
        aws_secret_access_key=KEYS["secret_access_key"],
        region_name=KEYS["region"],
    )
    client.create_bucket(Bucket=BUCKET)

    def use(**options):
        settings.STORAGES = {
            **settings.STORAGES,
            "default": s3_storage(bucket=BUCKET, endpoint_url=s3_endpoint, **KEYS, **options)[0],
        }
        settings.MEDIA_URL = s3_storage(bucket=BUCKET, endpoint_url=s3_endpoint, **KEYS, **options)[
            1
        ]

    use(querystring_expire=600)
    client.use = use
    client.keys = lambda: sorted(
        o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    )
    yield client
    for key in client.keys():
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def test_settings_builder_refuses_half_configurations():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="S3_BUCKET"):
        s3_storage(bucket="")
    with pytest.raises(ImproperlyConfigured, match="S3_PUBLIC_URL"):
        s3_storage(bucket="b", public_url="cdn.example.com")
    with pytest.raises(ImproperlyConfigured, match="S3_QUERYSTRING_EXPIRE"):
        s3_storage(bucket="b", querystring_expire=0)
    entry, media_url = s3_storage(bucket="b", region="eu-west-1")
    assert entry["OPTIONS"]["querystring_auth"] is True and "endpoint_url" not in entry["OPTIONS"]
    assert media_url == "https://s3.eu-west-1.amazonaws.com/b/"


@pytest.mark.django_db
def test_a_note_photo_round_trips_through_s3_with_signed_links(
    s3, mia, make_note, settings, django_capture_on_commit_callbacks
):
    note = make_note(mia, title="Cat on S3", images=[upload()])
    image = note.images.get()
    keys = s3.keys()
    assert image.thumb.name in keys and image.large.name in keys
    assert stored_files(settings.MEDIA_ROOT) == []  # nothing on the local disk

    url = image.large.url
    assert url.startswith(settings.MEDIA_URL.rstrip("/")) or url.startswith("http://127.0.0.1")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=600" in url
    fetched = httpx.get(url, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content[:4] == b"RIFF" and fetched.content[8:12] == b"WEBP"
    stored = s3.get_object(Bucket=BUCKET, Key=image.large.name)["Body"].read()
    assert fetched.content == stored

    from crossnote.notes.services import delete_note

    with django_capture_on_commit_callbacks(execute=True):
        delete_note(user=mia, note=note)
    assert image.thumb.name not in s3.keys() and image.large.name not in s3.keys()
    assert httpx.get(url, timeout=10).status_code == 404


@pytest.mark.django_db
def test_pages_and_api_link_photos_in_the_bucket(s3, mia, make_note, client, s3_endpoint):
    note = make_note(mia, title="Linked from S3")
    image = note.images.get()
    page = client.get(f"/notes/{note.pk}/").content.decode()
    assert f"{s3_endpoint}/{BUCKET}/{image.large.name}" in page
    api = client.get(f"/api/v1/notes/{note.pk}")
    assert api.status_code == 200
    body = api.content.decode()
    assert f"{s3_endpoint}/{BUCKET}/{image.thumb.name}" in body
    assert "/media/" not in body


@pytest.mark.django_db
def test_public_urls_are_unsigned_and_readable(s3, mia, make_note, s3_endpoint):
    s3.use(public_url=f"{s3_endpoint}/{BUCKET}")
    private = make_note(mia, title="Not public yet").images.get()
    # A public URL over a private object: the server refuses an unsigned read.
    assert httpx.get(private.thumb.url, timeout=10).status_code == 403
    s3.use(public_url=f"{s3_endpoint}/{BUCKET}", default_acl="public-read")
    note = make_note(mia, title="Public bucket")
    image = note.images.get()
    url = image.thumb.url
    assert url == f"{s3_endpoint}/{BUCKET}/{image.thumb.name}"
    fetched = httpx.get(url, timeout=10)
    assert fetched.status_code == 200 and fetched.content[8:12] == b"WEBP"


@pytest.mark.django_db
def test_avatars_are_replaced_in_the_bucket(s3, mia):
    from crossnote.accounts.services import set_avatar

    set_avatar(user=mia, upload=upload())
    first = mia.avatar.name
    assert first in s3.keys()
    set_avatar(user=mia, upload=upload())
    assert mia.avatar.name in s3.keys() and first not in s3.keys()
    assert httpx.get(mia.avatar.url, timeout=10).status_code == 200


@pytest.mark.django_db
def test_exports_carry_photos_read_from_the_bucket(s3, mia, make_note):
    from crossnote.privacy.archive import write_archive

    note = make_note(mia, title="Exported")
    image = note.images.get()
    path = write_archive(mia)
    try:
        with zipfile.ZipFile(path) as archive:
            blobs = [archive.read(n) for n in archive.namelist() if n.startswith("media/")]
    finally:
        Path(path).unlink()
    stored = s3.get_object(Bucket=BUCKET, Key=image.large.name)["Body"].read()
    assert stored in blobs


@pytest.mark.django_db
def test_storage_probe_and_a_missing_bucket(s3, s3_endpoint, settings):
    assert probes.storage() is None
    assert not [k for k in s3.keys() if k.startswith("crossnote-check")]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(bucket="no-such-bucket", endpoint_url=s3_endpoint, **KEYS)[0],
    }
    reason = probes.storage()
    assert reason and "NoSuchBucket" in reason
    assert default_storage.bucket_name == "no-such-bucket"  # rebuilt from the new settings


@pytest.mark.django_db
def test_export_archives_live_in_a_private_folder_of_the_bucket(
    s3, s3_endpoint, settings, mia, django_capture_on_commit_callbacks
):
    """Several machines share no disk: the worker that builds an archive and the web process
    that serves it find it in the bucket; its links are signed even where media are public."""
    from django.core.management import call_command
    from django.test import Client

    from crossnote.ops.storage import private_s3_storage
    from crossnote.privacy import services
    from crossnote.privacy.models import ExportRequest

    public, _url = s3_storage(
        bucket=BUCKET, endpoint_url=s3_endpoint, public_url="https://cdn.example.com/m", **KEYS
    )
    settings.STORAGES = {**settings.STORAGES, "exports": private_s3_storage(public, "exports")}
    settings.CROSSNOTE_EXPORTS_DIR = "/nonexistent/exports-must-not-be-used"
    with django_capture_on_commit_callbacks(execute=True):
        export = services.request_export(user=mia)
    export.refresh_from_db()
    assert export.status == ExportRequest.Status.READY
    key = f"exports/{export.file_name}"
    assert key in s3.keys()
    stored = services.export_storage()
    assert "X-Amz-Signature" in stored.url(export.file_name)  # never the public CDN link
    assert "cdn.example.com" not in stored.url(export.file_name)
    client = Client()
    client.force_login(mia)
    response = client.get(services.download_url(export))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist()
    # The operator's command copies an archive out of the bucket.
    out = Path(settings.MEDIA_ROOT).parent / "copy.zip"
    call_command("privacy", "export", mia.username, "--output", str(out), stdout=io.StringIO())
    assert zipfile.is_zipfile(out)
    # Expiry deletes it from the bucket.
    services.expire_exports(now=export.expires_at)
    assert key not in s3.keys()
