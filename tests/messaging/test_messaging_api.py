"""The REST API for messages: the same operations as the pages, with 4xx on bad input."""

import pytest

from crossnote.messaging.models import Message
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_start_send_list_read_through_the_api(friends, client_for):
    mia, lin = friends
    as_mia, as_lin = client_for(mia), client_for(lin)
    started = as_mia.post(
        "/api/v1/conversations", {"recipients": ["lin_sh"], "body": "Hi Lin"}, content_type=JSON
    )
    assert started.status_code == 201, started.content
    conversation = started.json()
    assert conversation["state"] == "active" and conversation["people"][0]["username"] == "lin_sh"
    cid = conversation["id"]
    sent = as_lin.post(f"/api/v1/conversations/{cid}/messages", {"body": "你好 Mia"})
    assert sent.status_code == 201 and sent.json()["mine"]
    inbox = as_mia.get("/api/v1/conversations").json()
    assert inbox["unread_total"] == 1 and inbox["items"][0]["unread"] == 1
    items = as_mia.get(f"/api/v1/conversations/{cid}/messages").json()["items"]
    assert [i["body"] for i in items] == ["Hi Lin", "你好 Mia"]
    newer = as_mia.get(f"/api/v1/conversations/{cid}/messages?after={items[0]['id']}").json()
    assert [i["body"] for i in newer["items"]] == ["你好 Mia"]
    read = as_mia.post(f"/api/v1/conversations/{cid}/read", {}, content_type=JSON)
    assert read.json()["last_read_id"] == items[1]["id"]
    assert as_mia.get("/api/v1/messages/unread").json() == {"messages": 0, "requests": 0}
    mine = as_lin.get(f"/api/v1/conversations/{cid}/messages").json()["items"]
    assert mine[1]["read_by"] == ["mia_ms"]


def test_requests_accept_and_decline_through_the_api(mia, lin, wang, client_for):
    as_mia = client_for(mia)
    cid = as_mia.post(
        "/api/v1/conversations", {"recipients": ["lin_sh"], "body": "hello"}, content_type=JSON
    ).json()["id"]
    as_lin = client_for(lin)
    assert as_lin.get("/api/v1/conversations").json()["items"] == []
    waiting = as_lin.get("/api/v1/conversations?requests=true").json()
    assert [c["id"] for c in waiting["items"]] == [cid] and waiting["requests"] == 1
    assert as_lin.post(f"/api/v1/conversations/{cid}/accept").json()["state"] == "active"
    as_wang = client_for(wang)
    other = as_wang.post(
        "/api/v1/conversations", {"recipients": ["lin_sh"]}, content_type=JSON
    ).json()["id"]
    assert as_lin.post(f"/api/v1/conversations/{other}/decline").status_code == 200
    again = as_wang.post(f"/api/v1/conversations/{other}/messages", {"body": "please"})
    assert again.status_code == 403


def test_preferences_through_the_api(mia, lin, client_for):
    as_lin = client_for(lin)
    assert as_lin.get("/api/v1/messages/preferences").json() == {
        "who_may_message": "everyone",
        "read_receipts": True,
    }
    changed = as_lin.put(
        "/api/v1/messages/preferences", {"who_may_message": "nobody"}, content_type=JSON
    )
    assert changed.json()["who_may_message"] == "nobody"
    refused = client_for(mia).post(
        "/api/v1/conversations", {"recipients": ["lin_sh"]}, content_type=JSON
    )
    assert refused.status_code == 403 and "does not accept messages" in refused.json()["detail"]
    bad = as_lin.put(
        "/api/v1/messages/preferences", {"who_may_message": "friends"}, content_type=JSON
    )
    assert bad.status_code == 400


def test_unsend_and_delete_for_me_through_the_api(chat, friends, client_for):
    mia, lin = friends
    as_mia, as_lin = client_for(mia), client_for(lin)
    mid = as_mia.post(f"/api/v1/conversations/{chat.pk}/messages", {"body": "oops"}).json()["id"]
    assert as_lin.post(f"/api/v1/messages/{mid}/unsend").status_code == 403
    assert as_mia.post(f"/api/v1/messages/{mid}/unsend").status_code == 200
    seen = as_lin.get(f"/api/v1/conversations/{chat.pk}/messages").json()["items"]
    assert seen[0]["unsent"] and seen[0]["body"] == ""
    other = as_mia.post(f"/api/v1/conversations/{chat.pk}/messages", {"body": "keep"}).json()
    assert as_lin.delete(f"/api/v1/messages/{other['id']}").status_code == 200
    ids = [i["id"] for i in as_lin.get(f"/api/v1/conversations/{chat.pk}/messages").json()["items"]]
    assert other["id"] not in ids
    assert Message.objects.filter(pk=other["id"]).exists()


def test_bad_input_gives_4xx_never_500(chat, friends, client_for, wang):
    mia, _lin = friends
    as_mia = client_for(mia)
    cases = [
        as_mia.post("/api/v1/conversations", {"recipients": []}, content_type=JSON),
        as_mia.post("/api/v1/conversations", {"recipients": ["nobody_here"]}, content_type=JSON),
        as_mia.post("/api/v1/conversations", {"recipients": ["mia_ms"]}, content_type=JSON),
        as_mia.post(f"/api/v1/conversations/{chat.pk}/messages", {"body": ""}),
        as_mia.post(f"/api/v1/conversations/{chat.pk}/messages", {"body": "x", "reply_to": "a"}),
        as_mia.post(f"/api/v1/conversations/{chat.pk}/messages", {"body": "x", "reply_to": 999}),
        as_mia.post("/api/v1/conversations/999/messages", {"body": "x"}),
        as_mia.get(f"/api/v1/conversations/{chat.pk}/messages?after=zz"),
        as_mia.post("/api/v1/messages/999/unsend"),
        client_for(wang).get(f"/api/v1/conversations/{chat.pk}"),
    ]
    assert all(400 <= r.status_code < 500 for r in cases), [r.status_code for r in cases]
    from django.test import Client

    assert Client().get("/api/v1/conversations").status_code == 401


def test_an_image_message_is_served_only_to_participants(chat, friends, client_for, wang):
    from tests.conftest import upload

    mia, lin = friends
    sent = client_for(mia).post(
        f"/api/v1/conversations/{chat.pk}/messages", {"body": "", "image": upload()}
    )
    assert sent.status_code == 201, sent.content
    url = sent.json()["image_url"]
    response = client_for(lin).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert response["Cache-Control"].startswith("private")
    assert client_for(wang).get(url).status_code == 404


def test_group_through_the_api(mia, lin, wang, client_for):
    from crossnote.social.services import follow_user

    follow_user(follower=lin, followee=mia)
    follow_user(follower=wang, followee=mia)
    group = client_for(mia).post(
        "/api/v1/conversations",
        {"recipients": ["lin_sh", "wang_bj"], "title": "Hotpot club", "body": "Welcome!"},
        content_type=JSON,
    )
    assert group.status_code == 201
    assert group.json()["kind"] == "group" and len(group.json()["people"]) == 2
    gid = group.json()["id"]
    assert client_for(wang).post(f"/api/v1/conversations/{gid}/leave").status_code == 200
    assert client_for(wang).get(f"/api/v1/conversations/{gid}").status_code == 404


def test_messages_are_in_the_openapi_schema(client_for, mia):
    paths = client_for(mia).get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/conversations",
        "/api/v1/conversations/{conversation_id}/messages",
        "/api/v1/conversations/{conversation_id}/report",
        "/api/v1/messages/{message_id}/translation",
        "/api/v1/messages/preferences",
    ):
        assert path in paths, path


def test_adding_people_to_a_group_through_the_api_and_the_page(mia, lin, wang, client_for):
    from crossnote.social.services import follow_user

    follow_user(follower=lin, followee=mia)
    started = client_for(mia).post(
        "/api/v1/conversations",
        {"recipients": ["lin_sh", "nobody_at_all"], "title": "Club"},
        content_type=JSON,
    )
    assert started.status_code == 404 and "@nobody_at_all" in started.json()["detail"]
    gid = client_for(mia).post(
        "/api/v1/conversations", {"recipients": ["lin_sh", "mia_ms"]}, content_type=JSON
    )
    assert gid.status_code == 201  # the sender's own name is ignored: a direct chat with Lin
    group = (
        client_for(mia)
        .post(
            "/api/v1/conversations",
            {"recipients": ["lin_sh", "wang_bj"], "title": "Club"},
            content_type=JSON,
        )
        .json()
    )
    url = f"/api/v1/conversations/{group['id']}/members"
    sam = make_user("sam_ny")
    added = client_for(mia).post(url, {"usernames": ["sam_ny"]}, content_type=JSON)
    assert added.status_code == 200
    assert {p["username"] for p in added.json()["people"]} == {"lin_sh", "wang_bj", "sam_ny"}
    assert client_for(mia).post(url, {"usernames": []}, content_type=JSON).status_code == 422
    assert client_for(sam).post(url, {"usernames": ["lin_sh"]}, content_type=JSON).status_code in (
        403,
    )
    outsider = make_user("out_sider")
    assert (
        client_for(outsider).post(url, {"usernames": ["x"]}, content_type=JSON).status_code == 404
    )
    # The page: the group shows an "Add people" form; it adds and says so.
    page = client_for(mia).get(f"/messages/{group['id']}/")
    assert b'data-testid="add-people"' in page.content
    kai = make_user("kai_la")
    done = client_for(mia).post(
        f"/messages/{group['id']}/members/", {"usernames": "@kai_la, nobody_x"}, follow=True
    )
    assert "@nobody_x" in done.content.decode()
    assert not kai.conversation_memberships.exists()
    done = client_for(mia).post(
        f"/messages/{group['id']}/members/", {"usernames": "kai_la"}, follow=True
    )
    assert "Added 1 person." in done.content.decode()
    assert kai.conversation_memberships.filter(conversation_id=group["id"]).exists()
