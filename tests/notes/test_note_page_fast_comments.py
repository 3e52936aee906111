"""The note page's comment threads (a note with few comments: every thread in one query) are
asked through SQL compiled once per kind of reader (card_path.rows_about): the same rows as the
ORM's question for every reader, each reader's own likes and held comments, never another's."""

import pytest

from crossnote.feeds import cards
from crossnote.notes import selectors
from crossnote.notes.card_path import card_path
from crossnote.notes.models import Comment
from crossnote.notes.services import add_comment, like_comment
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def compiled(viewer, note):
    return card_path().rows_about(
        viewer, selectors._every_thread, note.pk, name="notes:every-thread"
    )


def orm(viewer, note):
    return [tuple(row) for row in selectors._every_thread(viewer, note.pk)]


def test_compiled_threads_are_the_orms_for_every_reader(mia, lin, make_note):
    from django.contrib.auth.models import AnonymousUser

    note = make_note(mia, title="Cat")
    other = make_note(lin, title="Dog")
    wang, gone = make_user("wang_fc"), make_user("gone_fc")
    first = add_comment(author=lin, note=note, body="first")
    reply = add_comment(author=wang, note=note, body="reply", parent=first)
    like_comment(user=mia, comment=first)
    like_comment(user=lin, comment=reply)
    held = add_comment(author=lin, note=note, body="held")
    Comment.objects.filter(pk=held.pk).update(moderation="held")
    answered = add_comment(author=gone, note=note, body="placeholder")
    add_comment(author=wang, note=note, body="under a gone one", parent=answered)
    add_comment(author=wang, note=other, body="elsewhere")
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    for viewer in (mia, lin, wang, AnonymousUser(), mia, lin):
        for on in (note, other):
            assert compiled(viewer, on) == orm(viewer, on), (viewer, on)
    liked = {row[0] for row in compiled(mia, note) if row[-1]}
    assert liked == {first.pk}
    assert {row[0] for row in compiled(lin, note) if row[-1]} == {reply.pk}
    assert held.pk in {row[0] for row in compiled(lin, note)}
    assert held.pk not in {row[0] for row in compiled(mia, note)}
    # The compiled question is the one used (the reader and the note in its parameters).
    entries = [v for k, v in cards._compiled.items() if k[0] == "notes:every-thread:about"]
    assert entries and all(entry is not None for entry in entries)
    kinds = {kind for entry in entries for kind, _value in entry[1]}
    assert {"reader", "subject"} <= kinds
