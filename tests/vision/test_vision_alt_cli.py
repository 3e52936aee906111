"""The text read in a photo is offered to the author as the photo's description (never over one
they wrote), through the API and the note page; the `crossnote vision` command prints what was
read and reads old notes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from crossnote.notes.models import NoteImage
from crossnote.notes.services import create_note
from crossnote.vision.models import PhotoText
from tests.conftest import client_of
from tests.vision.vision_images import text_image

pytestmark = pytest.mark.django_db


def sign(lines=("营业时间 10:00-22:00",)):
    data, _boxes = text_image(list(lines), size=(520, 120))
    return SimpleUploadedFile("sign.png", data, "image/png")


@pytest.fixture
def note(lin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_note(author=lin, title="店门口", images=[sign()])


def test_the_author_takes_the_text_as_the_description(lin, note):
    url = f"/api/v1/notes/{note.pk}/photos/0/alt-text"
    response = client_of(lin).post(url, {}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {"note_id": note.pk, "position": 0, "alt_text": "营业时间10:00-22:00"}
    assert NoteImage.objects.get(note=note).alt_text == "营业时间10:00-22:00"


def test_a_description_the_author_wrote_is_never_overwritten(lin, note):
    client = client_of(lin)
    url = f"/api/v1/notes/{note.pk}/photos/0/alt-text"
    edited = client.post(url, {"alt_text": "Opening hours sign"}, content_type="application/json")
    assert edited.status_code == 200 and edited.json()["alt_text"] == "Opening hours sign"
    again = client.post(url, {}, content_type="application/json")
    assert again.status_code == 409 and "already has a description" in again.json()["detail"]
    assert NoteImage.objects.get(note=note).alt_text == "Opening hours sign"


def test_only_the_author_may_describe_the_photo(lin, mia, note):
    url = f"/api/v1/notes/{note.pk}/photos/0/alt-text"
    response = client_of(mia).post(url, {}, content_type="application/json")
    assert response.status_code == 403
    assert NoteImage.objects.get(note=note).alt_text == ""


def test_a_photo_without_text_has_nothing_to_offer(lin, django_capture_on_commit_callbacks):
    from tests.conftest import upload

    with django_capture_on_commit_callbacks(execute=True):
        plain = create_note(author=lin, title="天空", images=[upload()])
    url = f"/api/v1/notes/{plain.pk}/photos/0/alt-text"
    response = client_of(lin).post(url, {}, content_type="application/json")
    assert response.status_code == 409 and "No text was read" in response.json()["detail"]


def test_the_note_page_offers_the_text_to_its_author_only(lin, mia, note):
    own = client_of(lin).get(note.get_absolute_url()).content.decode()
    assert 'data-testid="photo-alt-offer"' in own and "营业时间10:00-22:00</textarea>" in own
    theirs = client_of(mia).get(note.get_absolute_url()).content.decode()
    assert 'data-testid="photo-alt-offer"' not in theirs
    assert 'data-testid="translate-photo-text"' in theirs  # Chinese text, an English reader
    form = client_of(lin).post(
        f"/notes/{note.pk}/photos/0/alt-text", {"alt_text": "Shop sign: open 10 to 22"}
    )
    assert form.status_code == 302 and form["Location"] == note.get_absolute_url()
    assert NoteImage.objects.get(note=note).alt_text == "Shop sign: open 10 to 22"
    page = client_of(lin).get(note.get_absolute_url()).content.decode()
    assert 'alt="Shop sign: open 10 to 22"' in page and "photo-alt-offer" not in page


def test_the_page_form_says_what_is_wrong(lin, note):
    response = client_of(lin).post(
        f"/notes/{note.pk}/photos/0/alt-text", {"alt_text": "x" * 301}, follow=True
    )
    assert "at most 300 characters" in response.content.decode()
    assert NoteImage.objects.get(note=note).alt_text == ""


def test_cli_prints_the_lines_of_a_note(note, capsys):
    call_command("vision", "read", str(note.pk))
    out = capsys.readouterr().out
    assert "photo 1 (done, zh)" in out and "营业时间10:00-22:00" in out


def test_cli_reprocess_reads_old_notes(lin, capsys):
    old = create_note(author=lin, title="旧笔记", images=[sign(["老店 1998"])])  # never committed
    assert not PhotoText.objects.filter(note=old).exists()
    call_command("vision", "reprocess", "--missing")
    assert "read 1 photos" in capsys.readouterr().out
    assert PhotoText.objects.get(note=old).text == "老店1998"
    call_command("vision", "reprocess", "--note", str(old.pk))
    assert "read 1 photos" in capsys.readouterr().out


def test_cli_refuses_a_missing_note():
    with pytest.raises(CommandError, match="no note 424242"):
        call_command("vision", "read", "424242")


def test_cli_reads_a_file(tmp_path, capsys):
    path = tmp_path / "menu.png"
    data, _boxes = text_image(["牛肉面 18元"], size=(400, 120))
    path.write_bytes(data)
    call_command("vision", "read-file", str(path))
    assert "牛肉面18元" in capsys.readouterr().out


def test_the_sweep_reads_recent_photos_a_dead_process_left_unread(lin):
    from datetime import timedelta

    from django.utils import timezone

    from crossnote.notes.models import Note
    from crossnote.vision.services import read_unread_photos

    fresh = create_note(author=lin, title="刚发的", images=[sign(["刚刚 1"])])
    stale = create_note(author=lin, title="十分钟前", images=[sign(["十分钟前 2"])])
    old = create_note(author=lin, title="去年", images=[sign(["去年 3"])])
    now = timezone.now()
    Note.objects.filter(pk=stale.pk).update(created_at=now - timedelta(minutes=10))
    Note.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=3))
    assert read_unread_photos() == 1
    assert PhotoText.objects.get().note_id == stale.pk
    assert read_unread_photos() == 0  # read once; the fresh one is its own task's, the old one
    assert not PhotoText.objects.filter(note__in=[fresh, old]).exists()  # is for reprocess
