"""GET /api/v1/search and /api/v1/search/suggest: JSON results, paging, 4xx on bad input."""

import pytest
from django.test import Client

from crossnote.notes.models import Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client()


def test_search_returns_notes_with_language_snippet_and_translation_flag(api, mia, lin, post):
    post(mia, "My cat loves hotpot", "hotpot every day")
    post(lin, "周末吃火锅", "#火锅")
    response = api.get("/api/v1/search", {"q": "hotpot"})
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "notes" and body["terms"] == ["hotpot"]
    assert "火锅" in body["translations"] and body["exact"] is True
    first, second = body["notes"]
    assert (first["title"], first["language"], first["translated"]) == (
        "My cat loves hotpot",
        "en",
        False,
    )
    assert (second["title"], second["language"], second["translated"]) == ("周末吃火锅", "zh", True)
    assert "<mark>hotpot</mark>" in first["snippet"]
    assert body["next_cursor"] is None and body["users"] == [] and body["topics"] == []


def test_search_users_and_topics(api, mia, lin, post, indexed):
    post(lin, "周末吃火锅", "#火锅")
    indexed()
    users = api.get("/api/v1/search", {"q": "小林", "type": "users"}).json()
    assert [u["username"] for u in users["users"]] == ["lin_sh"]
    topics = api.get("/api/v1/search", {"q": "hotpot", "type": "topics"}).json()
    assert [(t["name"], t["translated"]) for t in topics["topics"]] == [("火锅", True)]


def test_private_notes_do_not_leak_through_the_api(api, mia, post, client_for):
    post(mia, "Secret hotpot", visibility=Visibility.PRIVATE)
    assert api.get("/api/v1/search", {"q": "hotpot"}).json()["notes"] == []
    own = client_for(mia).get("/api/v1/search", {"q": "hotpot"}).json()
    assert [n["title"] for n in own["notes"]] == ["Secret hotpot"]


def test_cursor_pages_through_results(api, mia, post):
    for n in range(3):
        post(mia, f"Latte {n}", "coffee")
    first = api.get("/api/v1/search", {"q": "latte", "limit": 2}).json()
    assert len(first["notes"]) == 2 and first["next_cursor"]
    second = api.get("/api/v1/search", {"q": "latte", "limit": 2, "cursor": first["next_cursor"]})
    assert len(second.json()["notes"]) == 1 and second.json()["next_cursor"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "cat", "type": "boards"}, "type"),
        ({"q": "cat", "cursor": "not-a-cursor"}, "cursor"),
        ({"q": "cat", "limit": 0}, "limit"),
        ({"q": "cat", "limit": 51}, "limit"),
    ],
)
def test_bad_input_is_a_json_400(api, params, field):
    response = api.get("/api/v1/search", params)
    assert response.status_code == 400
    assert response.json()["field"] == field and response.json()["detail"]


def test_missing_query_is_a_json_4xx(api):
    response = api.get("/api/v1/search")
    assert response.status_code == 422 and "detail" in response.json()


def test_paging_stops_at_the_hard_cap(api, db):
    from crossnote.search.cursors import encode_offset
    from crossnote.search.selectors import MAX_RESULTS

    response = api.get("/api/v1/search", {"q": "cat", "cursor": encode_offset(MAX_RESULTS)})
    assert response.status_code == 200
    assert response.json()["notes"] == [] and response.json()["next_cursor"] is None


def test_suggest_offers_topics_by_pinyin_initials_and_people(api, mia, lin, post, indexed):
    post(lin, "周末吃火锅", "#火锅 #火车")
    indexed()
    body = api.get("/api/v1/search/suggest", {"q": "hg"}).json()
    assert [t["name"] for t in body["topics"]] == ["火锅"]
    assert [
        t["name"] for t in api.get("/api/v1/search/suggest", {"q": "huo"}).json()["topics"]
    ] == [
        "火车",
        "火锅",
    ] or {"火车", "火锅"} == {
        t["name"] for t in api.get("/api/v1/search/suggest", {"q": "huo"}).json()["topics"]
    }
    assert [
        u["username"] for u in api.get("/api/v1/search/suggest", {"q": "mia"}).json()["users"]
    ] == ["mia_ms"]
    assert [
        u["username"] for u in api.get("/api/v1/search/suggest", {"q": "xl"}).json()["users"]
    ] == ["lin_sh"]
    assert api.get("/api/v1/search/suggest", {"q": "x" * 300}).status_code == 200


def test_suggest_offers_your_own_recent_searches_only(mia, lin, client_for):
    mine, theirs = client_for(mia), client_for(lin)
    assert mine.get("/search", {"q": "hotpot night"}).status_code == 200
    assert mine.get("/api/v1/search/suggest", {"q": "hot"}).json()["recent"] == ["hotpot night"]
    assert theirs.get("/api/v1/search/suggest", {"q": "hot"}).json()["recent"] == []


def test_search_is_in_the_openapi_schema(api, db):
    paths = api.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/search" in paths and "/api/v1/search/suggest" in paths
