"""Signed-in explore reads its ranked head from process memory while it is current, and from the
shared cache as soon as it is not (a refresh made in another process is picked up at once)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.feeds import ranking, selectors
from crossnote.notes.models import ModerationState, Note
from tests.conftest import client_of, make_user

EXPLORE = "/api/v1/feeds/explore"


def note(author, title, likes=0):
    made = Note.objects.create(author=author, title=title, language="en")
    Note.objects.filter(pk=made.pk).update(like_count=likes)
    return made


def ids(client, limit=20):
    response = client.get(f"{EXPLORE}?limit={limit}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def reader(db):
    return make_user("reader", languages=["en"])


def test_a_current_head_is_read_from_memory_and_still_rechecked(reader):
    first = note(make_user("a"), "first", likes=2)
    second = note(make_user("b"), "second", likes=1)
    client = client_of(reader)
    assert ids(client) == [first.pk, second.pk]
    with CaptureQueriesContext(connection) as queries:
        assert ids(client) == [first.pk, second.pk]
    assert not any("crossnote_cache" in q["sql"] for q in queries.captured_queries)
    Note.objects.filter(pk=first.pk).update(moderation=ModerationState.REMOVED)
    assert ids(client) == [second.pk]  # the head from memory, its removed note left out


def test_a_head_refreshed_in_another_process_is_served_at_once(
    reader, django_capture_on_commit_callbacks
):
    first = note(make_user("a"), "first", likes=2)
    client = client_of(reader)
    assert ids(client, 1) == [first.pk]
    reader_key = ranking.reader_key(reader, ["en"], 1)
    old = ranking._heads[reader_key]
    newer = note(make_user("b"), "newer", likes=9)  # stale now: someone else's note
    # Another process's background task ranks again and writes the shared cache; this
    # process still holds the old head in memory.
    ranking.build_first_pool(reader, ["en"], 1)
    ranking._remember_head(reader_key, old)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert ids(client, 1) == [newer.pk]
    assert "feeds.refresh_explore" not in [
        getattr(getattr(c, "task", None), "name", "") for c in queued
    ]


def test_an_old_head_in_memory_gives_way_to_the_shared_one(reader, settings, monkeypatch):
    settings.CROSSNOTE_EXPLORE_CACHE_SECONDS = 60
    first = note(make_user("a"), "first", likes=2)
    client = client_of(reader)
    assert ids(client, 1) == [first.pk]
    key = ranking.reader_key(reader, ["en"], 1)
    old = ranking._heads[key]
    aged = {**old, "as_of": old["as_of"] - timedelta(seconds=61)}
    ranking._remember_head(key, aged)  # in memory: past the cache's seconds
    read = []  # the shared cache is asked (the database cache table or Redis alike)
    shared_get = ranking.cache.get
    monkeypatch.setattr(ranking, "cache", SimpleNamespace(
        get=lambda name, *rest: read.append(name) or shared_get(name, *rest),
        set=ranking.cache.set, add=ranking.cache.add, delete=ranking.cache.delete,
    ))  # fmt: skip
    assert ids(client, 1) == [first.pk]
    assert f"feeds:head:{key}" in read
    assert ranking._heads[key]["as_of"] == old["as_of"]  # the shared (current) one is kept


def test_reasons_are_explained_in_each_language(reader):
    from django.utils import translation

    with translation.override("zh-hans"):
        chinese = selectors.explain({"code": "popular"})
    with translation.override("en"):
        english = selectors.explain({"code": "popular"})
        assert selectors.explain({"code": "topic", "topic": "cats"}).endswith("#cats")
        assert selectors.explain({"code": "topic", "topic": "dogs"}).endswith("#dogs")
    assert english == "Popular this week"
    assert chinese != english
