"""The explore page on the card path (crossnote.feeds.pages): a warm page builds no ORM note,
renders the same HTML as a cold one, and keeps what is per reader or live (liked marks, counts,
the content-warning label, the translate button) fresh on every page."""

import re

import pytest

from crossnote.core.templatetags import fragments
from crossnote.feeds import cards
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import like_note
from tests.conftest import NotesBuilt, client_of, make_user, page_html

EXPLORE_PAGE = "/"


@pytest.fixture
def world(db, make_note):
    authors = [make_user(f"author{i}", display_name=f"Author {i}", region="US") for i in range(3)]
    notes = [make_note(author, title=f"note by {author.username}") for author in authors]
    reader = make_user("reader", region="US", languages=["en"])
    return authors, notes, reader


def page(client, path=EXPLORE_PAGE, **headers) -> str:
    return page_html(client, path, **headers)


def test_a_warm_explore_page_builds_no_note_objects(world):
    _authors, notes, reader = world
    client = client_of(reader)
    with NotesBuilt() as cold:
        first = page(client)
    assert cold.count >= len(notes)  # the cold page loaded the notes for their fragments
    with NotesBuilt() as warm:
        second = page(client)
    assert warm.count == 0
    assert first == second
    for note in notes:
        assert note.title in second and note.author.display_name in second


def test_cold_and_warm_pages_are_the_same_html(world):
    _authors, _notes, reader = world
    client = client_of(reader)
    warm_before = page(client)
    fragments.forget_all()
    cards.forget_all()
    cold = page(client)
    assert cold == warm_before == page(client)


def test_the_next_page_by_htmx_is_on_the_card_path_too(world, make_note):
    authors, _notes, reader = world
    for i in range(30):  # more than a page
        make_note(authors[i % 3], title=f"more {i}")
    client = client_of(reader)
    first = page(client)
    cursor = re.search(r'\?cursor=([A-Za-z0-9_-]+)"', first).group(1)
    path = f"{EXPLORE_PAGE}?cursor={cursor}"
    page(client, path, HTTP_HX_REQUEST="true")
    with NotesBuilt() as warm:
        more = page(client, path, HTTP_HX_REQUEST="true")
    assert warm.count == 0
    assert "<html" not in more and more.count("data-card") >= 6


def test_labels_likes_and_language_are_live_on_a_warm_page(world):
    _authors, notes, reader = world
    client = client_of(reader)
    shown = page(client)
    assert "note-card cw" not in shown and 'class="likes liked"' not in shown
    assert 'data-testid="translate-card"' not in shown  # all English, the reader reads English
    # A moderator's label and a language change touch no version: they must show at once.
    Note.objects.filter(pk=notes[0].pk).update(moderation=ModerationState.LABELLED)
    Note.objects.filter(pk=notes[1].pk).update(language="zh-hans")
    like_note(user=reader, note=notes[2])
    shown = page(client)
    assert shown.count("note-card cw") == 1
    assert shown.count('data-testid="translate-card"') == 1
    assert f"card-translate-{notes[1].pk}" in shown
    assert shown.count('class="likes liked"') == 1
    assert "♥ 1" in shown
    other = page(client_of(make_user("other_reader", region="US", languages=["en"])))
    assert 'class="likes liked"' not in other and "♡ 1" in other


def test_a_note_hidden_since_is_left_out_of_a_warm_page(world):
    authors, notes, reader = world
    client = client_of(reader)
    assert notes[0].title in page(client)
    Note.objects.filter(pk=notes[0].pk).update(moderation=ModerationState.REMOVED)
    Note.objects.filter(pk=notes[1].pk).update(moderation=ModerationState.LIMITED)
    shown = page(client)
    assert notes[0].title not in shown and notes[1].title not in shown
    assert notes[2].title in shown
