"""The following timeline's page as one compiled question (crossnote.feeds.cards.newest_shown):
the same pages as the ORM's keyset pagination, for every kind of reader and cursor, and what the
reader may no longer see gone from the very next page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.core.pagination import paginate
from crossnote.feeds import cards, following_lists, selectors, timeline
from crossnote.moderation.services import withhold_note
from crossnote.notes.models import ModerationState, Note, Visibility
from crossnote.social.services import block_user, follow_user, mute_user
from tests.conftest import client_of, make_user

FOLLOWING = "/api/v1/feeds/following"


def note(author, title, *, minutes, **fields):
    made = Note.objects.create(author=author, title=title, language="en", **fields)
    Note.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return made


@pytest.fixture
def world(db):
    reader = make_user("reader", region="CN")
    authors = [make_user(f"author{i}", region="US") for i in range(4)]
    for author in authors[:3]:
        follow_user(follower=reader, followee=author)
    notes = []
    for i in range(12):
        notes.append(note(authors[i % 4], f"n{i}", minutes=i))
    # Two notes at the very same moment: the keyset breaks the tie by id.
    same = timezone.now() - timedelta(minutes=30)
    for title in ("tie a", "tie b"):
        made = Note.objects.create(author=authors[0], title=title, language="en")
        Note.objects.filter(pk=made.pk).update(created_at=same)
        notes.append(made)
    note(authors[1], "followers only", minutes=40, visibility=Visibility.FOLLOWERS)
    note(authors[2], "private", minutes=41, visibility=Visibility.PRIVATE)
    return reader, authors, notes


def walk_ids(viewer, limit):
    pages, cursor = [], None
    while True:
        page = timeline.following_entries(viewer, cursor, limit)
        pages.append([entry.pk for entry in page.items])
        cursor = page.next_cursor
        if not cursor:
            return pages


def walk_orm(viewer, limit):
    pages, cursor = [], None
    while True:
        page = paginate(selectors.following_notes(viewer, media=False), cursor, limit)
        pages.append([n.pk for n in page.items])
        cursor = page.next_cursor
        if not cursor:
            return pages


@pytest.mark.parametrize("limit", [1, 3, 20])
@pytest.mark.parametrize("lists", [True, False])
def test_pages_are_the_orms_pages(world, limit, lists, monkeypatch):
    reader, authors, _notes = world
    staff = make_user("staff", is_staff=True)
    nowhere = make_user("nowhere")
    for viewer in (staff, nowhere):
        for author in authors:
            follow_user(follower=viewer, followee=author)
    if not lists:  # the question compiled once per kind of reader (other databases than SQLite)
        monkeypatch.setattr(following_lists, "usable", lambda: False)
    for viewer in (reader, staff, nowhere):
        cards.forget_all()
        assert walk_ids(viewer, limit) == walk_orm(viewer, limit), viewer
        if timeline.redis_client() is None and not lists:  # with Redis the timeline answers
            assert any(
                key[0].startswith("following:newest") and entry is not None
                for key, entry in cards._compiled.items()
            )  # the compiled question answered, not the ORM fallback


def test_what_the_reader_may_no_longer_see_leaves_the_next_page(world):
    reader, authors, notes = world
    client = client_of(reader)

    def shown():
        response = client.get(f"{FOLLOWING}?limit=50")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    by = {author.pk: {n.pk for n in notes if n.author_id == author.pk} for author in authors}
    first = shown()
    assert first == by[authors[0].pk] | by[authors[1].pk] | by[authors[2].pk] | {
        n.pk for n in Note.objects.filter(title="followers only")
    }
    withhold_note(note=notes[0], regions=["CN"], legal_basis="court order 9")
    Note.objects.filter(pk=notes[1].pk).update(moderation=ModerationState.REMOVED)
    assert not {notes[0].pk, notes[1].pk} & shown()
    block_user(blocker=authors[2], blocked=reader)
    mute_user(muter=reader, muted=authors[1])
    assert shown() == by[authors[0].pk] - {notes[0].pk}


def test_a_foreign_cursor_and_a_bad_limit_are_400(world):
    reader, _authors, _notes = world
    client = client_of(reader)
    assert client.get(f"{FOLLOWING}?cursor=bm90IGEgY3Vyc29y").status_code == 400
    assert client.get(f"{FOLLOWING}?limit=0").status_code == 400
    assert client.get(f"{FOLLOWING}?limit=1000").status_code == 400


def test_a_reader_following_very_many_people_pages_through_windows(world, monkeypatch):
    reader, _authors, _notes = world
    monkeypatch.setattr(timeline, "HEAVY_FOLLOWING", 1)
    reader.following_count = 3
    assert walk_ids(reader, 2) == walk_orm(reader, 2)
