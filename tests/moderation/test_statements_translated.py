"""Across languages in review: the moderator's own reason reaches the author in the author's
language (translated through crossnote.language and its cache, with the original and the engine
named), and the senior moderator deciding an appeal reads the appeal and the original decision's
reason in their language."""

import pytest
from django.utils import translation

from crossnote.language import backends
from crossnote.language.models import Translation
from crossnote.language.services import _hash
from crossnote.moderation.models import Decision, ReviewItem
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
REASON = "Insulting the neighbours"
APPEAL = "我只是在抱怨噪音，我会改写。"


@pytest.fixture(autouse=True)
def dictionary_only(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


def engine_label(language: str) -> str:
    with translation.override(language):
        return str(backends.get_backend("dictionary").info.label)


@pytest.fixture
def removed(lin, mia):
    """Lin (Chinese UI) wrote a note; Amy, an English-speaking moderator, removed it after
    Mia's report, with a reason in English."""
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    note = create_note(author=lin, title="邻居", body="你们都是白痴", images=[upload()])
    client_of(mia).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(kind="note", object_id=note.pk)
    response = client_of(amy).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": REASON},
        content_type=JSON,
    )
    assert response.status_code == 200
    return note, Decision.objects.get(automated=False, on_appeal=False)


def test_the_authors_chinese_statement_has_the_reason_translated_with_original_and_engine(
    removed, lin
):
    _note, decision = removed
    statement = client_of(lin).get("/api/v1/moderation/notices").json()[0]["statement"]
    assert statement == decision.statement
    assert "事实" in statement  # the statement is in Chinese
    # The reason in Chinese (through the language service's cache: its row is what the author
    # reads), then what the moderator wrote and which engine translated it.
    cached = Translation.objects.get(text_hash=_hash(REASON), target="zh")
    assert any("\u4e00" <= c <= "\u9fff" for c in cached.text)
    assert cached.text.strip() in statement
    assert f"“{REASON}”" in statement
    assert engine_label("zh-hans") in statement


def test_a_reason_already_in_the_authors_language_is_not_translated(mia, lin):
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    note = create_note(author=lin, title="邻居", body="你们都是白痴", images=[upload()])
    client_of(mia).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(kind="note", object_id=note.pk)
    client_of(wang).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": "辱骂邻居"},
        content_type=JSON,
    )
    statement = Decision.objects.get(automated=False).statement
    assert "辱骂邻居" in statement and engine_label("zh-hans") not in statement


def test_the_notices_page_shows_the_translated_reason(removed, lin):
    page = client_of(lin).get("/moderation/notices/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    cached = Translation.objects.get(text_hash=_hash(REASON), target="zh")
    assert cached.text.strip() in html and REASON in html


def appealed(removed, lin):
    _note, decision = removed
    response = client_of(lin).post(
        f"/api/v1/decisions/{decision.pk}/appeal", {"text": APPEAL}, content_type=JSON
    )
    assert response.status_code == 201
    senior = make_moderator("senior_joe", region="US", languages=["en"], group="senior moderator")
    return senior, ReviewItem.objects.get(source="appeal")


def test_the_senior_moderator_reads_the_appeal_translated(removed, lin):
    senior, item = appealed(removed, lin)
    appeal = client_of(senior).get(f"/api/v1/moderation/queue/{item.pk}").json()["appeal"]
    text = appeal["text"]
    assert text["original"] == APPEAL
    # English words in it (a word-by-word gloss may keep the Chinese beside them).
    assert text["translation"] and text["translation"] != APPEAL
    assert any(c.isascii() and c.isalpha() for c in text["translation"])
    assert text["engine"] == engine_label("en")
    decision = appeal["decision"]
    assert decision["action"] == "remove" and decision["moderator"] == "mod_amy"
    assert decision["reason"] == {
        "original": REASON,
        "translation": None,
        "engine": None,
        "gloss": False,
    }
    # The statement Lin received (Chinese) is shown in English too.
    assert decision["statement"]["translation"]
    assert (
        decision["statement"]["original"].startswith("事实")
        or "事实" in decision["statement"]["original"]
    )


def test_a_chinese_senior_reads_the_english_reason_in_chinese(removed, lin):
    senior, item = appealed(removed, lin)
    appeal = client_of(senior).get(f"/api/v1/moderation/queue/{item.pk}?target=zh").json()["appeal"]
    assert appeal["decision"]["reason"]["original"] == REASON
    cached = Translation.objects.get(text_hash=_hash(REASON), target="zh")
    assert appeal["decision"]["reason"]["translation"] == cached.text.strip()
    assert appeal["text"]["translation"] is None  # already Chinese


def test_the_appeal_page_shows_translation_and_original(removed, lin):
    senior, item = appealed(removed, lin)
    page = client_of(senior).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'data-testid="appeal-text-translation"' in html and APPEAL in html
    assert 'data-testid="decision-reason-original"' in html and REASON in html
    assert engine_label("en") in html


def test_the_appeal_outcome_reaches_the_author_translated(removed, lin):
    senior, item = appealed(removed, lin)
    response = client_of(senior).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "reverse", "reason": "Venting about noise, not harassment"},
        content_type=JSON,
    )
    assert response.status_code == 200
    final = Decision.objects.get(on_appeal=True)
    assert "“Venting about noise, not harassment”" in final.statement
    assert engine_label("zh-hans") in final.statement
    page = client_of(lin).get("/moderation/notices/", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    assert 'data-testid="appeal-reason-translation"' in page.decode()
