"""A person's notes (the profile page and GET /users/{username}/notes) on the card path
(crossnote.notes.card_path, handed over by feeds): the same pages and the same JSON as the ORM's
keyset pagination for every kind of reader, and what the reader may no longer see, or a note's
new version, on the very next page."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crossnote.core.pagination import paginate
from crossnote.core.renderers import dumps
from crossnote.core.templatetags import fragments
from crossnote.feeds import cards
from crossnote.moderation.services import withhold_note
from crossnote.notes import selectors
from crossnote.notes.api import mark_viewer_state
from crossnote.notes.models import ModerationState, Note, Visibility
from crossnote.notes.schemas import NotePage
from crossnote.notes.services import like_note, update_note
from crossnote.social.services import block_user, follow_user
from tests.conftest import NotesBuilt, client_of, make_user, page_html


def api(username: str) -> str:
    return f"/api/v1/users/{username}/notes"


def note(author, title, *, minutes, **fields):
    made = Note.objects.create(author=author, title=title, language="en", **fields)
    Note.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return made


@pytest.fixture
def world(db, make_note):
    author = make_user("author", display_name="Author", region="US")
    photos = [make_note(author, title=f"with a photo {i}") for i in range(2)]
    for i in range(7):
        note(author, f"n{i}", minutes=i)
    same = timezone.now() - timedelta(minutes=30)  # a tie: the keyset breaks it by id
    for title in ("tie a", "tie b"):
        made = Note.objects.create(author=author, title=title, language="en")
        Note.objects.filter(pk=made.pk).update(created_at=same)
    note(author, "followers only", minutes=40, visibility=Visibility.FOLLOWERS)
    note(author, "private", minutes=41, visibility=Visibility.PRIVATE)
    note(author, "held", minutes=42, moderation=ModerationState.HELD)
    note(make_user("someone"), "not theirs", minutes=3)
    follower = make_user("follower", region="CN")
    follow_user(follower=follower, followee=author)
    like_note(user=follower, note=photos[0])
    return author, follower, photos


def readers(author, follower):
    from django.contrib.auth.models import AnonymousUser

    staff = make_user("staff", is_staff=True, region="DE")
    return {
        "visitor": (AnonymousUser(), Client()),
        "follower": (follower, client_of(follower)),
        "author": (author, client_of(author)),
        "staff": (staff, client_of(staff)),
    }


def walk_api(client, username, limit):
    pages, cursor = [], None
    while True:
        url = f"{api(username)}?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(url)
        assert response.status_code == 200, response.content
        pages.append(response.content)
        cursor = response.json()["next_cursor"]
        if not cursor:
            return pages


def walk_orm(viewer, author, limit):
    """The answers the ORM path wrote (notes loaded, marked, written by NotePage)."""
    pages, cursor = [], None
    while True:
        page = paginate(selectors.notes_by(author, viewer), cursor, limit)
        items = mark_viewer_state(page.items, viewer)
        body = NotePage.model_validate({"items": items, "next_cursor": page.next_cursor})
        pages.append(dumps(body.model_dump()))
        cursor = page.next_cursor
        if not cursor:
            return pages


@pytest.mark.parametrize("limit", [1, 4, 20])
def test_api_pages_are_what_the_orm_path_wrote_for_every_kind_of_reader(world, limit):
    author, follower, _photos = world
    for name, (viewer, client) in readers(author, follower).items():
        cards.forget_all()
        expected = walk_orm(viewer, author, limit)
        assert walk_api(client, "author", limit) == expected, name
        assert walk_api(client, "author", limit) == expected, name  # warm: from the memo
        compiled = [
            entry
            for key, entry in cards._compiled.items()
            if key[0].startswith("profile:newest-by")
        ]
        # The compiled question answered, with the person in a parameter (not the ORM).
        assert compiled and all(entry is not None for entry in compiled), name
        assert all(any(kind == "subject" for kind, _v in entry[1]) for entry in compiled)


def test_each_person_gets_their_own_notes_from_the_one_compiled_question(world):
    author, follower, _photos = world
    client = client_of(follower)
    theirs = {item["title"] for item in client.get(api("author")).json()["items"]}
    others = {item["title"] for item in client.get(api("someone")).json()["items"]}
    assert others == {"not theirs"}
    assert "not theirs" not in theirs and "followers only" in theirs


def test_what_the_reader_may_no_longer_see_leaves_the_next_page(world):
    author, follower, photos = world
    client, own = client_of(follower), client_of(author)

    def titles(who=client):
        response = who.get(f"{api('author')}?limit=50")
        assert response.status_code == 200
        return {item["title"]: item for item in response.json()["items"]}

    first = titles()
    assert first["with a photo 0"]["liked"] and first["with a photo 0"]["like_count"] == 1
    update_note(user=author, note=photos[1], title="edited")
    assert "edited" in titles() and "with a photo 1" not in titles()
    withhold_note(note=photos[0], regions=["CN"], legal_basis="court order 9")
    assert "with a photo 0" not in titles()
    Note.objects.filter(title="n0").update(moderation=ModerationState.REMOVED)
    assert "n0" not in titles()
    assert {"n0", "held", "private", "with a photo 0"} <= set(titles(own))  # their own view
    Note.objects.filter(title="n1").update(visibility=Visibility.PRIVATE)
    assert "n1" not in titles()
    block_user(blocker=author, blocked=follower)
    assert titles() == {}


def test_a_foreign_cursor_and_a_bad_limit_are_400_and_an_unknown_person_404(world):
    client = Client()
    assert client.get(f"{api('author')}?cursor=bm90IGEgY3Vyc29y").status_code == 400
    assert client.get(f"{api('author')}?limit=0").status_code == 400
    assert client.get(f"{api('author')}?limit=101").status_code == 400
    assert client.get(api("nobody")).status_code == 404


def page(client, path="/u/author/") -> str:
    return page_html(client, path)


def test_a_warm_profile_page_builds_no_note_and_is_the_cold_pages_html(world):
    author, follower, photos = world
    client = client_of(follower)
    with NotesBuilt() as cold:
        first = page(client)
    assert cold.count >= 2  # the cold page loaded the notes for their fragments
    with NotesBuilt() as warm:
        second = page(client)
    assert warm.count == 0 and first == second
    fragments.forget_all()
    cards.forget_all()
    assert page(client) == first
    assert "with a photo 0" in first and "followers only" in first and "private" not in first
    # The reader's liked mark on the card they liked, as on explore.
    liked = re.search(rf'href="/notes/{photos[0].pk}/".*?<span class="likes([^"]*)"', first, re.S)
    assert liked and "liked" in liked.group(1)


def test_the_profile_page_pages_by_cursor_and_shows_changes_at_once(world, make_note):
    author, follower, _photos = world
    for i in range(25):
        note(author, f"older {i}", minutes=100 + i)
    client = client_of(follower)
    first = page(client)
    cursor = re.search(r'\?cursor=([A-Za-z0-9_-]+)"', first).group(1)
    second = page(client, f"/u/author/?cursor={cursor}")
    assert "older 24" in second and "older 24" not in first
    Note.objects.filter(title="older 24").update(moderation=ModerationState.REMOVED)
    assert "older 24" not in page(client, f"/u/author/?cursor={cursor}")
    assert client.get("/u/author/?cursor=garbage").status_code == 400


def test_the_profile_is_found_by_its_handle_in_any_case_and_a_closed_one_is_404(world):
    author, _follower, _photos = world
    client = Client()
    shown = page(client, "/u/AUTHOR/")
    assert "@author" in shown and "with a photo 0" in shown
    assert client.get("/u/nobody/").status_code == 404
    author.is_active = False
    author.save(update_fields=["is_active"])
    assert client.get("/u/author/").status_code == 404
    assert client.get("/u/Author/").status_code == 404
