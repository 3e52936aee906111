"""A video note in the data-rights registry: its renditions are in the export (under media/,
described in data.json) and its files go with the account."""

import json
import zipfile
from pathlib import Path

import jsonschema
import pytest

from crossnote.notes import services
from crossnote.notes.models import NoteVideo
from crossnote.privacy import archive
from crossnote.privacy.erasure import erase_account
from tests.notes.video_media import clip

pytestmark = pytest.mark.django_db


def test_a_video_notes_renditions_are_exported_and_erased_with_the_account(
    mia, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = services.create_note(author=mia, title="Waves", video=clip())
    video = NoteVideo.objects.get(note=note)
    stored = [Path(settings.MEDIA_ROOT) / f.name for f in video.files]
    assert video.state == "ready" and stored and all(f.exists() for f in stored)

    path = archive.write_archive(mia)
    with zipfile.ZipFile(path) as made:
        data = json.loads(made.read("data.json"))
        names = set(made.namelist())
    Path(path).unlink()
    schema = json.loads(archive.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    exported = data["notes"][0]["video"]
    assert exported["duration"] > 1 and set(exported["files"]) == {"mp4", "small"}
    assert set(exported["files"].values()) <= names

    with django_capture_on_commit_callbacks(execute=True):
        erase_account(mia)
    assert not NoteVideo.objects.exists()
    assert not any(f.exists() for f in stored)
