"""A posted photo's text is read in the background once its variants exist, stored with its
boxes and language, found by search ("text in photo"), served and translated by the API to those
who may see the note (404 otherwise, as the note itself), and a failed reading never breaks
posting."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from crossnote.notes.models import Visibility
from crossnote.notes.services import create_note
from crossnote.search.models import NoteEntry
from crossnote.vision import services
from crossnote.vision.models import PhotoText
from tests.conftest import client_of, upload
from tests.vision.vision_images import text_image

pytestmark = pytest.mark.django_db

MENU = ["麻婆豆腐 28元", "Welcome TikTok refugees!"]


def menu_upload(lines=MENU, name="menu.png"):
    data, _boxes = text_image(lines, size=(520, 200))
    return SimpleUploadedFile(name, data, "image/png")


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """Post a note and run what its commit queues (variants, reading, indexing) as a real
    commit would."""

    def make(author, title="午饭", images=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return create_note(
                author=author, title=title, images=images or [menu_upload()], **kwargs
            )

    return make


def test_posting_a_photo_reads_its_text_with_boxes_and_language(lin, post):
    note = post(lin, images=[upload(), menu_upload()])
    row = PhotoText.objects.get(note=note, image__position=1)
    assert row.status == PhotoText.Status.DONE
    assert [line["text"] for line in row.lines] == ["麻婆豆腐28元", "Welcome TikTok refugees!"]
    for line in row.lines:
        x0, y0, x1, y1 = line["box"]
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    assert row.text == "麻婆豆腐28元\nWelcome TikTok refugees!"
    assert row.language == "mixed"
    assert row.confidence > 0.8 and row.engine == "rapidocr-ppocrv4"
    # The plain photo was read too, and has nothing in it.
    blank = PhotoText.objects.get(note=note, image__position=0)
    assert blank.status == PhotoText.Status.DONE and blank.lines == [] and blank.text == ""


def test_nothing_is_read_before_the_commit(lin):
    note = create_note(author=lin, title="午饭", images=[menu_upload()])  # never committed
    assert not PhotoText.objects.filter(note=note).exists()


def test_ocr_switched_off_reads_nothing(lin, post, settings):
    settings.CROSSNOTE_OCR_ENABLED = False
    note = post(lin)
    assert not PhotoText.objects.filter(note=note).exists()
    body = Client().get(f"/api/v1/notes/{note.pk}/photos/0/text").json()
    assert body["status"] == "off" and body["lines"] == []


def test_a_photo_that_cannot_be_read_is_marked_and_the_note_stands(lin, post):
    note = post(lin)
    image = note.images.get()
    with default_storage.open(image.large.name, "wb") as broken:
        broken.write(b"not an image any more")
    row = services.read_photo(image_id=image.pk)
    assert row.status == PhotoText.Status.FAILED and "not a readable image" in row.error
    assert row.lines == [] and row.text == ""
    assert Client().get(note.get_absolute_url()).status_code == 200


def test_search_finds_the_note_by_the_text_in_its_photo(lin, mia, post):
    note = post(lin, title="午饭")
    assert "tiktok" in NoteEntry.objects.get(note=note).body
    found = Client().get("/api/v1/search", {"q": "refugees"}).json()["notes"]
    assert [(n["id"], n["in_photo"]) for n in found] == [(note.pk, True)]
    assert "<mark>refugees</mark>" in found[0]["snippet"]
    # A match in the note's own words is not labelled as coming from the photo.
    by_title = Client().get("/api/v1/search", {"q": "午饭"}).json()["notes"]
    assert [(n["id"], n["in_photo"]) for n in by_title] == [(note.pk, False)]
    page = Client().get("/search", {"q": "refugees"})
    assert "text in photo" in page.content.decode()


def test_reading_again_reindexes_the_note(lin, post, django_capture_on_commit_callbacks):
    note = post(lin, images=[menu_upload(["今天的火锅真好吃"])])
    image = note.images.get()
    data, _boxes = text_image(["Spicy noodles"], size=(400, 120))
    with default_storage.open(image.large.name, "wb") as stored:
        stored.write(data)
    with django_capture_on_commit_callbacks(execute=True):
        services.read_note_photos(note_id=note.pk)
    entry = NoteEntry.objects.get(note=note)
    assert "spicy" in entry.body and "火锅" not in entry.body


def test_the_api_gives_lines_boxes_and_translations(lin, mia, post):
    note = post(lin)
    response = client_of(mia).get(f"/api/v1/notes/{note.pk}/photos/0/text?translate_to=en")
    assert response.status_code == 200
    body = response.json()
    assert (body["note_id"], body["position"], body["status"]) == (note.pk, 0, "done")
    assert body["language"] == "mixed" and body["target"] == "en"
    first, second = body["lines"]
    assert first["text"] == "麻婆豆腐28元" and len(first["box"]) == 4
    assert first["translation"] and first["translation"] != first["text"]
    assert "tofu" in first["translation"].lower() or "mapo" in first["translation"].lower()
    assert second["translation"] == "Welcome TikTok refugees!"  # already in English
    plain = Client().get(f"/api/v1/notes/{note.pk}/photos/0/text").json()
    assert plain["target"] is None and all(line["translation"] is None for line in plain["lines"])


def test_hidden_notes_answer_404_like_the_note(lin, mia, post):
    note = post(lin, visibility=Visibility.PRIVATE)
    stranger = client_of(mia)
    assert stranger.get(f"/api/v1/notes/{note.pk}").status_code == 404
    response = stranger.get(f"/api/v1/notes/{note.pk}/photos/0/text")
    assert response.status_code == 404
    assert response.json() == stranger.get(f"/api/v1/notes/{note.pk}").json()
    assert client_of(lin).get(f"/api/v1/notes/{note.pk}/photos/0/text").status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/photos/5/text", 404, "no photo at position 5"),
        ("/photos/0/text?translate_to=xx", 400, "not a language"),
        ("/photos/-1/text", 404, "no photo at position -1"),
    ],
)
def test_bad_requests_get_a_clear_4xx(lin, post, path, status, words):
    note = post(lin)
    response = Client().get(f"/api/v1/notes/{note.pk}{path}")
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_a_missing_note_is_404():
    assert Client().get("/api/v1/notes/424242/photos/0/text").status_code == 404
