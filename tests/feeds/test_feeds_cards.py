"""Explore cards made once per note version and reused by every reader, never served stale:
an edit, a new display name, a like, withholding, a block, a removal or a private note shows
in (or vanishes from) the very next page, while the ranked pool itself is still cached."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.accounts.services import update_profile
from crossnote.feeds import cards, selectors
from crossnote.feeds.schemas import ExplorePage
from crossnote.moderation.services import withhold_note
from crossnote.notes.api import mark_viewer_state
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import collect_note, like_note, update_note
from crossnote.social.services import block_user, mute_user
from tests.conftest import client_of, make_user

EXPLORE = "/api/v1/feeds/explore"


@pytest.fixture
def world(db, make_note):
    authors = [make_user(f"author{i}", display_name=f"Author {i}", region="US") for i in range(3)]
    notes = [make_note(author, title=f"note by {author.username}") for author in authors]
    reader = make_user("reader", region="CN", languages=["en"])
    return authors, notes, reader


def items(client) -> dict[int, dict]:
    response = client.get(EXPLORE)
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def test_the_fast_page_is_what_the_schema_writes(world):
    _authors, notes, reader = world
    like_note(user=reader, note=notes[0])
    collect_note(user=reader, note=notes[1])
    client = client_of(reader)
    fast = client.get(EXPLORE).json()
    page = selectors.explore_page(reader, None, 20, ["en"])
    expected = ExplorePage.model_validate(
        {"items": mark_viewer_state(page.items, reader), "next_cursor": page.next_cursor},
        from_attributes=True,
    ).model_dump()
    # As ninja would have written it (Django's JSON rules), value for value.
    from ninja.renderers import JSONRenderer

    assert fast == json.loads(JSONRenderer().render(None, expected, response_status=200))
    marks = {item["id"]: (item["liked"], item["collected"]) for item in fast["items"]}
    assert marks[notes[0].pk] == (True, False)
    assert marks[notes[1].pk] == (False, True)


def test_a_card_is_made_once_and_reused_by_another_reader(world):
    _authors, notes, reader = world
    other = make_user("other", region="US")
    assert set(items(client_of(reader))) == {n.pk for n in notes}
    with CaptureQueriesContext(connection) as queries:
        assert set(items(client_of(other))) == {n.pk for n in notes}
    image_loads = [
        q for q in queries.captured_queries if q["sql"].startswith('SELECT "notes_noteimage"')
    ]
    assert image_loads == []  # no note loaded again: the cards came from memory


def test_an_edit_and_a_new_display_name_show_on_the_next_page(world):
    authors, notes, reader = world
    client = client_of(reader)
    assert items(client)[notes[0].pk]["title"] == "note by author0"
    update_note(user=authors[0], note=notes[0], title="edited title", topics=["cats"])
    update_profile(user=authors[1], display_name="New Name")
    shown = items(client)
    assert shown[notes[0].pk]["title"] == "edited title"
    assert shown[notes[0].pk]["topics"] == ["cats"]
    assert shown[notes[1].pk]["author"]["display_name"] == "New Name"


def test_counts_and_marks_are_live(world):
    _authors, notes, reader = world
    client = client_of(reader)
    before = items(client)[notes[2].pk]
    assert (before["like_count"], before["liked"], before["collected"]) == (0, False, False)
    like_note(user=reader, note=notes[2])
    collect_note(user=reader, note=notes[2])
    after = items(client)[notes[2].pk]
    assert (after["like_count"], after["liked"], after["collected"]) == (1, True, True)
    assert after["collect_count"] == 1


@pytest.mark.parametrize("signed_in", [True, False])
def test_withheld_removed_private_and_closed_notes_vanish_at_once(
    world, signed_in, settings, make_note, django_capture_on_commit_callbacks
):
    settings.CROSSNOTE_REGION_HEADER = "X-Country-Code"
    authors, notes, reader = world
    client = client_of(reader) if signed_in else Client(HTTP_X_COUNTRY_CODE="CN")
    assert set(items(client)) == {n.pk for n in notes}  # pool and cards are now cached
    withhold_note(note=notes[0], regions=["CN"], legal_basis="court order 1")
    Note.objects.filter(pk=notes[1].pk).update(moderation=ModerationState.REMOVED)
    update_note(user=authors[2], note=notes[2], visibility="private")
    assert items(client) == {}
    # And an account closed or suspended (a bulk update: no signal) takes its notes with it.
    other = make_note(authors[0], title="another")
    # A new note reaches the ranked pool in the background: the next page is served from the
    # pool as it was and queues its refresh (crossnote.feeds.ranking.first_pool), the one after
    # shows the note.
    with django_capture_on_commit_callbacks(execute=True):
        assert other.pk not in items(client)
    assert other.pk in items(client)
    type(authors[0]).objects.filter(pk=authors[0].pk).update(is_active=False)
    assert other.pk not in items(client)


def test_blocks_and_mutes_vanish_at_once_both_ways(world):
    authors, notes, reader = world
    client = client_of(reader)
    assert set(items(client)) == {n.pk for n in notes}
    block_user(blocker=reader, blocked=authors[0])
    block_user(blocker=authors[1], blocked=reader)
    mute_user(muter=reader, muted=authors[2])
    assert items(client) == {}


def test_memo_is_bounded(world, monkeypatch):
    _authors, _notes, reader = world
    monkeypatch.setattr(cards._memo, "size", 2)
    items(client_of(reader))
    assert len(cards._memo) == 2


def test_the_compiled_question_answers_as_the_orm_does_for_every_kind_of_reader(world):
    from django.contrib.auth.models import AnonymousUser

    authors, notes, reader = world
    staff = make_user("staff", is_staff=True)
    no_region = make_user("nowhere")
    like_note(user=reader, note=notes[0])
    collect_note(user=no_region, note=notes[1])
    withhold_note(note=notes[2], regions=["CN"], legal_basis="court order 2")
    block_user(blocker=authors[1], blocked=reader)
    visitor_cn, visitor = AnonymousUser(), AnonymousUser()
    visitor_cn.region = "CN"
    ids = [n.pk for n in notes] + [10**9]
    for viewer in (reader, staff, no_region, visitor, visitor_cn):
        cards.forget_all()
        compiled = cards.page_facts(viewer, selectors.explore_shown, ids, name="explore")
        assert any(entry is not None for entry in cards._compiled.values())  # not the fallback
        assert compiled == cards.page_facts(viewer, selectors.explore_shown, ids), viewer
    assert set(cards.page_facts(reader, selectors.explore_shown, ids, name="explore")) == {
        notes[0].pk
    }


FOLLOWING = "/api/v1/feeds/following"


def test_the_following_page_is_what_the_schema_writes_and_never_stale(world):
    from ninja.renderers import JSONRenderer

    from crossnote.feeds import timeline
    from crossnote.feeds.schemas import FollowingPage
    from crossnote.social.services import follow_user, unfollow_user

    authors, notes, reader = world
    for author in authors:
        follow_user(follower=reader, followee=author)
    like_note(user=reader, note=notes[2])
    client = client_of(reader)
    fast = client.get(FOLLOWING).json()
    page = timeline.following_page(reader, None, 20)
    expected = FollowingPage.model_validate(
        {"items": mark_viewer_state(page.items, reader), "next_cursor": page.next_cursor},
        from_attributes=True,
    ).model_dump()  # `elsewhere`: nobody followed on another server here, so []
    assert fast == json.loads(JSONRenderer().render(None, expected, response_status=200))
    assert fast["elsewhere"] == []
    assert [item["id"] for item in fast["items"]] == [n.pk for n in reversed(notes)]

    update_note(user=authors[0], note=notes[0], visibility="followers")  # still followed
    assert notes[0].pk in {i["id"] for i in client.get(FOLLOWING).json()["items"]}
    unfollow_user(follower=reader, followee=authors[0])
    withhold_note(note=notes[1], regions=["CN"], legal_basis="court order 3")
    block_user(blocker=authors[2], blocked=reader)
    assert client.get(FOLLOWING).json()["items"] == []


def test_the_compiled_following_question_answers_as_the_orm_does(world):
    from crossnote.social.services import follow_user

    authors, notes, reader = world
    follow_user(follower=reader, followee=authors[0])
    follow_user(follower=reader, followee=authors[1])
    mute_user(muter=reader, muted=authors[1])
    ids = [n.pk for n in notes]
    compiled = cards.page_facts(reader, selectors.following_shown, ids, name="following")
    assert compiled == cards.page_facts(reader, selectors.following_shown, ids)
    assert set(compiled) == {notes[0].pk}


def test_every_field_of_a_card_is_covered_by_its_version_or_read_live():
    from crossnote.notes.schemas import NoteOut

    # By the card's version (id, updated_at, images, author's username/display name/avatar;
    # topics and the video touch updated_at) or read live with every page (counts, liked, collected). A new
    # field must be added to one of the two in crossnote.feeds.cards before it joins this list.
    covered = {"id", "url", "title", "body", "visibility", "author", "images", "topics", "video"}
    covered |= {"created_at", "updated_at"}
    live = {"like_count", "collect_count", "comment_count", "liked", "collected"}
    # Written per reader (their language) from the label read live with every page.
    labelled = {"content_warning"}
    assert set(NoteOut.model_fields) == covered | live | labelled
    assert set(cards._LIVE) == live
    assert set(cards._LABEL) == {"moderation", "content_warning"}
