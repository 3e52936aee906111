"""Comments, likes, collects, boards, follows and notifications over /api/v1."""

import pytest
from django.test import Client

from crossnote.notes.models import Board, Collect, Comment, CommentLike, Note, NoteLike
from crossnote.social.models import Follow, Notification
from crossnote.social.services import follow_user
from tests.conftest import make_user

JSON = "application/json"


@pytest.fixture
def zoe(db):
    return make_user("zoe_bj", display_name="Zoe")


@pytest.fixture
def note(make_note, mia):
    return make_note(mia, title="Noodles in Lanzhou")


def comment_on(client, note, body, parent=None):
    data = {"body": body}
    if parent is not None:
        data["parent_id"] = parent
    return client.post(f"/api/v1/notes/{note.pk}/comments", data, content_type=JSON)


def count(note, field):
    note.refresh_from_db(fields=[field])
    return getattr(note, field)


def notifications_of(user):
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("created_at", "id")
        .values_list("verb", "actor__username")
    )


# --- comments --------------------------------------------------------------------------------


def test_comment_is_stored_counted_and_listed(client_for, note, lin):
    response = comment_on(client_for(lin), note, "  好吃！  ")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["body"] == "好吃！"
    assert body["parent_id"] is None and body["reply_to"] is None
    comment = Comment.objects.get(pk=body["id"])
    assert (comment.author, comment.note_id, comment.parent) == (lin, note.pk, None)
    assert count(note, "comment_count") == 1

    listed = Client().get(f"/api/v1/notes/{note.pk}/comments").json()
    assert [c["id"] for c in listed["items"]] == [comment.pk]


def test_reply_to_a_reply_joins_the_top_level_thread_with_reply_to_set(
    client_for, note, mia, lin, zoe
):
    top = comment_on(client_for(lin), note, "Where is this?").json()
    reply = comment_on(client_for(mia), note, "Near the station", parent=top["id"]).json()
    assert reply["parent_id"] == top["id"]
    assert reply["reply_to"] == "lin_sh"

    deeper = comment_on(client_for(zoe), note, "Thanks both", parent=reply["id"])
    assert deeper.status_code == 201
    deeper = deeper.json()
    assert deeper["parent_id"] == top["id"]  # attached to the top, not to the reply
    assert deeper["reply_to"] == "mia_ms"
    stored = Comment.objects.get(pk=deeper["id"])
    assert stored.parent_id == top["id"] and stored.reply_to == mia
    assert count(note, "comment_count") == 3

    listed = Client().get(f"/api/v1/notes/{note.pk}/comments").json()["items"]
    assert [c["id"] for c in listed] == [top["id"]]
    assert [r["id"] for r in listed[0]["replies"]] == [reply["id"], deeper["id"]]


def test_replying_with_a_comment_of_another_note_is_400(client_for, make_note, note, mia, lin):
    other = make_note(mia, title="Other")
    foreign = comment_on(client_for(lin), other, "elsewhere").json()
    response = comment_on(client_for(lin), note, "confused", parent=foreign["id"])
    assert response.status_code == 400
    assert response.json()["field"] == "parent_id"
    assert count(note, "comment_count") == 0


@pytest.mark.parametrize(("body", "status"), [("", 400), ("   \n ", 400), ("x" * 1001, 400)])
def test_empty_or_oversize_comment_is_refused_and_not_stored(client_for, note, lin, body, status):
    response = comment_on(client_for(lin), note, body)
    assert response.status_code == status
    assert response.json()["detail"]
    assert not Comment.objects.exists()
    assert count(note, "comment_count") == 0
    assert not Notification.objects.exists()


def test_comment_of_1000_characters_is_accepted(client_for, note, lin):
    assert comment_on(client_for(lin), note, "字" * 1000).status_code == 201


def test_note_author_may_delete_a_comment_and_its_replies(client_for, note, mia, lin, zoe):
    top = comment_on(client_for(lin), note, "top").json()
    comment_on(client_for(zoe), note, "reply", parent=top["id"])
    comment_on(client_for(zoe), note, "other top")
    assert count(note, "comment_count") == 3
    response = client_for(mia).delete(f"/api/v1/comments/{top['id']}")
    assert response.status_code == 204
    assert list(Comment.objects.values_list("body", flat=True)) == ["other top"]
    assert count(note, "comment_count") == 1


def test_comment_author_may_delete_their_own_comment(client_for, note, lin):
    top = comment_on(client_for(lin), note, "oops").json()
    assert client_for(lin).delete(f"/api/v1/comments/{top['id']}").status_code == 204
    assert not Comment.objects.exists()
    assert count(note, "comment_count") == 0


def test_stranger_may_not_delete_a_comment(client_for, note, lin, zoe):
    top = comment_on(client_for(lin), note, "mine").json()
    response = client_for(zoe).delete(f"/api/v1/comments/{top['id']}")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert Comment.objects.filter(pk=top["id"]).exists()
    assert count(note, "comment_count") == 1


def test_unknown_comment_is_404_json(client_for, lin):
    response = client_for(lin).delete("/api/v1/comments/424242")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_comment_on_unknown_note_is_404_json(client_for, lin):
    response = comment_on(client_for(lin), Note(pk=424242), "hello?")
    assert response.status_code == 404
    assert response.json()["detail"]


# --- likes -----------------------------------------------------------------------------------


def test_liking_a_note_twice_counts_once_and_unliking_twice_too(client_for, note, lin, zoe):
    client = client_for(lin)
    url = f"/api/v1/notes/{note.pk}/like"
    assert client.post(url).json() == {"liked": True, "like_count": 1}
    assert client.post(url).json() == {"liked": True, "like_count": 1}
    assert client_for(zoe).post(url).json() == {"liked": True, "like_count": 2}
    assert NoteLike.objects.filter(note=note).count() == 2
    assert client.delete(url).json() == {"liked": False, "like_count": 1}
    assert client.delete(url).json() == {"liked": False, "like_count": 1}
    assert count(note, "like_count") == 1
    assert list(NoteLike.objects.values_list("user__username", flat=True)) == ["zoe_bj"]
    # Only the first like notified; the repeat did not.
    assert Notification.objects.filter(verb="like").count() == 2


def test_liking_a_comment_is_idempotent_and_counted(client_for, note, mia, lin):
    comment = comment_on(client_for(lin), note, "nice").json()
    url = f"/api/v1/comments/{comment['id']}/like"
    client = client_for(mia)
    assert client.post(url).json() == {"liked": True, "like_count": 1}
    assert client.post(url).json() == {"liked": True, "like_count": 1}
    assert CommentLike.objects.count() == 1
    listed = client.get(f"/api/v1/notes/{note.pk}/comments").json()["items"]
    assert listed[0]["liked"] is True and listed[0]["like_count"] == 1
    assert client.delete(url).json() == {"liked": False, "like_count": 0}
    assert client.delete(url).json() == {"liked": False, "like_count": 0}
    assert not CommentLike.objects.exists()


def test_anonymous_cannot_like(note):
    response = Client().post(f"/api/v1/notes/{note.pk}/like")
    assert response.status_code == 401
    assert count(note, "like_count") == 0


# --- collects and boards ---------------------------------------------------------------------


def test_collect_without_a_board_uses_a_default_board(client_for, note, lin):
    client = client_for(lin)
    url = f"/api/v1/notes/{note.pk}/collect"
    response = client.post(url, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json() == {"collected": True, "collect_count": 1}
    board = Board.objects.get(owner=lin)
    assert board.name == "Saved"
    assert Collect.objects.filter(board=board, note=note).exists()
    # Again: still one collect, still one default board.
    assert client.post(url, content_type=JSON).json()["collect_count"] == 1
    assert Board.objects.filter(owner=lin).count() == 1
    assert client.get(f"/api/v1/notes/{note.pk}").json()["collected"] is True


def test_collect_into_a_named_board_and_uncollect(client_for, note, lin):
    client = client_for(lin)
    board = client.post("/api/v1/boards", {"name": "Food 美食"}, content_type=JSON)
    assert board.status_code == 201
    board_id = board.json()["id"]
    url = f"/api/v1/notes/{note.pk}/collect"
    assert client.post(url, {"board_id": board_id}, content_type=JSON).json() == {
        "collected": True,
        "collect_count": 1,
    }
    client.post(url, content_type=JSON)  # and into the default board
    # collect_count counts people who saved the note, not boards.
    assert count(note, "collect_count") == 1
    assert Collect.objects.filter(note=note).count() == 2
    board_notes = Client().get(f"/api/v1/boards/{board_id}/notes").json()["items"]
    assert [n["id"] for n in board_notes] == [note.pk]

    # Out of one board: still collected elsewhere, still one person.
    assert client.delete(f"{url}?board_id={board_id}").json() == {
        "collected": True,
        "collect_count": 1,
    }
    # Out of all boards.
    assert client.delete(url).json() == {"collected": False, "collect_count": 0}
    assert not Collect.objects.exists()
    assert client.delete(url).json() == {"collected": False, "collect_count": 0}


def test_collecting_into_someone_elses_board_is_refused(client_for, note, lin, zoe):
    public = Board.objects.create(owner=zoe, name="Zoe's public")
    private = Board.objects.create(owner=zoe, name="Zoe's secret", is_private=True)
    url = f"/api/v1/notes/{note.pk}/collect"
    client = client_for(lin)
    response = client.post(url, {"board_id": public.pk}, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["detail"]
    response = client.post(url, {"board_id": private.pk}, content_type=JSON)
    assert response.status_code == 404
    assert not Collect.objects.exists()
    assert count(note, "collect_count") == 0


def test_duplicate_board_name_is_400_and_not_stored(client_for, lin):
    client = client_for(lin)
    assert client.post("/api/v1/boards", {"name": "Trips"}, content_type=JSON).status_code == 201
    response = client.post("/api/v1/boards", {"name": "Trips"}, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["field"] == "name"
    assert Board.objects.filter(owner=lin).count() == 1


@pytest.mark.parametrize("name", ["", "   ", "b" * 51])
def test_board_name_must_have_1_to_50_characters(client_for, lin, name):
    response = client_for(lin).post("/api/v1/boards", {"name": name}, content_type=JSON)
    assert response.status_code == 400
    assert not Board.objects.exists()


def test_private_board_is_hidden_from_others(client_for, note, lin, zoe):
    client = client_for(lin)
    secret = client.post(
        "/api/v1/boards", {"name": "Secret", "is_private": True}, content_type=JSON
    ).json()
    client.post("/api/v1/boards", {"name": "Open"}, content_type=JSON)
    client.post(f"/api/v1/notes/{note.pk}/collect", {"board_id": secret["id"]}, content_type=JSON)

    own = [b["name"] for b in client.get("/api/v1/users/lin_sh/boards").json()]
    assert own == ["Secret", "Open"]
    for other in (Client(), client_for(zoe)):
        assert [b["name"] for b in other.get("/api/v1/users/lin_sh/boards").json()] == ["Open"]
        response = other.get(f"/api/v1/boards/{secret['id']}/notes")
        assert response.status_code == 404
    assert client.get(f"/api/v1/boards/{secret['id']}/notes").status_code == 200


# --- follows ---------------------------------------------------------------------------------


def test_follow_and_unfollow_are_idempotent_and_counted(client_for, mia, lin):
    client = client_for(lin)
    url = "/api/v1/users/mia_ms/follow"
    assert client.post(url).json() == {"following": True, "follower_count": 1}
    assert client.post(url).json() == {"following": True, "follower_count": 1}
    assert Follow.objects.filter(follower=lin, followee=mia).count() == 1
    lin.refresh_from_db()
    assert lin.following_count == 1
    assert Notification.objects.filter(verb="follow").count() == 1

    followers = Client().get("/api/v1/users/mia_ms/followers").json()["items"]
    assert [u["username"] for u in followers] == ["lin_sh"]
    following = Client().get("/api/v1/users/lin_sh/following").json()["items"]
    assert [u["username"] for u in following] == ["mia_ms"]

    assert client.delete(url).json() == {"following": False, "follower_count": 0}
    assert client.delete(url).json() == {"following": False, "follower_count": 0}
    assert not Follow.objects.exists()
    lin.refresh_from_db()
    mia.refresh_from_db()
    assert (lin.following_count, mia.follower_count) == (0, 0)


def test_following_yourself_is_400(client_for, mia):
    response = client_for(mia).post("/api/v1/users/mia_ms/follow")
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Follow.objects.exists()
    mia.refresh_from_db()
    assert (mia.follower_count, mia.following_count) == (0, 0)


def test_following_an_unknown_user_is_404_json(client_for, mia):
    response = client_for(mia).post("/api/v1/users/nobody_here/follow")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# --- notifications ---------------------------------------------------------------------------


def test_each_action_notifies_the_right_person(client_for, note, mia, lin, zoe):
    lin_client, zoe_client = client_for(lin), client_for(zoe)
    lin_client.post(f"/api/v1/notes/{note.pk}/like")
    top = comment_on(lin_client, note, "Looks great").json()
    comment_on(zoe_client, note, "Agreed", parent=top["id"])
    lin_client.post("/api/v1/users/mia_ms/follow")
    comment_on(zoe_client, note, "@lin_sh you should go")

    assert notifications_of(mia) == [
        ("like", "lin_sh"),
        ("comment", "lin_sh"),
        ("comment", "zoe_bj"),
        ("follow", "lin_sh"),
        ("comment", "zoe_bj"),
    ]
    assert notifications_of(lin) == [("reply", "zoe_bj"), ("mention", "zoe_bj")]
    assert notifications_of(zoe) == []
    mention = Notification.objects.get(verb="mention")
    assert mention.note_id == note.pk and mention.comment is not None


def test_mention_in_a_note_notifies_the_mentioned_person(client_for, make_note, mia, lin):
    posted = make_note(mia, title="Dinner", body="with @lin_sh and @nobody_here")
    assert notifications_of(lin) == [("mention", "mia_ms")]
    assert Notification.objects.get(recipient=lin).note_id == posted.pk


def test_mention_in_any_case_and_after_chinese_text_notifies_once(client_for, note, lin, zoe):
    response = comment_on(client_for(zoe), note, "问问@LIN_SH，还有 @lin_sh")
    assert response.status_code == 201
    assert notifications_of(lin) == [("mention", "zoe_bj")]


def test_mention_in_a_private_note_does_not_notify(make_note, mia, lin):
    make_note(mia, title="Diary", body="thinking of @lin_sh", visibility="private")
    assert notifications_of(lin) == []


def test_acting_on_your_own_things_notifies_nobody(client_for, note, mia):
    client = client_for(mia)
    client.post(f"/api/v1/notes/{note.pk}/like")
    top = comment_on(client, note, "my own note @mia_ms").json()
    comment_on(client, note, "replying to myself", parent=top["id"])
    client.post(f"/api/v1/comments/{top['id']}/like")
    client.post(f"/api/v1/notes/{note.pk}/collect", content_type=JSON)
    assert not Notification.objects.exists()


def test_replying_to_the_note_author_notifies_once_as_a_reply(client_for, note, mia, lin):
    top = comment_on(client_for(mia), note, "Ask me anything").json()
    comment_on(client_for(lin), note, "How much?", parent=top["id"])
    assert notifications_of(mia) == [("reply", "lin_sh")]


def test_unread_count_listing_and_marking_read(client_for, note, mia, lin, zoe):
    client_for(lin).post(f"/api/v1/notes/{note.pk}/like")
    client_for(zoe).post(f"/api/v1/notes/{note.pk}/like")
    comment_on(client_for(zoe), note, "hi")
    client = client_for(mia)
    assert client.get("/api/v1/notifications/unread-count").json() == {"count": 3}

    page = client.get("/api/v1/notifications").json()
    assert page["unread"] == 3
    assert [n["verb"] for n in page["items"]] == ["comment", "like", "like"]  # newest first
    assert page["items"][0]["message"] == "commented on your note"
    assert not any(n["read"] for n in page["items"])

    first = page["items"][0]["id"]
    response = client.post("/api/v1/notifications/read", {"ids": [first]}, content_type=JSON)
    assert response.json() == {"count": 1}
    assert Notification.objects.get(pk=first).read_at is not None
    assert client.get("/api/v1/notifications/unread-count").json() == {"count": 2}
    unread = client.get("/api/v1/notifications?unread_only=true").json()["items"]
    assert first not in [n["id"] for n in unread] and len(unread) == 2

    assert client.post("/api/v1/notifications/read", {}, content_type=JSON).json() == {"count": 2}
    assert not Notification.objects.filter(recipient=mia, read_at__isnull=True).exists()
    assert client.get("/api/v1/notifications/unread-count").json() == {"count": 0}


def test_marking_someone_elses_notification_read_changes_nothing(client_for, note, mia, lin):
    client_for(lin).post(f"/api/v1/notes/{note.pk}/like")
    theirs = Notification.objects.get(recipient=mia)
    response = client_for(lin).post(
        "/api/v1/notifications/read", {"ids": [theirs.pk]}, content_type=JSON
    )
    assert response.json() == {"count": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_notifications_need_authentication():
    assert Client().get("/api/v1/notifications").status_code == 401
    assert Client().get("/api/v1/notifications/unread-count").status_code == 401


def test_repeat_follow_through_the_service_notifies_once(mia, lin):
    # The service reports a repeat follow and does not notify again.
    assert follow_user(follower=lin, followee=mia) is True
    assert follow_user(follower=lin, followee=mia) is False
    assert notifications_of(mia) == [("follow", "lin_sh")]


def test_unlike_and_like_again_notifies_the_author_only_once(client_for, note, lin):
    client = client_for(lin)
    url = f"/api/v1/notes/{note.pk}/like"
    for _ in range(3):
        client.post(url)
        client.delete(url)
    assert Notification.objects.filter(recipient=note.author, verb="like").count() == 1


def test_mentioning_the_note_author_in_a_comment_notifies_them_once(client_for, note, lin):
    client = client_for(lin)
    body = f"look @{note.author.username}"
    client.post(f"/api/v1/notes/{note.pk}/comments", {"body": body}, content_type=JSON)
    assert Notification.objects.filter(recipient=note.author).count() == 1
