"""The following timeline from each reader's candidate list kept in process memory
(crossnote.feeds.following_lists): pages are the ORM's pages, whatever happens between two
pages (new notes, follows, unfollows, deletions, moderation, withholding, blocks, mutes, writes
that send no signal), and past the list's end the database answers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossnote.core.pagination import paginate
from crossnote.core.templatetags import fragments
from crossnote.feeds import cards, following_lists, selectors, timeline
from crossnote.moderation.services import withhold_note
from crossnote.notes.models import ModerationState, Note, Visibility
from crossnote.social.services import (
    block_user,
    follow_user,
    mute_user,
    unblock_user,
    unfollow_user,
    unmute_user,
)
from tests.conftest import NotesBuilt, client_of, make_user, page_html

FOLLOWING = "/api/v1/feeds/following"

# Lists are kept on SQLite only (ids commit in order) and without Redis timelines; elsewhere the
# pages still match.
lists_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite' or timeline.redis_client() is not None",
    reason="lists: SQLite without Redis timelines only",
)
# Redis timelines are written on commit, which a test's transaction never reaches.
without_redis = pytest.mark.skipif(
    "timeline.redis_client() is not None", reason="Redis timelines fan out on commit"
)


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
    notes = [note(authors[i % 4], f"n{i}", minutes=10 + i) for i in range(24)]
    note(authors[1], "followers only", minutes=60, visibility=Visibility.FOLLOWERS)
    note(authors[2], "private", minutes=61, visibility=Visibility.PRIVATE)
    return reader, authors, notes


def walk(viewer, limit):
    pages, cursor = [], None
    while True:
        page = timeline.following_entries(viewer, cursor, limit)
        pages.append([(entry.pk, entry.created_at) for entry in page.items])
        cursor = page.next_cursor
        if not cursor:
            return pages


def walk_orm(viewer, limit):
    pages, cursor = [], None
    while True:
        page = paginate(selectors.following_notes(viewer, media=False), cursor, limit)
        pages.append([(n.pk, n.created_at) for n in page.items])
        cursor = page.next_cursor
        if not cursor:
            return pages


def api_ids(client, limit=50):
    response = client.get(f"{FOLLOWING}?limit={limit}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def kept(reader):
    return following_lists._lists.get((connection.alias, reader.pk))


@lists_only
def test_the_list_answers_and_pages_are_the_orms(world):
    reader, _authors, _notes = world
    for limit in (1, 5, 20, 100):
        assert walk(reader, limit) == walk_orm(reader, limit), limit
    listed = kept(reader)
    assert listed is not None and listed.complete
    # Every note of the people followed is a candidate, the private one too (asked per page).
    assert set(listed.ids) == set(
        Note.objects.filter(author__in=_followed(reader)).values_list("pk", flat=True)
    )


def _followed(reader):
    return [f.followee for f in reader.following_set.select_related("followee")]


@lists_only
def test_a_warm_page_is_two_queries_and_builds_no_note(world):
    reader, _authors, _notes = world
    timeline.following_entries(reader, None, 20)  # the list, the compiled question
    with CaptureQueriesContext(connection) as queries, NotesBuilt() as built:
        page, facts = timeline.following_facts(reader, None, 20)
    assert len(queries) == 2  # the marks, and the page's facts through the visibility rule
    assert built.count == 0
    assert set(facts) == {entry.pk for entry in page.items}  # the page's facts only


@without_redis
def test_what_happens_between_two_pages_shows_on_the_next(world):
    reader, authors, notes = world
    client = client_of(reader)

    def expected():
        page = paginate(selectors.following_notes(reader, media=False), None, 50)
        return [n.pk for n in page.items]

    assert api_ids(client) == expected()
    steps = [
        lambda: note(authors[0], "new", minutes=1),
        lambda: note(authors[1], "backdated", minutes=500),
        lambda: follow_user(follower=reader, followee=authors[3]),
        lambda: Note.objects.filter(pk=notes[0].pk).delete(),
        lambda: Note.objects.filter(pk=notes[1].pk).update(moderation=ModerationState.REMOVED),
        lambda: withhold_note(note=notes[2], regions=["CN"], legal_basis="court order 9"),
        lambda: Note.objects.filter(pk=notes[5].pk).update(visibility=Visibility.PRIVATE),
        lambda: mute_user(muter=reader, muted=authors[1]),
        lambda: unmute_user(muter=reader, muted=authors[1]),
        lambda: Note.objects.filter(pk=notes[1].pk).update(moderation=ModerationState.VISIBLE),
        lambda: block_user(blocker=authors[2], blocked=reader),
        lambda: unblock_user(blocker=authors[2], blocked=reader),
        lambda: follow_user(follower=reader, followee=authors[2]),
        lambda: unfollow_user(follower=reader, followee=authors[0]),
        # Written without the ORM's signals (another process, a bulk import): the marks are in
        # the database, so nothing is missed.
        lambda: Note.objects.bulk_create(
            [Note(author=authors[3], title="bulk", language="en", created_at=timezone.now())]
        ),
        lambda: authors[3].__class__.objects.filter(pk=authors[3].pk).update(is_active=False),
    ]
    for step in steps:
        step()
        assert api_ids(client) == expected(), step


@lists_only
def test_past_the_lists_end_the_database_answers(world, monkeypatch):
    reader, authors, _notes = world
    monkeypatch.setattr(following_lists, "LIST_LENGTH", 7)
    assert walk(reader, 3) == walk_orm(reader, 3)
    assert not kept(reader).complete and len(kept(reader).ids) == 7
    # New notes merged into a cut list: one newer than its end, one older (beyond its reach).
    note(authors[0], "newest", minutes=0)
    note(authors[2], "oldest", minutes=10_000)
    for limit in (2, 3, 8):
        assert walk(reader, limit) == walk_orm(reader, limit), limit
    assert len(kept(reader).ids) == 7


def test_many_hidden_candidates_still_fill_the_page(world):
    reader, authors, _notes = world
    for i in range(30):  # newer than everything, none shown to the reader
        note(authors[0], f"private {i}", minutes=0, visibility=Visibility.PRIVATE)
    for limit in (1, 4, 20):
        assert walk(reader, limit) == walk_orm(reader, limit), limit


def test_lists_are_not_kept_where_ids_may_commit_out_of_order(world, monkeypatch):
    reader, _authors, _notes = world
    monkeypatch.setattr(following_lists, "usable", lambda: False)
    assert walk(reader, 4) == walk_orm(reader, 4)
    assert kept(reader) is None


def test_a_foreign_cursor_and_a_bad_limit_are_400(world):
    reader, _authors, _notes = world
    client = client_of(reader)
    assert client.get(f"{FOLLOWING}?cursor=bm90IGEgY3Vyc29y").status_code == 400
    assert client.get(f"{FOLLOWING}?limit=0").status_code == 400
    assert client.get("/following/?cursor=bm90IGEgY3Vyc29y").status_code == 400


def test_the_page_shows_the_apis_notes_and_a_warm_page_builds_none(world):
    reader, authors, notes = world
    client = client_of(reader)
    api = api_ids(client, limit=24)
    html = page_html(client, "/following/")
    places = [html.find(f"/notes/{pk}/") for pk in api]
    assert -1 not in places and places == sorted(places)  # the API's notes, in its order
    with NotesBuilt() as built:
        assert page_html(client, "/following/") == html
    if timeline.redis_client() is None:  # Redis timelines read their page's notes
        assert built.count == 0
    Note.objects.filter(pk=notes[0].pk).update(moderation=ModerationState.REMOVED)
    warm = page_html(client, "/following/")
    assert f"/notes/{notes[0].pk}/" not in warm and f"/notes/{notes[4].pk}/" in warm
    cards.forget_all()  # cold: lists, cards and fragments made again, the same page
    fragments.forget_all()
    assert page_html(client, "/following/") == warm
