"""A person's imports are in their data export (valid against the shipped schema) and go with
their account: rows, drafts with their photos, and an archive still waiting to be read."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.management import call_command

from crossnote.portability.models import Import, ImportedDraft
from crossnote.privacy import archive
from tests.conftest import stored_files
from tests.portability.conftest import as_upload, instagram_export
from tests.privacy.scanner import scan_everywhere

pytestmark = pytest.mark.django_db


def _import_with_marker(user, marker, run_import):
    posts = [
        {"title": f"Lake {marker}cap", "media": [{"uri": "media/posts/202301/cat1.jpg"}]},
        {"title": "gone", "media": [{"uri": f"media/posts/202301/{marker}missing.jpg"}]},
    ]
    return run_import(user, instagram_export(posts=posts))


def test_the_export_holds_imports_and_drafts_and_validates(mia, run_import, marker):
    body = _import_with_marker(mia, marker, run_import)
    data, _media = archive.collect_data(mia)
    schema = json.loads(archive.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    section = data["imports"]
    assert [i["id"] for i in section["imports"]] == [body["id"]]
    assert any(marker in p["item"] for p in section["imports"][0]["errors"])
    assert section["drafts"] == list(
        ImportedDraft.objects.filter(user=mia).values_list("note_id", flat=True)
    )


def test_erasure_leaves_nothing_of_the_imports(
    mia, lin, run_import, marker, client_for, django_capture_on_commit_callbacks
):
    _import_with_marker(mia, marker, run_import)
    # A second archive still waiting to be read (queued, never run: commits are held here).
    client_for(mia).post(
        "/api/v1/imports",
        {"kind": "instagram", "file": as_upload(instagram_export(), f"{marker}.zip")},
    )
    waiting = Path(settings.CROSSNOTE_IMPORTS_DIR)
    assert len(list(waiting.glob("*"))) == 1
    assert any("portability" in hit for hit in scan_everywhere([marker]))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("privacy", "erase", "mia_ms", "--now")
    assert scan_everywhere([marker]) == []
    assert not Import.objects.exists() and not ImportedDraft.objects.exists()
    assert list(waiting.glob("*")) == []
    assert stored_files(settings.MEDIA_ROOT) == []
