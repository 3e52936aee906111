"""Replies from elsewhere as comments: a Mastodon reply to a local note (or to one of its
comments) is verified, screened, kept, counted and shown among the note's comments on the page
and in the comments API, and its author notified; Update and Delete follow it. Hostile replies
(from someone the author blocked, from a blocked server, forged, with hostile HTML, to a private
note, where the author lets nobody comment, held by moderation) are refused or kept hidden."""

import json

import pytest

from crossnote.federation.models import RemoteBlock, RemoteNote
from crossnote.federation.services import block_domain
from crossnote.social.models import Notification
from tests.conftest import make_user
from tests.federation.federation_fixtures import (
    DOMAIN,
    activity,
    mastodon_actor,
    mastodon_note,
    signed_post,
)

pytestmark = pytest.mark.django_db

NOTE_URI = f"https://{DOMAIN}/ap/notes/%d"


@pytest.fixture
def alice(known_actor):
    return known_actor()


@pytest.fixture
def lins_note(lin, make_note, federated):
    return make_note(lin, title="Hotpot night", body="Spicy broth")


def reply(doc, note, number=7, content="<p>That looks delicious!</p>", **extra):
    return mastodon_note(
        doc,
        number=number,
        content=content,
        inReplyTo=NOTE_URI % note.pk if note is not None else None,
        attachment=[],
        **extra,
    )


def send(doc, kind, obj, suffix):
    return signed_post("/ap/inbox", activity(doc, kind, obj, suffix), actor=doc)


def page_of(client, note):
    return client.get(f"/notes/{note.pk}/", HTTP_HOST=DOMAIN).content.decode()


def test_a_mastodon_reply_is_a_comment_on_the_page_in_the_api_counted_and_notified(
    client, lin, lins_note, alice
):
    doc = mastodon_actor()
    answer = reply(doc, lins_note)
    response = send(doc, "Create", answer, "r1")
    assert response.status_code == 202, response.content
    assert response.json()["detail"] == "reply stored"
    stored = RemoteNote.objects.get(uri=answer["id"])
    assert stored.reply_to_note == lins_note and stored.actor == alice
    lins_note.refresh_from_db()
    assert lins_note.comment_count == 1

    page = page_of(client, lins_note)
    assert 'data-testid="comment-elsewhere"' in page
    assert "That looks delicious!" in page and "@alice@mastodon.example" in page
    assert f'href="/elsewhere/people/{alice.pk}/"' in page
    assert "No comments yet" not in page

    api = client.get(f"/api/v1/notes/{lins_note.pk}/comments", HTTP_HOST=DOMAIN).json()
    assert api["items"] == []
    [item] = api["elsewhere"]
    assert item["author_address"] == "@alice@mastodon.example"
    assert item["text"] == "That looks delicious!" and item["uri"] == answer["id"]
    assert item["author_url"] == f"/elsewhere/people/{alice.pk}/"

    told = Notification.objects.get(recipient=lin)
    assert told.verb == "comment" and told.actor is None and told.note == lins_note
    from crossnote.social.selectors import grouped_notifications

    groups, _cursor = grouped_notifications(lin)
    assert groups[0].message().startswith("Someone on another server")


def test_a_reply_to_a_local_comment_joins_its_note_and_tells_the_commenter(
    client, lin, mia, lins_note, alice
):
    from crossnote.notes.services import add_comment

    comment = add_comment(author=mia, note=lins_note, body="Where is this?")
    doc = mastodon_actor()
    comment_doc = client.get(
        f"/ap/comments/{comment.pk}", HTTP_HOST=DOMAIN, HTTP_ACCEPT="application/activity+json"
    )
    assert comment_doc.status_code == 200
    served = json.loads(comment_doc.content)
    assert served["type"] == "Note" and served["inReplyTo"] == NOTE_URI % lins_note.pk
    assert served["attributedTo"] == f"https://{DOMAIN}/ap/users/mia_ms"

    answer = reply(doc, lins_note, content="<p>Chengdu!</p>")
    answer["inReplyTo"] = served["id"]
    assert send(doc, "Create", answer, "r2").status_code == 202
    stored = RemoteNote.objects.get(uri=answer["id"])
    assert stored.reply_to_note == lins_note and stored.reply_to_comment == comment
    lins_note.refresh_from_db()
    assert lins_note.comment_count == 2
    assert Notification.objects.filter(recipient=mia, verb="reply", actor=None).exists()
    page = page_of(client, lins_note)
    assert "Chengdu!" in page and "▸ Mia" in page


def test_update_and_delete_of_a_reply_follow_it(client, lin, lins_note, alice):
    doc = mastodon_actor()
    answer = reply(doc, lins_note)
    assert send(doc, "Create", answer, "u1").status_code == 202
    edited = {**answer, "content": "<p>Edited: delicious</p>", "contentMap": {}}
    assert send(doc, "Update", edited, "u2").status_code == 202
    assert "Edited: delicious" in page_of(client, lins_note)
    gone = send(doc, "Delete", {"id": answer["id"], "type": "Tombstone"}, "u3")
    assert gone.status_code == 202 and gone.json()["detail"] == "note deleted"
    assert not RemoteNote.objects.filter(uri=answer["id"]).exists()
    lins_note.refresh_from_db()
    assert lins_note.comment_count == 0
    assert "Edited: delicious" not in page_of(client, lins_note)


def test_a_local_comment_deleted_keeps_the_remote_replies_counted(lin, mia, lins_note, alice):
    from crossnote.notes.services import add_comment, delete_comment

    doc = mastodon_actor()
    answer = reply(doc, lins_note)
    assert send(doc, "Create", answer, "k1").status_code == 202
    comment = add_comment(author=mia, note=lins_note, body="Nice")
    lins_note.refresh_from_db()
    assert lins_note.comment_count == 2
    delete_comment(user=mia, comment=comment)  # recounted: the reply from elsewhere stays
    lins_note.refresh_from_db()
    assert lins_note.comment_count == 1


def test_html_in_a_reply_is_sanitised(client, lin, lins_note, alice):
    doc = mastodon_actor()
    hostile = reply(
        doc,
        lins_note,
        content="<p>hi<script>alert(1)</script><img src=x onerror=alert(2)>"
        '<a href="javascript:alert(3)">x</a><a href="https://ok.example/">ok</a></p>',
    )
    assert send(doc, "Create", hostile, "h1").status_code == 202
    page = page_of(client, lins_note)
    section = page[page.index('data-testid="comment-elsewhere"') :]
    section = section[: section.index("</div>\n</div>")]
    assert "<script" not in section and "onerror" not in section and "<img src=x" not in section
    assert "javascript:" not in section
    assert (
        'href="https://ok.example/"' in section and 'rel="nofollow noopener noreferrer"' in section
    )


def test_a_reply_from_someone_the_author_blocked_is_dropped(client, lin, lins_note, alice):
    RemoteBlock.objects.create(user=lin, actor=alice)
    doc = mastodon_actor()
    answer = reply(doc, lins_note)
    response = send(doc, "Create", answer, "b1")
    assert response.status_code == 202
    assert "blocked" in response.json()["detail"]
    assert not RemoteNote.objects.filter(uri=answer["id"]).exists()
    assert not Notification.objects.filter(recipient=lin).exists()


def test_a_reply_from_a_blocked_server_is_refused(client, lin, lins_note, alice):
    block_domain(domain="mastodon.example")
    doc = mastodon_actor()
    answer = reply(doc, lins_note)
    assert send(doc, "Create", answer, "d1").status_code == 403
    assert not RemoteNote.objects.exists()


def test_a_forged_reply_is_refused(client, lin, lins_note, alice, known_actor):
    """Alice's server signs a reply it attributes to bob, or whose id is on another server."""
    known_actor(mastodon_actor("bob", "other.example"))
    doc = mastodon_actor()
    forged = reply(doc, lins_note)
    forged["attributedTo"] = "https://other.example/users/bob"
    assert send(doc, "Create", forged, "f1").status_code == 403
    elsewhere = reply(doc, lins_note)
    elsewhere["id"] = "https://other.example/users/bob/statuses/9"
    assert send(doc, "Create", elsewhere, "f2").status_code == 403
    assert not RemoteNote.objects.exists()
    lins_note.refresh_from_db()
    assert lins_note.comment_count == 0


def test_replies_to_private_notes_or_where_nobody_may_comment_are_dropped(
    lin, make_note, federated, alice
):
    private = make_note(lin, title="Diary", visibility="private")
    doc = mastodon_actor()
    answer = reply(doc, private)
    assert "private" in send(doc, "Create", answer, "p1").json()["detail"]
    closed_author = make_user("ann", comment_permission="nobody")
    closed = make_note(closed_author, title="No comments")
    answer = reply(doc, closed, number=8)
    assert "nobody" in send(doc, "Create", answer, "p2").json()["detail"]
    assert not RemoteNote.objects.exists()


def test_a_held_reply_is_neither_shown_nor_counted_nor_notified(client, lin, lins_note, alice):
    doc = mastodon_actor()
    abusive = reply(doc, lins_note, content="<p>楼上那个傻逼又在装修</p>")
    abusive["contentMap"] = {"zh": abusive["content"]}
    assert send(doc, "Create", abusive, "m1").status_code == 202
    assert RemoteNote.objects.get(uri=abusive["id"]).moderation == "hold"
    lins_note.refresh_from_db()
    assert lins_note.comment_count == 0
    assert "楼上" not in page_of(client, lins_note)
    assert not Notification.objects.filter(recipient=lin).exists()
    api = client.get(f"/api/v1/notes/{lins_note.pk}/comments", HTTP_HOST=DOMAIN).json()
    assert api["elsewhere"] == []


def test_a_reply_translates_in_place(client, lin, lins_note, alice):
    doc = mastodon_actor()
    answer = reply(doc, lins_note, content="<p>看起来很好吃</p>")
    answer["contentMap"] = {"zh": answer["content"]}
    assert send(doc, "Create", answer, "t1").status_code == 202
    stored = RemoteNote.objects.get(uri=answer["id"])
    page = page_of(client, lins_note)  # an English reader: a Translate button for Chinese
    assert f"/elsewhere/notes/{stored.pk}/translation/" in page
    fragment = client.get(f"/elsewhere/notes/{stored.pk}/translation/?to=en", HTTP_HOST=DOMAIN)
    assert fragment.status_code == 200 and b"data-translation" in fragment.content


def test_a_reply_to_nothing_here_from_a_stranger_is_ignored(lin, alice, federated):
    doc = mastodon_actor()
    stray = reply(doc, None)
    stray["inReplyTo"] = f"https://{DOMAIN}/ap/notes/999999"
    response = send(doc, "Create", stray, "n1")
    assert response.status_code == 202 and response.json()["detail"].startswith("ignored")
    assert not RemoteNote.objects.exists()


def test_an_answer_to_a_local_comment_on_a_remote_note_joins_its_thread(client, lin, alice):
    from crossnote.federation.replies import comment_on_remote_note, thread_of
    from crossnote.federation.services import parse_published

    doc = mastodon_actor()
    theirs = RemoteNote.objects.create(
        uri=f"{doc['id']}/statuses/40",
        actor=alice,
        content="<p>Sunset</p>",
        text="Sunset",
        published=parse_published("2026-12-01T10:00:00Z"),
    )
    mine = comment_on_remote_note(author=lin, note=theirs, body="Beautiful")
    answer = reply(doc, None, number=41, content="<p>Thank you!</p>")
    answer["inReplyTo"] = f"https://{DOMAIN}/ap/replies/{mine.pk}"
    answer["published"] = "2099-01-01T00:00:00Z"  # after Lin's comment (kept as "now")
    response = send(doc, "Create", answer, "a1")
    assert response.status_code == 202 and response.json()["detail"] == "reply to a comment stored"
    assert [kind for kind, _row in thread_of(theirs, lin)] == ["local", "remote"]
    page = client.get(f"/elsewhere/notes/{theirs.pk}/", HTTP_HOST=DOMAIN).content.decode()
    assert "Thank you!" in page and "Beautiful" in page
