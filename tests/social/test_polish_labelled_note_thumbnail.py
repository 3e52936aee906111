"""A notification about a note behind a content warning shows the note's photo blurred, as its
card and its page do: the notifications page gave the thumbnail in full. Notes decide it (the
note is labelled and not the reader's own, as on the note page) with the visibility, in the same
query, so the page costs no query more."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, upload

pytestmark = pytest.mark.django_db


def thumbs(user, lang="en") -> list[str]:
    """The class of each thumbnail's link on the notifications page."""
    response = client_of(user).get("/notifications/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return re.findall(
        r'<a class="(notif-thumb[^"]*)"[^>]*><img [^>]*data-testid="notification-thumb"',
        response.content.decode(),
    )


@pytest.fixture
def thread(lin, mia):
    """Lin comments on Mia's note and Mia replies: Lin is told of the reply to her comment on
    Mia's note (not hers), Mia of Lin's comment on her own note."""
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body="看起来好好吃！")
    add_comment(note=note, author=mia, body="谢谢！", parent=comment)
    return note


def label(note) -> None:
    Note.objects.filter(pk=note.pk).update(
        moderation=ModerationState.LABELLED, content_warning="May contain graphic content"
    )


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_labelled_notes_thumbnail_is_blurred_for_others(thread, lin, lang):
    assert thumbs(lin, lang) == ["notif-thumb"]
    label(thread)
    assert thumbs(lin, lang) == ["notif-thumb cw"]


def test_its_author_sees_their_own_photo_plainly_as_on_the_note_page(thread, mia):
    label(thread)
    assert thumbs(mia) == ["notif-thumb"]


def test_the_blur_costs_no_query_more(thread, lin):
    client = client_of(lin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/notifications/").status_code == 200
        return len(ctx.captured_queries)

    queries()  # warm
    plain = queries()
    label(thread)
    assert queries() == plain


def test_the_stylesheet_blurs_it():
    css = open(finders.find("css/crossnote.css"), encoding="utf-8").read()
    assert re.search(r"\.notif-thumb\.cw img \{[^}]*filter: blur\(\d+px\)", css)
