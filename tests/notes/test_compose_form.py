"""The compose page's server side of the photo picker: limits rendered from settings (what the
picker checks before uploading), no `maxlength` that silently cuts text, clear errors for text
over the limit (line breaks count once), and the JSON answers the picker's fetch post reads."""

import json
import re

from crossnote.notes.models import BODY_MAX, MAX_IMAGES, TITLE_MAX, Note
from tests.conftest import stored_files, upload


def _post(client, json_answer=False, **data):
    fields = {"title": "A title", "body": "", "topics": "", "visibility": "public"}
    fields.update(data)
    headers = {"HTTP_ACCEPT": "application/json"} if json_answer else {}
    return client.post("/notes/new/", fields, **headers)


def test_picker_limits_come_from_settings(client_for, mia, settings):
    settings.CROSSNOTE_MAX_UPLOAD_BYTES = 3 * 1024 * 1024
    settings.CROSSNOTE_MAX_IMAGE_PIXELS = 20_000_000
    page = client_for(mia).get("/notes/new/").content.decode()
    picker = re.search(r"<div [^>]*data-picker[^>]*>", page, re.S).group(0)
    assert f'data-max-photos="{MAX_IMAGES}"' in picker
    assert 'data-max-bytes="3145728"' in picker and 'data-max-mb="3"' in picker
    assert 'data-max-pixels="20000000"' in picker
    assert 'data-types="image/jpeg,image/png,image/webp,image/gif"' in picker
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in page
    assert "at most 3 MB each" in page
    assert f'data-counter-for="id_title" data-max="{TITLE_MAX}"' in page
    assert f'data-counter-for="id_body" data-max="{BODY_MAX}"' in page
    words = json.loads(re.search(r'id="picker-text"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert words["too_big"] == "%(name)s is %(size)s MB; the limit is %(max)s MB."


def test_picker_words_are_in_the_readers_language(client_for, mia):
    client = client_for(mia)
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/notes/new/").content.decode()
    words = json.loads(re.search(r'id="picker-text"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert words["original"] == "原图"
    assert words["add"] == "添加图片"


def test_title_and_body_have_no_maxlength_that_cuts_text(client_for, mia):
    page = client_for(mia).get("/notes/new/").content.decode()
    title = re.search(r"<input [^>]*name=\"title\"[^>]*>", page).group(0)
    body = re.search(r"<textarea [^>]*name=\"body\"[^>]*>", page).group(0)
    assert "maxlength" not in title and "maxlength" not in body


def test_a_body_over_the_limit_is_a_clear_error_and_the_text_is_kept(client_for, mia, settings):
    text = "y" * 4800
    response = _post(client_for(mia), body=text, images=[upload()])
    assert response.status_code == 400
    page = response.content.decode()
    assert "The text is 4800 characters; at most 2000." in page
    assert text in page  # all of it, not cut to the limit
    assert not Note.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_line_breaks_count_once_as_in_the_counter(client_for, mia):
    # A browser sends each line break as CRLF: 1,400 characters on screen arrive as 2,099.
    body = "x\r\n" * 699 + "x"
    assert len(body) > BODY_MAX
    response = _post(client_for(mia), body=body, images=[upload()])
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.body == "x\n" * 699 + "x" and len(note.body) == 1399


def test_the_pickers_post_gets_json_where_the_note_is(client_for, mia):
    response = _post(client_for(mia), json_answer=True, images=[upload("a.jpg"), upload("b.jpg")])
    assert response.status_code == 201
    note = Note.objects.get()
    assert response.json() == {"location": f"/notes/{note.pk}/"}
    assert note.images.count() == 2


def test_the_pickers_refused_post_gets_each_fields_errors(client_for, mia, settings):
    response = _post(
        client_for(mia),
        json_answer=True,
        title="",
        images=[upload("bad.jpg", b"plain text, not a photo" * 5)],
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["message"] for e in errors["title"]] == ["This field is required."]
    response = _post(
        client_for(mia),
        json_answer=True,
        images=[upload("a.jpg"), upload("bad.jpg", b"plain text, not a photo" * 5)],
    )
    assert response.status_code == 400
    (message,) = [e["message"] for e in response.json()["errors"]["images"]]
    assert message == "Image 2: This file is not a JPEG, PNG, WebP or GIF image."
    assert not Note.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_editing_counts_too_and_refuses_long_text_clearly(client_for, mia, make_note):
    note = make_note(mia, title="Short", body="Short body")
    client = client_for(mia)
    page = client.get(f"/notes/{note.pk}/edit/").content.decode()
    assert f'data-counter-for="id_title" data-max="{TITLE_MAX}"' in page
    assert f'data-counter-for="id_body" data-max="{BODY_MAX}"' in page
    assert "maxlength" not in re.search(r"<textarea [^>]*>", page).group(0)
    fields = {"title": "Short", "body": "b" * 2500, "topics": "", "visibility": "public"}
    response = client.post(f"/notes/{note.pk}/edit/", fields)
    assert response.status_code == 400
    assert "The text is 2500 characters; at most 2000." in response.content.decode()
    note.refresh_from_db()
    assert note.body == "Short body"
