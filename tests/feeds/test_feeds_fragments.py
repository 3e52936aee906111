"""Card fragments on the HTML feeds (crossnote.core.templatetags.fragments): a card's picture,
title and author are rendered once per note version and language and shared by every reader;
what is per reader (the liked mark) is rendered each time, and what a reader may see is decided
on every page: a cached fragment of a note removed, withheld or blocked since is never served."""

import pytest

from crossnote.accounts.services import update_profile
from crossnote.core.templatetags import fragments
from crossnote.moderation.services import withhold_note
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import like_note, update_note
from crossnote.social.services import block_user
from tests.conftest import client_of, make_user

EXPLORE_PAGE = "/"


@pytest.fixture
def world(db, make_note):
    authors = [make_user(f"author{i}", display_name=f"Author {i}", region="US") for i in range(3)]
    notes = [make_note(author, title=f"note by {author.username}") for author in authors]
    reader = make_user("reader", region="CN", languages=["en"])
    return authors, notes, reader


def page(client) -> str:
    response = client.get(EXPLORE_PAGE)
    assert response.status_code == 200
    return response.content.decode()


def faces() -> dict[tuple, float]:
    """{key: when it was rendered} of the card faces in memory."""
    return {key: made for key, (made, _html) in fragments._memo.items() if key[0] == "card-face"}


def test_a_cards_face_is_rendered_once_and_shared_by_readers(world):
    _authors, notes, reader = world
    first = page(client_of(reader))
    made = faces()
    assert len(made) == len(notes)  # one face per note version (and language)
    other = make_user("other_reader", region="US", languages=["en"])
    second = page(client_of(other))
    assert faces() == made  # the second reader reused them: none rendered again
    for note in notes:
        assert note.title in first and note.title in second


def test_liked_marks_stay_per_reader(world):
    _authors, notes, reader = world
    like_note(user=reader, note=notes[0])
    other = make_user("other_reader", region="US", languages=["en"])
    mine, theirs = page(client_of(reader)), page(client_of(other))
    assert mine.count('class="likes liked"') == 1
    assert theirs.count('class="likes liked"') == 0


def test_an_edit_and_a_new_display_name_show_on_the_next_page(world):
    authors, notes, reader = world
    client = client_of(reader)
    assert "note by author0" in page(client)
    update_note(user=authors[0], note=notes[0], title="edited title")
    update_profile(user=authors[1], display_name="New Name")
    shown = page(client)
    assert "edited title" in shown and "note by author0" not in shown
    assert "New Name" in shown and "Author 1" not in shown


def test_a_cached_fragment_is_not_served_after_removal_withholding_or_a_block(world):
    authors, notes, reader = world
    client = client_of(reader)
    shown = page(client)
    assert all(note.title in shown for note in notes)
    assert len(faces()) == 3  # every card's face is now cached
    Note.objects.filter(pk=notes[0].pk).update(moderation=ModerationState.REMOVED)
    withhold_note(note=notes[1], regions=["CN"], legal_basis="court order 1")
    block_user(blocker=reader, blocked=authors[2])
    shown = page(client)
    for note in notes:
        assert note.title not in shown
    assert len(faces()) == 3  # still in memory, never served
    # Someone elsewhere still sees the withheld note (not removed, not blocked by them).
    elsewhere = page(client_of(make_user("us_reader", region="US", languages=["en"])))
    assert notes[1].title in elsewhere and notes[0].title not in elsewhere


def test_fragments_are_bounded_and_expire(world, monkeypatch):
    _authors, _notes, reader = world
    client = client_of(reader)
    page(client)
    made = faces()
    monkeypatch.setattr(fragments, "MAX_AGE", -1.0)  # every entry is now too old
    page(client)
    again = faces()
    assert set(again) == set(made)
    assert all(again[key] > made[key] for key in made)  # rendered anew
    monkeypatch.setattr(fragments._memo, "size", 2)
    page(client)
    assert len(fragments._memo) == 2
