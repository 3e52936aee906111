"""Search tells the reader the translations it also searched as words, never as index stems:
奶酪 is also searched as "cheese", whose token is the stem "chees"."""

import pytest
from django.test import Client

from crossnote.search.expansion import parse_query
from crossnote.search.text import query_token

pytestmark = pytest.mark.django_db


def test_a_chinese_words_english_translation_reads_as_the_word_not_its_stem():
    query = parse_query("奶酪")
    assert query_token("cheese") == "chees"  # the premise: matching uses the stem
    assert ["chees"] in query.terms[0].alternatives
    assert "cheese" in query.translations and "chees" not in query.translations


def test_an_english_words_chinese_translations_read_as_the_words():
    query = parse_query("cheeses")
    assert query.terms[0].word == "cheeses" and query.terms[0].token == "chees"
    assert "奶酪" in query.translations


def test_search_page_and_api_show_cheese_for_a_cross_language_match(mia, post):
    post(mia, "Mac and cheese tonight", "cheese everywhere")
    page = Client().get("/search", {"q": "奶酪"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="cross-language-notice"' in text
    assert "<strong>cheese</strong>" in text and "chees<" not in text and "chees," not in text
    body = Client().get("/api/v1/search", {"q": "奶酪"}).json()
    assert "cheese" in body["translations"] and "chees" not in body["translations"]
