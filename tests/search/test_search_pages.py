"""The /search page and the suggestions under the top bar's search box."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser_client():
    return Client()


def test_every_page_has_the_search_box(browser_client):
    html = browser_client.get("/").content.decode()
    assert 'data-testid="search-box"' in html and 'action="/search"' in html


def test_results_are_masonry_cards_marked_by_language(browser_client, mia, lin, post):
    post(mia, "My cat loves hotpot", "hotpot every day")
    post(lin, "周末吃火锅", "#火锅")
    response = browser_client.get("/search", {"q": "hotpot"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-masonry" in html and html.count('<article class="note-card') == 2
    assert 'data-lang="en"' in html and 'data-lang="zh"' in html
    assert "<mark>hotpot</mark>" in html and 'data-testid="via-translation"' in html


def test_no_results_page_offers_the_cross_language_hits(browser_client, lin, post):
    post(lin, "上海的日落", "外滩很美")
    html = browser_client.get("/search", {"q": "sunset"}).content.decode()
    assert 'data-testid="cross-language-notice"' in html and "日落" in html
    assert "上海的日落" in html


def test_nothing_found_says_so(browser_client, db):
    html = browser_client.get("/search", {"q": "zzzqqq"}).content.decode()
    assert 'data-testid="no-results"' in html


def test_chinese_ui_page(browser_client, lin, post):
    post(lin, "上海的日落", "外滩很美")
    browser_client.cookies["django_language"] = "zh-hans"
    html = browser_client.get("/search", {"q": "日落"}).content.decode()
    assert "搜索" in html and "上海的日落" in html and "中文" in html


def test_people_and_topic_tabs(browser_client, mia, lin, post, indexed):
    post(lin, "周末吃火锅", "#火锅")
    indexed()
    people = browser_client.get("/search", {"q": "mia", "type": "users"}).content.decode()
    assert 'data-testid="user-hit"' in people and "@mia_ms" in people
    topics = browser_client.get("/search", {"q": "火锅", "type": "topics"}).content.decode()
    assert 'data-testid="topic-hit"' in topics and "#火锅" in topics


def test_oversize_query_is_a_400_page(browser_client, db):
    response = browser_client.get("/search", {"q": "x" * 201})
    assert response.status_code == 400 and "at most 200" in response.content.decode()


def test_empty_query_shows_the_form(browser_client, db):
    response = browser_client.get("/search")
    assert (
        response.status_code == 200
        and 'data-testid="search-page-input"' in response.content.decode()
    )


def test_htmx_next_page_returns_only_cards(browser_client, mia, post):
    for n in range(26):
        post(mia, f"Latte {n}", "coffee")
    first = browser_client.get("/search", {"q": "latte"}).content.decode()
    assert first.count('<article class="note-card') == 24 and "hx-get=" in first
    cursor = first.split("cursor=")[1].split('"')[0].split("&")[0]
    more = browser_client.get("/search", {"q": "latte", "cursor": cursor}, HTTP_HX_REQUEST="true")
    html = more.content.decode()
    assert html.count('<article class="note-card') == 2 and "<html" not in html


def test_suggestions_partial_offers_topics_by_initials(browser_client, lin, post):
    post(lin, "周末吃火锅", "#火锅")
    html = browser_client.get("/search/suggest", {"q": "hg"}).content.decode()
    assert 'data-testid="suggest-topic"' in html and "#火锅" in html
    assert browser_client.get("/search/suggest", {"q": ""}).content.decode().strip() == ""
