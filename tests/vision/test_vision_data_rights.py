"""The text read in a person's photos is in their export (validating against the shipped
schema) and leaves with their account: the rows, the search index and the cached translations
of its lines."""

import json

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossnote.language.models import Translation
from crossnote.language.services import _hash
from crossnote.notes.services import create_note
from crossnote.privacy import archive
from crossnote.privacy.erasure import erase_account
from crossnote.vision.models import PhotoText
from crossnote.vision.services import translate_lines
from tests.privacy.scanner import scan_everywhere
from tests.vision.vision_images import text_image

pytestmark = pytest.mark.django_db

WORDS = "QUARTZ ZEBRA 7391"  # in no other data of the test


@pytest.fixture
def note(lin, django_capture_on_commit_callbacks):
    data, _boxes = text_image([WORDS, "四川火锅"], size=(520, 160))
    with django_capture_on_commit_callbacks(execute=True):
        return create_note(
            author=lin,
            title="菜单",
            images=[SimpleUploadedFile("sign.png", data, "image/png")],
        )


def test_the_export_holds_the_text_read_in_ones_photos(lin, note):
    data, _media = archive.collect_data(lin)
    (photo,) = data["photo_texts"]
    assert (photo["note_id"], photo["position"], photo["status"]) == (note.pk, 0, "done")
    assert photo["text"] == f"{WORDS}\n四川火锅"
    assert [line["text"] for line in photo["lines"]] == [WORDS, "四川火锅"]
    schema = json.loads(archive.SCHEMA_PATH.read_text())
    assert "photo_texts" in schema["required"]
    validator = jsonschema.Draft202012Validator(
        schema["properties"]["photo_texts"],
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data["photo_texts"])]
    assert not errors, errors


def test_erasure_leaves_no_trace_of_the_text_in_the_photos(
    lin, note, django_capture_on_commit_callbacks
):
    row = PhotoText.objects.get(note=note)
    translated = translate_lines(note=note, photo_text=row, target="en")
    assert translated[1]  # 四川火锅 now has a cached English translation
    line_hashes = {_hash(line["text"]) for line in row.lines}
    assert Translation.objects.filter(text_hash__in=line_hashes).exists()
    assert scan_everywhere(["ZEBRA"]), "the scanner sees the photo text before erasure"
    with django_capture_on_commit_callbacks(execute=True):
        erase_account(lin)
    assert not PhotoText.objects.exists()
    assert not Translation.objects.filter(text_hash__in=line_hashes).exists()
    assert scan_everywhere(["ZEBRA", "四川火锅"]) == []
