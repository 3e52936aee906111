"""Export: an archive of everything, built in the background, downloadable by its owner only,
for a limited time; it validates against the JSON Schema shipped in the repo."""

import io
import json
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from crossnote.core.tasks import PermanentFailure
from crossnote.privacy import archive, services, tasks
from crossnote.privacy.models import ExportRequest
from crossnote.social.models import Notification
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def validate(data):
    schema = json.loads(archive.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def ask_and_build(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/me/exports")
    assert response.status_code == 202, response.content
    body = client.get(f"/api/v1/me/exports/{response.json()['id']}").json()
    assert body["status"] == "ready" and body["progress"] == 100
    return body


def open_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_of_a_user_with_data_in_every_feature_validates_and_holds_it_all(
    rich_user, client_for, marker, django_capture_on_commit_callbacks
):
    subject = rich_user["subject"]
    client = client_for(subject)
    body = ask_and_build(client, django_capture_on_commit_callbacks)
    response = client.get(body["download_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive_zip = open_zip(response)
    data = json.loads(archive_zip.read("data.json"))
    validate(data)

    assert data["profile"]["email"] == f"{marker}@example.com"
    assert data["profile"]["data_region"] == "eu"
    titles = {n["title"] for n in data["notes"]}
    assert {f"My cat {marker}title", f"Secret {marker}priv"} == titles
    assert {c["body"] for c in data["comments"]} == {f"Nice! {marker}cmt", f"Thanks {marker}reply"}
    assert data["likes"]["notes"][0]["title"] == "Other's note"
    assert len(data["likes"]["comments"]) == 1
    assert {b["name"] for b in data["boards"]} == {"Saved", f"Board {marker}brd"}
    assert [p["username"] for p in data["people"]["following"]] == ["other_p"]
    assert [p["username"] for p in data["people"]["followers"]] == ["other_p"]
    assert [p["username"] for p in data["people"]["muted"]] == ["third_p"]
    assert [p["username"] for p in data["people"]["blocked"]] == ["pest_p"]
    assert {"like", "comment", "follow", "collect"} <= {n["verb"] for n in data["notifications"]}
    assert data["translation_reports"][0]["reason"] == f"wrong {marker}rsn"
    assert data["moderation"]["decisions"] and data["moderation"]["withholdings"]
    assert data["moderation"]["withholdings"][0]["legal_basis"] == "Court order 1"
    assert data["moderation"]["appeals"][0]["text"] == f"Please look {marker}apl"
    assert data["moderation"]["reports_filed"][0]["text"] == f"Looks like spam {marker}rpt"
    assert data["consents"][0]["document"] == "community_guidelines"
    assert data["recent_searches"][0]["query"] == f"cats {marker}q"
    assert [i["topic"] for i in data["interests"]] == ["cats"]
    assert data["security"]["signup_application"]["reason"] == f"I draw cats {marker}why"
    assert data["moderation"]["suspensions"][0]["lifted"] is True
    assert data["security"]["logins"]
    assert data["security"]["access_log"][0] == {
        **data["security"]["access_log"][0],
        "viewer": "other_p",
        "what": "email",
    }

    names = set(archive_zip.namelist())
    assert data["profile"]["avatar"] in names
    image_files = [f for n in data["notes"] for i in n["images"] for f in i["files"].values()]
    assert len(image_files) == 2 * 3 and set(image_files) <= names
    index = archive_zip.read("index.html").decode()
    assert f"My cat {marker}title" in index and "<!doctype html>" in index
    assert f"cats {marker}q" in index and f"I draw cats {marker}why" in index


def test_ready_export_notifies_its_owner(rich_user, client_for, django_capture_on_commit_callbacks):
    subject = rich_user["subject"]
    ask_and_build(client_for(subject), django_capture_on_commit_callbacks)
    assert Notification.objects.filter(
        recipient=subject, verb=Notification.Verb.EXPORT_READY, actor=None
    ).exists()
    page = client_for(subject).get("/notifications/").content.decode()
    assert "prepared your data export" in page


def test_export_of_others_notes_honours_their_visibility(mia, lin, make_note, client_for):
    from crossnote.notes import services as notes

    note = make_note(lin, title="Lin's private thought", visibility="followers")
    from crossnote.social.services import follow_user, unfollow_user

    follow_user(follower=mia, followee=lin)
    notes.like_note(user=mia, note=note)
    unfollow_user(follower=mia, followee=lin)
    data, _media = archive.collect_data(mia)
    assert data["likes"]["notes"] == [
        {"note_id": note.pk, "title": None, "author": None, "at": data["likes"]["notes"][0]["at"]}
    ]


def test_asking_twice_while_one_is_being_prepared_is_409_and_keeps_the_first(mia, client_for):
    client = client_for(mia)
    first = client.post("/api/v1/me/exports")  # queued: on_commit does not run in this test
    assert first.status_code == 202 and first.json()["status"] == "queued"
    again = client.post("/api/v1/me/exports")
    assert again.status_code == 409
    assert "already" in again.json()["detail"]
    assert ExportRequest.objects.filter(user=mia).count() == 1


def test_someone_elses_download_link_is_403(
    mia, lin, client_for, django_capture_on_commit_callbacks
):
    body = ask_and_build(client_for(mia), django_capture_on_commit_callbacks)
    assert client_for(lin).get(body["download_url"]).status_code == 403
    api = client_for(lin).get(
        f"/api/v1/me/exports/{body['id']}/download?t={body['download_url'].split('t=')[1]}"
    )
    assert api.status_code == 403
    assert "another account" in api.json()["detail"]


def test_a_forged_link_is_403_and_visitors_must_log_in(
    mia, client_for, django_capture_on_commit_callbacks
):
    body = ask_and_build(client_for(mia), django_capture_on_commit_callbacks)
    forged = body["download_url"].split("t=")[0] + "t=1.2:forged:sig"
    assert client_for(mia).get(forged).status_code == 403
    assert Client().get(body["download_url"]).status_code == 302  # to the log-in page


def test_an_expired_link_is_410(mia, client_for, monkeypatch, django_capture_on_commit_callbacks):
    client = client_for(mia)
    body = ask_and_build(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(pk=body["id"])
    eight_days_ago = int(time.time()) - 8 * 86400
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago)
    )
    old_link = services.download_url(export)
    monkeypatch.undo()
    response = client.get(old_link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    api = client.get(f"/api/v1/me/exports/{export.pk}/download?t={old_link.split('t=')[1]}")
    assert api.status_code == 410


def test_the_sweeper_deletes_expired_archives_and_their_links_are_410(
    mia, client_for, settings, django_capture_on_commit_callbacks
):
    client = client_for(mia)
    body = ask_and_build(client, django_capture_on_commit_callbacks)
    export = ExportRequest.objects.get(pk=body["id"])
    path = settings.CROSSNOTE_EXPORTS_DIR / export.file_name
    assert path.exists()
    done = tasks.sweep(now=timezone.now() + timedelta(days=8), run=tasks.run_inline)
    assert done["exports_expired"] == 1
    export.refresh_from_db()
    assert export.status == "expired" and not path.exists()
    assert client.get(body["download_url"]).status_code == 410


def test_the_page_shows_progress_and_polls_until_ready(mia, client_for):
    client = client_for(mia)
    response = client.post("/settings/privacy/exports/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<progress" in fragment
    export = ExportRequest.objects.get(user=mia)
    tasks.run_export(export.pk)
    fragment = client.get("/settings/privacy/exports/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment
    assert 'data-testid="download-export"' in fragment


def test_the_sweeper_requeues_a_stuck_export_and_gives_up_after_three_tries(mia):
    stale = timezone.now() - timedelta(hours=1)
    stuck = ExportRequest.objects.create(user=mia, status="running", attempts=1)
    ExportRequest.objects.filter(pk=stuck.pk).update(updated_at=stale)
    tasks.sweep(run=tasks.run_inline)
    stuck.refresh_from_db()
    assert stuck.status == "ready" and stuck.attempts == 2

    hopeless = ExportRequest.objects.create(user=make_user("zed"), status="running", attempts=3)
    ExportRequest.objects.filter(pk=hopeless.pk).update(updated_at=stale)
    tasks.sweep(run=tasks.run_inline)
    hopeless.refresh_from_db()
    assert hopeless.status == "failed"


def test_a_failing_build_is_retried_then_marked_failed(mia, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(archive, "write_archive", broken)
    export = ExportRequest.objects.create(user=mia)
    for _attempt in range(2):  # raised so that Celery retries it with backoff
        with pytest.raises(OSError):
            tasks.run_export(export.pk)
    with pytest.raises(PermanentFailure):  # out of attempts: no retry, a dead letter
        tasks.run_export(export.pk)
    export.refresh_from_db()
    assert export.status == "failed" and "disk full" in export.error
    # A failed export does not block asking again.
    assert services.request_export(user=mia).status == "queued"


def test_archives_are_kept_outside_media_root(mia, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.request_export(user=mia)
    export.refresh_from_db()
    assert (settings.CROSSNOTE_EXPORTS_DIR / export.file_name).exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.zip"))


@pytest.mark.parametrize("meanwhile", ["failed", "expired", "ready"])
def test_a_build_that_finishes_after_its_export_moved_on_changes_nothing(mia, settings, meanwhile):
    """The sweeper gave it up (failed), it expired, or a second run after a requeue finished
    first (ready): a late build neither overwrites the row nor tells the person again, and its
    archive does not stay behind."""
    export = ExportRequest.objects.create(user=mia, status="running", attempts=1)
    ExportRequest.objects.filter(pk=export.pk).update(status=meanwhile, file_name="first.zip")
    services.build_export(export=export)
    export.refresh_from_db()
    assert export.status == meanwhile and export.file_name == "first.zip"
    assert not Notification.objects.filter(recipient=mia, verb="export_ready").exists()
    assert not list(Path(settings.CROSSNOTE_EXPORTS_DIR).rglob("*.zip"))


def test_two_runs_of_one_export_tell_the_person_once(mia, settings):
    export = ExportRequest.objects.create(user=mia, status="running", attempts=1)
    services.build_export(export=export)
    services.build_export(export=ExportRequest.objects.get(pk=export.pk))
    export.refresh_from_db()
    assert export.status == "ready"
    assert Notification.objects.filter(recipient=mia, verb="export_ready").count() == 1
    archives = list(Path(settings.CROSSNOTE_EXPORTS_DIR).rglob("*.zip"))
    assert [p.name for p in archives] == [Path(export.file_name).name]
