"""The note page renders what is the same for every reader (the note's text, its photos, each
comment's name line and text) once per version ({% fragment %}), and still shows every change at
once: a new name, an edit, an alt text, a closed account, a moderation label or a removal."""

import re

import pytest
from django.test import Client

from crossnote.accounts.services import update_profile
from crossnote.core.templatetags import fragments
from crossnote.notes.models import Comment, NoteImage
from crossnote.notes.services import add_comment, update_note
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _page(client, note) -> str:
    response = client.get(f"/notes/{note.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(html: str) -> str:
    return re.sub(r'("X-CSRFToken": |name="csrfmiddlewaretoken" value=)"[^"]+"', "", html)


def _kept(name: str) -> int:
    return sum(1 for key in fragments._memo if key[0] == name)


def test_comment_texts_are_kept_and_the_page_reads_the_same_from_them(mia, lin, make_note):
    note = make_note(mia, title="Cat", body="My #cats")
    add_comment(author=lin, note=note, body="So soft @mia_ms")
    add_comment(author=mia, note=note, body="Thanks!")
    reader = Client()
    first = _page(reader, note)
    assert _kept("comment-body") == 2 and _kept("comment-head") == 2
    assert _kept("note-text") == 1 and _kept("slides") == 1
    again = _page(Client(), note)
    assert _without_tokens(again) == _without_tokens(first)
    assert 'href="/u/mia_ms/"' in again and "So soft" in again and 'class="tag"' in again


def test_each_comment_like_form_posts_to_its_comment(mia, lin, make_note, client_for):
    note = make_note(mia, title="Cat")
    comment = add_comment(author=lin, note=note, body="Hello")
    page = _page(client_for(mia), note)
    url = f"/comments/{comment.pk}/like/"
    assert f'action="{url}" hx-post="{url}"' in page


def test_a_new_name_and_a_closed_answered_account_show_at_once(mia, lin, make_note, client_for):
    note = make_note(mia, title="Cat")
    first = add_comment(author=lin, note=note, body="Hello")
    reply_author = make_user("wang", display_name="Wang")
    add_comment(author=reply_author, note=note, body="Hi back", parent=first)
    reader = client_for(mia)
    page = _page(reader, note)
    assert "小林" in page and "▸ 小林" in page
    update_profile(user=lin, display_name="Lin the cat")
    page = _page(reader, note)
    assert "Lin the cat" in page and "小林" not in page
    # The answered account closes: its comment becomes a placeholder and the reply's "▸ name" goes.
    lin.is_active = False
    lin.save(update_fields=["is_active"])
    page = _page(reader, note)
    assert "▸" not in page and "Lin the cat" not in page and "Hi back" in page


def test_edits_and_alt_texts_show_at_once(mia, make_note):
    note = make_note(mia, title="First title", body="First body")
    reader = Client()
    assert "First title" in _page(reader, note)
    update_note(user=mia, note=note, title="Second title", body="Second body")
    page = _page(reader, note)
    assert "Second title" in page and "Second body" in page and "First body" not in page
    NoteImage.objects.filter(note=note).update(alt_text="A grey cat asleep")
    assert 'alt="A grey cat asleep"' in _page(reader, note)


def test_labels_and_removals_of_comments_show_at_once(mia, lin, make_note, client_for):
    note = make_note(mia, title="Cat")
    comment = add_comment(author=lin, note=note, body="Rude words here")
    reader = client_for(mia)
    page = _page(reader, note)
    assert "Rude words here" in page and 'data-testid="content-warning"' not in page
    Comment.objects.filter(pk=comment.pk).update(moderation="labelled", content_warning="Rude")
    page = _page(reader, note)
    assert "⚠ Rude" in page  # the text is behind the warning now
    assert page.index("⚠ Rude") < page.index("Rude words here")
    Comment.objects.filter(pk=comment.pk).update(moderation="removed")
    assert "Rude words here" not in _page(reader, note)
