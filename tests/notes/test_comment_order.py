"""Comments come in one ordering and paging for the note page and the API (issue 23: the page
rendered every comment oldest first while the API paged them newest first): `hot` (likes and
replies, with recency) or `new`, twenty a page on the page, the same cursor continuing both."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.notes import selectors
from crossnote.notes.models import Comment
from tests.conftest import client_of, make_user

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _comments(note, author, n, *, start=None):
    """`n` top-level comments, one a minute apart (the last the newest)."""
    start = start or timezone.now() - timedelta(hours=3)
    rows = Comment.objects.bulk_create(
        Comment(note=note, author=author, body=f"comment {i}", language="en") for i in range(n)
    )
    for i, row in enumerate(rows):
        Comment.objects.filter(pk=row.pk).update(created_at=start + timedelta(minutes=i))
    return [Comment.objects.get(pk=r.pk) for r in rows]


def _page_ids(html: str) -> list[int]:
    """Top-level comment ids in the order the page shows them."""
    return [int(pk) for pk in re.findall(r'data-thread="(\d+)"', html)]


@pytest.fixture
def thread(mia, lin, make_note):
    note = make_note(mia, title="Cat")
    old, middle, new = _comments(note, lin, 3)
    # The oldest has engagement: 12 likes and a reply; the newest has nothing.
    Comment.objects.filter(pk=old.pk).update(like_count=12)
    Comment.objects.create(note=note, author=mia, parent=old, body="thanks", language="en")
    return note, old, middle, new


def test_hot_puts_engagement_first_and_new_puts_newest_first(thread, lin):
    note, old, middle, new = thread
    hot = selectors.comment_page(note, lin, sort="hot").items
    assert [c.pk for c in hot] == [old.pk, new.pk, middle.pk]
    fresh = selectors.comment_page(note, lin, sort="new").items
    assert [c.pk for c in fresh] == [new.pk, middle.pk, old.pk]


def test_hot_weighs_recency_against_engagement(mia, lin, make_note):
    note = make_note(mia)
    week_old, today = _comments(note, lin, 2, start=timezone.now() - timedelta(days=7))
    Comment.objects.filter(pk=today.pk).update(created_at=timezone.now())
    Comment.objects.filter(pk=week_old.pk).update(like_count=20)
    hot = selectors.comment_page(note, lin, sort="hot").items
    assert [c.pk for c in hot] == [today.pk, week_old.pk], "a week's age outweighs 20 likes"


def test_note_page_and_api_show_the_same_order(thread, lin, client):
    note, *_ = thread
    for sort in ("hot", "new"):
        html = client.get(f"/notes/{note.pk}/?sort={sort}").content.decode()
        api = client.get(f"{API}/notes/{note.pk}/comments?sort={sort}").json()
        assert _page_ids(html) == [c["id"] for c in api["items"]], sort
    # Without a choice both use hot.
    html = client.get(f"/notes/{note.pk}/").content.decode()
    api = client.get(f"{API}/notes/{note.pk}/comments").json()
    assert (
        _page_ids(html)
        == [c["id"] for c in api["items"]]
        == _page_ids(client.get(f"/notes/{note.pk}/?sort=hot").content.decode())
    )


@pytest.mark.parametrize("sort", ["hot", "new"])
def test_page_and_api_page_the_same_way(mia, lin, make_note, client, sort):
    note = make_note(mia)
    _comments(note, lin, 25)
    html = client.get(f"/notes/{note.pk}/?sort={sort}").content.decode()
    api = client.get(f"{API}/notes/{note.pk}/comments?sort={sort}&limit=20").json()
    first = _page_ids(html)
    assert len(first) == 20, "the page shows twenty, not every comment"
    assert first == [c["id"] for c in api["items"]]
    cursor = api["next_cursor"]
    assert f"cursor={cursor}" in html, "the page's Show more continues where the API does"
    more = client.get(f"/notes/{note.pk}/comments/page/?sort={sort}&cursor={cursor}")
    rest = client.get(f"{API}/notes/{note.pk}/comments?sort={sort}&cursor={cursor}").json()
    assert _page_ids(more.content.decode()) == [c["id"] for c in rest["items"]]
    assert len(rest["items"]) == 5 and rest["next_cursor"] is None
    assert "data-comments-more" not in more.content.decode()
    assert set(first) | {c["id"] for c in rest["items"]} == set(
        Comment.objects.filter(note=note).values_list("pk", flat=True)
    )


def test_a_cursor_continues_only_its_own_order(mia, lin, make_note, client):
    note = make_note(mia)
    _comments(note, lin, 3)
    hot = client.get(f"{API}/notes/{note.pk}/comments?sort=hot&limit=1").json()["next_cursor"]
    new = client.get(f"{API}/notes/{note.pk}/comments?sort=new&limit=1").json()["next_cursor"]
    assert client.get(f"{API}/notes/{note.pk}/comments?sort=new&cursor={hot}").status_code == 400
    assert client.get(f"{API}/notes/{note.pk}/comments?sort=hot&cursor={new}").status_code == 400
    assert client.get(f"{API}/notes/{note.pk}/comments?sort=hot&cursor=garbage").status_code == 400
    assert client.get(f"/notes/{note.pk}/?sort=hot&cursor={new}").status_code == 400
    assert client.get(f"/notes/{note.pk}/?sort=best").status_code == 400
    assert client.get(f"{API}/notes/{note.pk}/comments?sort=best").status_code == 422


def test_replies_are_folded_under_view_n_replies(thread, client):
    note, old, *_ = thread
    html = client.get(f"/notes/{note.pk}/").content.decode()
    fold = re.search(r'<details class="replies-fold">\s*<summary[^>]*>([^<]*)</summary>', html)
    assert fold and fold.group(1).strip() == "View 1 reply"
    zh = client.get(f"/notes/{note.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "展开 1 条回复" in zh


def test_a_new_comment_shows_after_posting_even_when_hot_ranks_it_later(mia, lin, make_note):
    note = make_note(mia)
    _comments(note, lin, 21, start=timezone.now() - timedelta(minutes=30))
    Comment.objects.filter(note=note).update(like_count=50)
    sam = make_user("sam", region="US")
    response = client_of(sam).post(
        f"/notes/{note.pk}/comments/",
        {"body": "late to the party", "sort": "hot"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "late to the party" in response.content.decode()
    mine = Comment.objects.get(author=sam)
    assert mine.pk not in [c.pk for c in selectors.comment_page(note, sam, sort="hot").items]
