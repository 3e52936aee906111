"""A note the reader liked shows a filled heart on a board's page and a topic's page, as it
does on explore, search and profiles: 林晓 liked a note, saved it, opened her board and saw an
empty heart (♡ 2) under it, as if her like had not counted."""

import pytest

from crossnote.notes.services import collect_note, like_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def liked(mia, lin, make_note):
    note = make_note(mia, title="Mac and cheese at home", body="Easy #cooking")
    other = make_note(mia, title="Another dish", body="Also #cooking")
    like_note(user=lin, note=note)
    saved = collect_note(user=lin, note=note)
    collect_note(user=lin, note=other)
    return note, other, saved.board


def _heart(html: str, title: str) -> str:
    card = html[html.index(title) :]
    return card[card.index('<span class="likes') :][:80]


@pytest.mark.parametrize("page", ["board", "topic"])
def test_a_liked_note_has_a_filled_heart(client_for, lin, liked, page):
    note, other, board = liked
    url = board.get_absolute_url() if page == "board" else "/topics/cooking/"
    html = client_for(lin).get(url).content.decode()
    assert "liked" in _heart(html, note.title) and "♥" in _heart(html, note.title)
    assert "liked" not in _heart(html, other.title) and "♡" in _heart(html, other.title)
