"""A comment's review item shows the note it sits under in the moderator's language too: its
title and snippet translated as the comment's own text is (a Chinese moderator read an English
title untranslated), the engine named; nothing extra where the note is already in their
language."""

import pytest
from django.utils import translation

from crossnote.language import backends
from crossnote.moderation.models import ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture(autouse=True)
def dictionary_only(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


def has_han(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def engine_label(language: str) -> str:
    with translation.override(language):
        return str(backends.get_backend("dictionary").info.label)


def comment_item(author, commenter, title, body, comment_body) -> ReviewItem:
    note = create_note(author=author, title=title, body=body, images=[upload()])
    comment = add_comment(note=note, author=commenter, body=comment_body)
    client_of(author).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment"},
        content_type=JSON,
    )
    return ReviewItem.objects.get(kind="comment", object_id=comment.pk)


def test_a_chinese_moderator_reads_an_english_notes_title_in_chinese(mia, lin):
    item = comment_item(mia, lin, "Sunday dumplings", "Pork and chives", "你的饺子真难看")
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    note = client_of(wang).get(f"/api/v1/moderation/queue/{item.pk}?target=zh").json()["note"]
    assert note["title"] == "Sunday dumplings"
    title = note["title_translated"]
    assert title["original"] == "Sunday dumplings" and has_han(title["translation"])
    assert title["engine"] == engine_label("en")  # the API answers in the caller's UI language
    assert has_han(note["snippet_translated"]["translation"])

    html = (
        client_of(wang)
        .get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        .content.decode()
    )
    shown = html.split('data-testid="parent-note-translation">', 1)[1].split("</p>", 1)[0]
    assert title["translation"] in shown and engine_label("zh-hans") in shown
    assert "Sunday dumplings" in html  # the original title stays, linked


def test_an_english_moderator_reads_a_chinese_notes_title_in_english(mia, lin):
    item = comment_item(lin, mia, "邻居", "楼上的邻居又吵到半夜", "Your neighbours are right")
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    note = client_of(amy).get(f"/api/v1/moderation/queue/{item.pk}?target=en").json()["note"]
    translated = note["title_translated"]["translation"]
    assert translated and any(c.isascii() and c.isalpha() for c in translated)
    html = (
        client_of(amy)
        .get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert 'data-testid="parent-note-translation"' in html and translated in html


def test_a_note_already_in_the_moderators_language_is_not_translated(mia, lin):
    item = comment_item(mia, lin, "Sunday dumplings", "Pork and chives", "Looks awful")
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    note = client_of(amy).get(f"/api/v1/moderation/queue/{item.pk}?target=en").json()["note"]
    assert note["title_translated"]["translation"] is None
    html = (
        client_of(amy)
        .get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert 'data-testid="parent-note"' in html
    assert 'data-testid="parent-note-translation"' not in html
