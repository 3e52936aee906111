"""A note's page for visitors kept whole on PostgreSQL while the database announces nothing
(crossnote.notes.visitor_page, crossnote.core.pgnews): a kept page asks no question, carries
this visitor's own CSRF token (the language form posts with it), and a comment removed or
edited, the note edited, limited or withheld, or the author's account closed show on the next
page. Real commits (`transactional_db`)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.core import pgnews
from crossnote.moderation.services import withhold_note
from crossnote.notes import visitor_page
from crossnote.notes.models import Comment, ModerationState, Note
from crossnote.notes.services import add_comment, update_note
from tests.conftest import make_user, pg_news_caught_up

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="LISTEN/NOTIFY is PostgreSQL's; SQLite renders every note page",
)
TOKEN = re.compile(r'"X-CSRFToken": "([A-Za-z0-9]+)"')


@pytest.fixture
def page(transactional_db, make_note, settings):
    settings.CROSSNOTE_REGION_HEADER = "X-Country-Code"
    visitor_page.forget_all()
    author = make_user("writer", region="US")
    reader = make_user("commenter", region="US")
    note = make_note(author, title="Dumplings at midnight", body="Pork and chive.")
    comment = add_comment(author=reader, note=note, body="Recipe please, 求教程")
    pg_news_caught_up()  # listening, and the fixture's own writes taken in
    yield author, note, comment
    visitor_page.forget_all()


def news_after(write) -> None:
    before = pgnews.generation()
    write()
    assert pgnews.wait_for_news(before) is not None, "the write was not announced"


def visit(note, client=None, *, quiet=False):
    client = client or Client(HTTP_X_COUNTRY_CODE="CN")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/notes/{note.pk}/")
    if quiet:
        assert [q["sql"] for q in queries.captured_queries] == []
    return response


def test_a_kept_page_asks_nothing_and_carries_this_visitors_own_token(page):
    _author, note, _comment = page
    first = visit(note)
    assert first.status_code == 200
    browser = Client(HTTP_X_COUNTRY_CODE="CN", enforce_csrf_checks=True)
    again = visit(note, browser, quiet=True)
    assert again.status_code == 200
    text = again.content.decode()
    assert "Dumplings at midnight" in text and "Recipe please" in text
    token = TOKEN.search(text).group(1)
    assert token != TOKEN.search(first.content.decode()).group(1)  # not the first visitor's
    assert visitor_page.CSRF_STAND_IN not in text
    assert "csrftoken" in again.cookies
    switched = browser.post(
        "/i18n/setlang/", {"language": "zh-hans", "next": "/"}, HTTP_X_CSRFTOKEN=token
    )
    assert switched.status_code == 302  # the token it was given is good


def test_removals_edits_withholding_and_closed_accounts_show_on_the_next_page(page):
    author, note, comment = page
    visit(note)
    visit(note, quiet=True)
    news_after(
        lambda: Comment.objects.filter(pk=comment.pk).update(moderation=ModerationState.REMOVED)
    )
    assert "Recipe please" not in visit(note).content.decode()
    news_after(lambda: update_note(user=author, note=note, title="Dumplings at dawn"))
    assert "Dumplings at dawn" in visit(note).content.decode()
    assert "Dumplings at dawn" in visit(note, quiet=True).content.decode()
    news_after(lambda: withhold_note(note=note, regions=["CN"], legal_basis="court order 9"))
    assert visit(note).status_code == 451
    assert visit(note, Client(HTTP_X_COUNTRY_CODE="US")).status_code == 200
    news_after(lambda: type(author).objects.filter(pk=author.pk).update(is_active=False))
    assert visit(note, Client(HTTP_X_COUNTRY_CODE="US")).status_code == 404


def test_a_limited_note_and_a_like_and_a_signed_in_reader(page):
    author, note, _comment = page
    visit(note)
    before = pgnews.generation()
    Note.objects.filter(pk=note.pk).update(like_count=7)
    assert pgnews.wait_for_news(before, timeout=0.3) is None  # a like is not news
    visit(note, quiet=True)
    reader = Client(HTTP_X_COUNTRY_CODE="CN")
    reader.force_login(author)
    with CaptureQueriesContext(connection) as queries:
        assert reader.get(f"/notes/{note.pk}/").status_code == 200
    assert queries.captured_queries  # a signed-in reader's page is never kept
    news_after(lambda: Note.objects.filter(pk=note.pk).update(moderation=ModerationState.REMOVED))
    assert visit(note).status_code == 404
