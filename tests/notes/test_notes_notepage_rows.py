"""The note page's comments come as plain rows (one query for a page's threads, with the
reader's likes) and each comment's HTML is kept per version and kind of reader: what one reader
sees of a comment (their like, their Delete link, their form tokens) never shows to another,
and a held comment, a new like or a label shows at once."""

import re

import pytest
from django.test import Client

from crossnote.core.templatetags import fragments
from crossnote.notes import selectors
from crossnote.notes.models import Comment, CommentLike
from crossnote.notes.services import add_comment, like_comment
from tests.conftest import client_of, make_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _page(client, note) -> str:
    response = client.get(f"/notes/{note.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _comment_html(html: str, comment) -> str:
    start = html.index(f'id="c{comment.pk}"')
    return html[start : html.index('<p class="comment-foot', start) + 2000]


def test_each_readers_comment_forms_carry_their_own_valid_token(mia, lin, make_note):
    note = make_note(mia, title="Cat")
    comment = add_comment(author=mia, note=note, body="Hello")
    _page(client_of(mia), note)  # Mia's page keeps the comment's HTML first
    assert any(key[0] == "comment" for key in fragments._memo)
    lin_client = client_of(lin, enforce_csrf_checks=True)
    html = _page(lin_client, note)
    assert fragments.CSRF_STAND_IN not in html
    like_form = html[html.index(f'action="/comments/{comment.pk}/like/"') :]
    (token,) = TOKEN.findall(like_form)[:1]
    response = lin_client.post(
        f"/comments/{comment.pk}/like/", {"csrfmiddlewaretoken": token, "action": "like"}
    )
    assert response.status_code in (200, 302)
    assert CommentLike.objects.filter(user=lin, comment=comment).exists()
    # A token another session's page got is refused for Lin's session.
    other = TOKEN.findall(_page(client_of(make_user("wang")), note))[0]
    refused = lin_client.post(
        f"/comments/{comment.pk}/like/", {"csrfmiddlewaretoken": other, "action": "unlike"}
    )
    assert refused.status_code == 403


def test_likes_and_own_links_are_the_readers_own(mia, lin, make_note):
    note = make_note(mia, title="Cat")
    comment = add_comment(author=lin, note=note, body="So soft")
    wang = make_user("wang")
    like_comment(user=wang, comment=comment)
    as_wang = _comment_html(_page(client_of(wang), note), comment)
    as_lin = _comment_html(_page(client_of(lin), note), comment)
    as_sam = _comment_html(_page(client_of(make_user("sam")), note), comment)
    assert 'aria-pressed="true"' in as_wang and "♥ 1" in as_wang
    assert 'aria-pressed="false"' in as_sam and "♡ 1" in as_sam
    assert f'action="/comments/{comment.pk}/delete/"' in as_lin  # her own comment
    assert f'action="/comments/{comment.pk}/delete/"' not in as_sam
    assert f'action="/comments/{comment.pk}/delete/"' in _comment_html(
        _page(client_of(mia), note), comment
    )  # the note's author
    # A like since the last page shows at once.
    like_comment(user=mia, comment=comment)
    assert "♡ 2" in _comment_html(_page(client_of(make_user("kai")), note), comment)


def test_held_comment_shows_only_to_its_author_at_once(mia, lin, make_note):
    note = make_note(mia, title="Cat")
    comment = add_comment(author=lin, note=note, body="Buy followers here")
    assert "Buy followers" in _page(Client(), note)
    Comment.objects.filter(pk=comment.pk).update(moderation="held")
    assert "Buy followers" not in _page(Client(), note)
    assert "Buy followers" not in _page(client_of(mia), note)
    mine = _page(client_of(lin), note)
    assert "Buy followers" in mine and "Only you can see this comment" in mine
    api = client_of(lin).get(f"/api/v1/notes/{note.pk}/comments").json()
    assert [c["id"] for c in api["items"]] == [comment.pk]
    assert Client().get(f"/api/v1/notes/{note.pk}/comments").json()["items"] == []


def test_rows_carry_replies_likes_and_avatars(mia, lin, make_note):
    note = make_note(mia, title="Cat")
    top = add_comment(author=lin, note=note, body="First")
    reply = add_comment(author=mia, note=note, body="Thanks", parent=top)
    like_comment(user=mia, comment=reply)
    lin.avatar.name = "avatars/lin.webp"
    lin.save(update_fields=["avatar"])
    (row,) = selectors.comment_page(note, mia).items
    assert (row.pk, row.liked, row.author.name, row.author.avatar.url) == (
        top.pk,
        False,
        "小林",
        lin.avatar.url,
    )
    assert [(r.pk, r.liked, r.reply_to.username) for r in row.replies.all()] == [
        (reply.pk, True, "lin_sh")
    ]
    html = _page(client_of(mia), note)
    assert f'src="{lin.avatar.url}"' in html
    api = client_of(mia).get(f"/api/v1/notes/{note.pk}/comments").json()["items"]
    assert api[0]["author"]["avatar_url"] == lin.avatar.url
    assert [(r["id"], r["liked"], r["reply_to"]) for r in api[0]["replies"]] == [
        (reply.pk, True, "lin_sh")
    ]


@pytest.mark.parametrize("sort", ["hot", "new"])
def test_few_comments_page_as_the_ranked_path_does(mia, lin, make_note, monkeypatch, sort):
    """A note with few comments is paged from one query of all its threads; it shows the same
    threads, order, replies and cursors as the path for notes with many."""
    note = make_note(mia, title="Cat")
    wang, gone = make_user("wang"), make_user("gone")
    heads = [add_comment(author=[lin, wang, mia][i % 3], note=note, body=f"c{i}") for i in range(7)]
    Comment.objects.filter(pk=heads[2].pk).update(like_count=9)
    add_comment(author=mia, note=note, body="reply", parent=heads[1])
    held = add_comment(author=lin, note=note, body="held one")
    Comment.objects.filter(pk=held.pk).update(moderation="held")
    answered = add_comment(author=gone, note=note, body="placeholder")
    add_comment(author=lin, note=note, body="under a gone one", parent=answered)
    add_comment(author=gone, note=note, body="unanswered, gone")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    note.refresh_from_db()

    def pages(viewer):
        out, cursor = [], None
        while True:
            page = selectors.comment_page(note, viewer, sort=sort, cursor=cursor, limit=3)
            out.append(
                (
                    [(c.pk, c.liked, [r.pk for r in c.replies.all()]) for c in page.items],
                    page.next_cursor,
                )
            )
            if not page.next_cursor:
                return out
            cursor = page.next_cursor

    for viewer in (lin, mia, None):
        few = pages(viewer)
        monkeypatch.setattr(selectors, "FEW_COMMENTS", -1)
        many = pages(viewer)
        monkeypatch.setattr(selectors, "FEW_COMMENTS", 300)
        assert few == many, viewer
        shown = [pk for items, _cursor in few for pk, _liked, _replies in items]
        assert answered.pk in shown and (held.pk in shown) == (viewer == lin)
        assert len(shown) == len(set(shown)) == 8 + (viewer == lin)


def test_the_readers_like_save_and_follow_marks_are_read_at_once(mia, lin, make_note):
    from crossnote.notes.services import collect_note, like_note, uncollect_note
    from crossnote.social.services import follow_user

    note = make_note(mia, title="Cat")
    reader = client_of(lin)
    html = _page(reader, note)
    assert 'data-testid="like-button" aria-pressed="false"' in html
    assert "☆" in html and 'data-testid="follow-button">Follow<' in html
    like_note(user=lin, note=note)
    saved = collect_note(user=lin, note=note).board
    follow_user(follower=lin, followee=mia)
    html = _page(reader, note)
    assert 'data-testid="like-button" aria-pressed="true"' in html and "★" in html
    assert f'name="unsave" value="{saved.pk}"' in html and "Following" in html
    others = _page(client_of(make_user("sam")), note)  # Lin's marks are hers alone
    assert 'data-testid="like-button" aria-pressed="false"' in others and "★" not in others
    uncollect_note(user=lin, note=note, board=saved)
    html = _page(reader, note)
    assert f'name="unsave" value="{saved.pk}"' not in html and "☆" in html
