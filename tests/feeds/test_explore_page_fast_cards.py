"""A feed card's whole HTML is one `{% fragment %}` (notes/_card.html) keyed by everything it
shows (crossnote.notes.templatetags.notes.card_html_version): a like by anyone, an edit, the
reader's languages, a label change the card at once; one reader's like mark is not another's."""

import pytest

from crossnote.core.templatetags import fragments
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import like_note, unlike_note, update_note
from tests.conftest import client_of, make_user, page_html


@pytest.fixture
def world(db, make_note):
    author = make_user("cardkey_a", display_name="Card Author", region="US")
    note = make_note(author, title="a note to keep")
    reader = make_user("cardkey_r", region="US", languages=["en"])
    return author, note, reader


def card(html: str, note) -> str:
    start = html.index(f'<a href="/notes/{note.pk}/" class="note-card-link">')
    return html[html.rindex("<article", 0, start) : html.index("</article>", start)]


def test_a_like_by_anyone_shows_on_the_warm_card(world):
    _author, note, reader = world
    as_reader = client_of(reader)
    assert "♡ 0" in card(page_html(as_reader, "/"), note)
    fan = make_user("cardkey_f", region="US", languages=["en"])
    like_note(user=fan, note=note)
    shown = card(page_html(as_reader, "/"), note)
    assert "♡ 1" in shown and "liked" not in shown
    like_note(user=reader, note=note)
    shown = card(page_html(as_reader, "/"), note)
    assert 'class="likes liked"' in shown and "♥ 2" in shown
    fans_card = card(page_html(client_of(fan), "/"), note)
    assert 'class="likes liked"' in fans_card and "♥ 2" in fans_card
    unlike_note(user=reader, note=note)
    shown = card(page_html(as_reader, "/"), note)
    assert "liked" not in shown and "♡ 1" in shown


def test_an_edit_a_label_and_the_readers_languages_change_the_card(world):
    author, note, reader = world
    as_reader = client_of(reader)
    first = card(page_html(as_reader, "/"), note)
    assert "a note to keep" in first and 'data-testid="translate-card"' not in first
    update_note(user=author, note=note, title="a new title")
    assert "a new title" in card(page_html(as_reader, "/"), note)
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.LABELLED)
    assert 'class="note-card cw"' in card(page_html(as_reader, "/"), note)
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.VISIBLE)
    assert 'class="note-card cw"' not in card(page_html(as_reader, "/"), note)
    # A Chinese note: translation is offered to the English reader, not to a Chinese one.
    Note.objects.filter(pk=note.pk).update(language="zh")
    assert 'data-testid="translate-card"' in card(page_html(as_reader, "/"), note)
    chinese = make_user("cardkey_zh", region="US", languages=["zh"])
    assert 'data-testid="translate-card"' not in card(page_html(client_of(chinese), "/"), note)
    assert 'data-testid="translate-card"' in card(page_html(as_reader, "/"), note)


def test_a_kept_card_is_the_card_rendered_cold(world):
    _author, note, reader = world
    as_reader = client_of(reader)
    warm = page_html(as_reader, "/")
    assert page_html(as_reader, "/") == warm
    fragments.forget_all()
    assert page_html(as_reader, "/") == warm
    assert card(warm, note).count("<article") == 1
