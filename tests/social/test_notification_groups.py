"""Grouped notifications, page and API: tabs (likes and saves, new followers, comments and @),
one line per kind, subject and day ("Sam and 3 others liked your note", pluralised in each
language), newest first, unread marked, a thumbnail of the note, and the visibility policy kept
for a whole group."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.notes import services as notes
from crossnote.notes.models import ModerationState, Note
from crossnote.social.models import Notification
from crossnote.social.services import follow_user
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TITLE = "Grandma's dumplings"
NEUTRAL = "a note you can no longer see"


@pytest.fixture
def note(make_note, mia):
    return make_note(mia, title=TITLE)


@pytest.fixture
def fans(note):
    """Four people like Mia's note, oldest first: sam_1 … sam_4 (sam_4 newest)."""
    people = [make_user(f"sam_{i}", display_name=f"Sam {i}") for i in range(1, 5)]
    for person in people:
        notes.like_note(user=person, note=note)
    return people


def grouped(client, **params):
    response = client.get("/api/v1/notifications/grouped", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_four_likes_of_one_note_are_one_line_naming_the_newest(client_for, mia, note, fans):
    body = grouped(client_for(mia))
    (line,) = body["items"]
    assert line["message"] == "Sam 4 and 3 others liked your note"
    assert (line["verb"], line["tab"], line["count"], line["others"]) == ("like", "likes", 4, 3)
    assert [a["username"] for a in line["actors"]] == ["sam_4", "sam_3", "sam_2"]
    assert (line["note_id"], line["note_title"], line["note_available"]) == (note.pk, TITLE, True)
    assert line["note_thumb_url"].startswith("/media/")
    assert line["unread"] is True and body["unread"] == 4
    # The flat list still has each of them.
    assert len(client_for(mia).get("/api/v1/notifications").json()["items"]) == 4


def test_the_sentence_is_pluralised_in_chinese_and_english(client_for, mia, note, fans):
    zh = client_for(mia, HTTP_ACCEPT_LANGUAGE="zh-hans")
    zh.cookies["django_language"] = "zh-hans"
    assert grouped(zh)["items"][0]["message"] == "Sam 4 和其他 3 人赞了你的笔记"
    Notification.objects.filter(actor__in=fans[:2]).delete()
    assert grouped(client_for(mia))["items"][0]["message"] == "Sam 4 and 1 other liked your note"
    Notification.objects.filter(actor=fans[2]).delete()
    assert grouped(client_for(mia))["items"][0]["message"] == "Sam 4 liked your note"


def test_the_page_shows_one_line_with_faces_thumbnail_and_unread_mark(client_for, mia, note, fans):
    client = client_for(mia)
    html = client.get("/notifications/").content.decode()
    assert html.count('data-testid="notification"') == 1
    assert "Sam 4</strong></a> and 3 others liked your note" in html
    assert 'data-testid="notification-thumb"' in html
    assert 'class="notification unread"' in html
    # Opening the page read the group: the second visit shows it read.
    assert not Notification.objects.filter(recipient=mia, read_at__isnull=True).exists()
    assert 'class="notification unread"' not in client.get("/notifications/").content.decode()


def test_likes_on_another_day_or_another_note_are_another_line(
    client_for, mia, note, fans, make_note
):
    (older,) = Notification.objects.filter(actor=fans[0])
    older.created_at, older.group_key = timezone.now() - timedelta(days=2), ""
    older.save()  # its line is the one of its day
    other = make_note(mia, title="Second note")
    notes.like_note(user=fans[1], note=other)
    lines = grouped(client_for(mia))["items"]
    assert [(x["note_title"], x["count"]) for x in lines] == [
        ("Second note", 1),
        (TITLE, 3),
        (TITLE, 1),
    ]


def test_comments_and_mentions_stay_one_per_line_and_tabs_filter(client_for, mia, lin, note, fans):
    notes.add_comment(author=lin, note=note, body="first")
    notes.add_comment(author=lin, note=note, body="second")
    notes.collect_note(user=lin, note=note)
    follow_user(follower=lin, followee=mia)
    follow_user(follower=fans[0], followee=mia)
    client = client_for(mia)
    assert [x["verb"] for x in grouped(client)["items"]] == [
        "follow",
        "collect",
        "comment",
        "comment",
        "like",
    ]
    likes = grouped(client, tab="likes")
    assert [(x["verb"], x["count"]) for x in likes["items"]] == [("collect", 1), ("like", 4)]
    follows = grouped(client, tab="follows")["items"]
    assert [(x["message"], x["count"]) for x in follows] == [
        ("Sam 1 and 1 other started following you", 2)
    ]
    comments = grouped(client, tab="comments")["items"]
    assert [x["comment_text"] for x in comments] == ["second", "first"]
    assert grouped(client)["unread_by_tab"] == {"all": 9, "likes": 5, "follows": 2, "comments": 2}
    # The page's tabs show the same.
    html = client.get("/notifications/?tab=follows").content.decode()
    assert html.count('data-testid="notification"') == 1
    assert "started following you" in html and "liked your note" not in html


def test_bad_tab_cursor_or_limit_is_a_400_not_a_500(client_for, mia, fans):
    client = client_for(mia)
    for params in ({"tab": "nope"}, {"cursor": "garbage"}, {"limit": 0}, {"limit": 1000}):
        response = client.get("/api/v1/notifications/grouped", params)
        assert response.status_code in (400, 422), (params, response.status_code)
    assert client.get("/notifications/?tab=nope").status_code == 200  # the page shows "all"
    assert client.get("/notifications/?cursor=garbage").status_code == 400
    assert client.get("/api/v1/notifications/grouped").status_code == 200
    from django.test import Client

    assert Client().get("/api/v1/notifications/grouped").status_code == 401


def test_cursor_walks_every_group_once(client_for, mia, note, fans, make_note):
    for i in range(4):
        notes.like_note(user=fans[i], note=make_note(mia, title=f"n{i}"))
    client, seen, cursor = client_for(mia), [], None
    while True:
        body = grouped(client, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [x["id"] for x in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5


def test_a_grouped_line_about_a_removed_note_names_nothing(client_for, mia, lin, note, fans):
    """The visibility policy holds for a group: a removed note's title, id and thumbnail are not
    shown to the fans told about it (here Lin, told that the note was saved by several people
    is the author; so the group is read by a reader who is not the author: a mention group)."""
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.REMOVED)
    # The author still sees their own removed note named...
    (line,) = grouped(client_for(mia))["items"]
    assert line["note_title"] == TITLE
    # ...but a reader told about it (mentions by two people) does not.
    for fan in fans[:2]:
        Notification.objects.create(recipient=lin, actor=fan, verb="like", note=note)
    (line,) = grouped(client_for(lin))["items"]
    assert line["count"] == 2
    assert (line["note_id"], line["note_available"], line["note_title"]) == (None, False, NEUTRAL)
    assert line["note_thumb_url"] is None and TITLE not in str(line)
    html = client_for(lin).get("/notifications/").content.decode()
    assert TITLE not in html and NEUTRAL in html and "notification-thumb" not in html
    assert f"/notes/{note.pk}/" not in html


def test_the_flat_list_does_not_tell_ids_of_hidden_notes_or_comments(client_for, mia, lin, note):
    comment = notes.add_comment(author=lin, note=note, body="hello")
    Notification.objects.create(recipient=lin, actor=mia, verb="reply", note=note, comment=comment)
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.REMOVED)
    (item,) = client_for(lin).get("/api/v1/notifications").json()["items"]
    assert (item["note_id"], item["comment_id"]) == (None, None)
    assert item["note_available"] is False and item["comment_available"] is False
