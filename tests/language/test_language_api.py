"""The language bridge through the REST API and the pages."""

import pytest

from crossnote.language.models import Translation, TranslationReport
from crossnote.notes.services import add_comment, create_note
from tests.conftest import upload

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture(autouse=True)
def offline_chain(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


@pytest.fixture
def note(mia):
    return create_note(author=mia, title="我的猫很可爱", body="每天都在睡觉 #猫", images=[upload()])


def test_note_translation_reports_the_cache_state(client, note):
    url = f"/api/v1/notes/{note.pk}/translation?target=en"
    first = client.get(url)
    assert first.status_code == 200
    body = first.json()
    assert body["language"] == "zh"
    assert body["title"]["backend"] == "dictionary" and body["title"]["cached"] is False
    assert body["title"]["is_gloss"] is True and "cat" in body["title"]["text"]
    assert "#猫" in body["body"]["text"]
    assert client.get(url).json()["title"]["cached"] is True


def test_private_note_translation_is_404_to_others(client, mia):
    hidden = create_note(author=mia, title="秘密", images=[upload()], visibility="private")
    assert client.get(f"/api/v1/notes/{hidden.pk}/translation?target=en").status_code == 404


def test_bad_target_language_is_a_400_with_a_message(client, note):
    response = client.get(f"/api/v1/notes/{note.pk}/translation?target=klingon")
    assert response.status_code == 400 and "klingon" in response.json()["detail"]


def test_translating_arbitrary_text_needs_an_account(client, client_for, lin):
    payload = {"text": "I love hotpot", "target": "zh"}
    assert client.post("/api/v1/translate", payload, content_type=JSON).status_code == 401
    response = client_for(lin).post("/api/v1/translate", payload, content_type=JSON)
    assert response.status_code == 200 and "火锅" in response.json()["text"]


def test_comment_translation_and_report(client_for, note, lin, mia):
    comment = add_comment(author=mia, note=note, body="谢谢大家喜欢我的猫")
    client = client_for(lin)
    response = client.get(f"/api/v1/comments/{comment.pk}/translation?target=en")
    assert response.status_code == 200 and "cat" in response.json()["body"]["text"]
    report = client.post(
        f"/api/v1/comments/{comment.pk}/translation/report?target=en",
        {"reason": "word salad"},
        content_type=JSON,
    )
    assert report.status_code == 200
    assert TranslationReport.objects.get().original == comment.body
    assert not Translation.objects.exists()


def test_detect_and_pinyin_endpoints(client):
    detected = client.post("/api/v1/detect", {"text": "I love 火锅"}, content_type=JSON).json()
    assert detected["language"] == "mixed"
    pinyin = client.post("/api/v1/pinyin", {"text": "火锅<b>"}, content_type=JSON).json()
    assert pinyin["pinyin"].startswith("huǒ guō")
    assert "<rt>huǒ</rt>" in pinyin["ruby_html"] and "&lt;b&gt;" in pinyin["ruby_html"]


def test_languages_lists_enabled_languages_and_engines(client):
    body = client.get("/api/v1/languages").json()
    assert "zh" in body["enabled"] and "en" in body["enabled"]
    assert body["backends"][0]["name"] == "dictionary"
    assert "zh-en" in body["backends"][0]["available_pairs"]


def test_note_page_offers_translate_and_pinyin_to_an_english_reader(client_for, note, lin, mia):
    page = client_for(mia).get(f"/notes/{note.pk}/").content.decode()
    assert 'data-testid="translate-note"' in page and 'data-testid="pinyin-note"' in page
    # A Chinese reader is not offered a translation of Chinese.
    page = client_for(lin).get(f"/notes/{note.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    assert b'data-testid="translate-note"' not in page


def test_auto_translate_loads_the_translation_after_the_page_renders(client_for, note, mia):
    mia.auto_translate = True
    mia.save()
    page = client_for(mia).get(f"/notes/{note.pk}/").content.decode()
    assert 'hx-trigger="load"' in page  # fetched after render, never blocking it
    assert not Translation.objects.exists()


def test_pinyin_partial_renders_ruby(client, note):
    html = client.get(f"/notes/{note.pk}/pinyin/").content.decode()
    assert "<ruby>猫<rt>māo</rt></ruby>" in html


def test_settings_page_saves_auto_translate(client_for, mia):
    client = client_for(mia)
    response = client.post("/settings/", {"display_name": "Mia", "auto_translate": "on"})
    assert response.status_code == 302
    mia.refresh_from_db()
    assert mia.auto_translate is True
