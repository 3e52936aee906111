"""Visitors' shared explore page (crossnote.feeds.visitors): a hit is served from process memory
after one cheap check, and the check still makes withholding, removal, limiting, a closed
account, a private note and an edit show at once, whichever process kept the page."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.feeds import visitors
from crossnote.feeds.schemas import ExplorePage
from crossnote.moderation.services import withhold_note
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import update_note
from tests.conftest import make_user

EXPLORE = "/api/v1/feeds/explore"


@pytest.fixture
def world(db, make_note, settings):
    settings.CROSSNOTE_REGION_HEADER = "X-Country-Code"
    authors = [make_user(f"author{i}", region="US") for i in range(4)]
    notes = [make_note(author, title=f"note by {author.username}") for author in authors]
    return authors, notes


def visitor(region="CN") -> Client:
    return Client(HTTP_X_COUNTRY_CODE=region)


def shown(client) -> dict[int, dict]:
    response = client.get(EXPLORE)
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def test_a_hit_is_one_check_from_memory_and_writes_what_the_schema_writes(world):
    _authors, notes = world
    first = visitor().get(EXPLORE)
    with CaptureQueriesContext(connection) as queries:
        again = visitor().get(EXPLORE)
    assert again.content == first.content
    sql = [q["sql"] for q in queries.captured_queries]
    assert not any("crossnote_cache" in s for s in sql), sql  # the process's memo, not the cache
    assert len(sql) == 2, sql  # freshness, and the page's notes as they may be shown now
    body = json.loads(first.content)
    assert {item["id"] for item in body["items"]} == {n.pk for n in notes}
    fields = set(ExplorePage.model_fields["items"].annotation.__args__[0].model_fields)
    assert all(set(item) == fields for item in body["items"])


@pytest.mark.parametrize("other_process", [False, True])
def test_moderation_withholding_closing_and_edits_act_at_once(world, other_process):
    authors, notes = world
    client = visitor()
    assert set(shown(client)) == {n.pk for n in notes}

    def hit():
        if other_process:  # another worker: no memo of its own, the shared cache's page
            visitors.forget_all()
        return shown(client)

    update_note(user=authors[0], note=notes[0], title="edited")
    assert hit()[notes[0].pk]["title"] == "edited"
    withhold_note(note=notes[1], regions=["CN"], legal_basis="court order 7")
    assert notes[1].pk not in hit()
    assert notes[1].pk in shown(visitor("US"))  # withheld in CN only
    Note.objects.filter(pk=notes[2].pk).update(moderation=ModerationState.LIMITED)
    assert notes[2].pk not in hit()
    type(authors[3]).objects.filter(pk=authors[3].pk).update(is_active=False)  # no signal
    assert set(hit()) == {notes[0].pk}
    Note.objects.filter(pk=notes[0].pk).update(moderation=ModerationState.REMOVED)
    assert hit() == {}


def test_a_page_expires_after_the_cache_seconds(world, settings, monkeypatch):
    _authors, notes = world
    settings.CROSSNOTE_EXPLORE_CACHE_SECONDS = 60
    client = visitor()
    shown(client)
    Note.objects.filter(pk=notes[0].pk).update(like_count=7)  # counts may lag the cache's time
    assert shown(client)[notes[0].pk]["like_count"] == 0
    real = visitors.time.time
    monkeypatch.setattr(visitors.time, "time", lambda: real() + 61)
    cache.clear()  # the shared cache's entry expired with it
    assert shown(client)[notes[0].pk]["like_count"] == 7


def test_a_new_note_remakes_the_page(world, make_note, django_capture_on_commit_callbacks):
    authors, _notes = world
    client = visitor()
    shown(client)
    with django_capture_on_commit_callbacks(execute=True):
        new = make_note(authors[1], title="new")
    # The shared pool is refreshed in the background (served as it was once), then shown.
    with django_capture_on_commit_callbacks(execute=True):
        shown(client)
    assert new.pk in shown(client)


def test_the_memo_is_bounded(world, monkeypatch):
    monkeypatch.setattr(visitors._memo, "size", 2)
    for limit in (1, 2, 3):
        assert visitor().get(f"{EXPLORE}?limit={limit}").status_code == 200
    assert len(visitors._memo) == 2
