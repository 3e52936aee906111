"""Message pages: inbox and requests, a conversation (no-JS forms work too), preferences."""

import pytest

from crossnote.messaging import services
from crossnote.messaging.models import Message, Participant

pytestmark = pytest.mark.django_db


def test_inbox_requests_and_badge(mia, lin, client_for):
    conversation = services.start_conversation(sender=mia, recipients=[lin])
    services.send_message(sender=mia, conversation_id=conversation.pk, body="Hello from Mia")
    as_lin = client_for(lin)
    inbox = as_lin.get("/messages/")
    assert inbox.status_code == 200 and b"No conversations yet" in inbox.content
    assert b'data-testid="messages-badge">1<' in inbox.content  # the request counts in the badge
    requests = as_lin.get("/messages/?tab=requests").content.decode()
    assert "Mia" in requests
    page = as_lin.get(f"/messages/{conversation.pk}/").content.decode()
    assert "wants to send you messages" in page and "Hello from Mia" in page
    as_lin.post(f"/messages/{conversation.pk}/accept/")
    assert Participant.objects.get(user=lin, conversation=conversation).state == "active"


def test_send_reply_unsend_and_delete_without_javascript(chat, friends, client_for):
    mia, lin = friends
    as_mia, as_lin = client_for(mia), client_for(lin)
    response = as_mia.post(f"/messages/{chat.pk}/send/", {"body": "How are you?"})
    assert response.status_code == 302
    first = Message.objects.get()
    as_lin.post(f"/messages/{chat.pk}/send/", {"body": "很好！", "reply_to": first.pk})
    page = as_mia.get(f"/messages/{chat.pk}/").content.decode()
    assert "很好！" in page and "dm-quote" in page
    as_mia.post(f"/messages/m/{first.pk}/unsend/")
    assert "Message unsent" in as_lin.get(f"/messages/{chat.pk}/").content.decode()
    reply = Message.objects.get(body="很好！")
    as_mia.post(f"/messages/m/{reply.pk}/delete/")
    assert "很好！" not in as_mia.get(f"/messages/{chat.pk}/").content.decode()
    assert "很好！" in as_lin.get(f"/messages/{chat.pk}/").content.decode()


def test_opening_a_conversation_marks_it_read(chat, friends, client_for):
    mia, lin = friends
    services.send_message(sender=mia, conversation_id=chat.pk, body="ping")
    as_lin = client_for(lin)
    assert b'data-testid="messages-badge">1<' in as_lin.get("/messages/").content
    as_lin.get(f"/messages/{chat.pk}/")
    assert b'data-testid="messages-badge" hidden' in as_lin.get("/messages/").content


def test_fragment_returns_only_newer_messages(chat, friends, client_for):
    mia, lin = friends
    old = services.send_message(sender=mia, conversation_id=chat.pk, body="old message")
    services.send_message(sender=mia, conversation_id=chat.pk, body="new message")
    response = client_for(lin).get(f"/messages/{chat.pk}/fragment/?after={old.pk}")
    html = response.content.decode()
    assert "new message" in html and "old message" not in html
    assert int(response["X-Last-Id"]) > old.pk
    assert client_for(lin).get(f"/messages/{chat.pk}/fragment/?after=x").status_code == 400


def test_strangers_cannot_open_others_conversations(chat, client_for, wang):
    assert client_for(wang).get(f"/messages/{chat.pk}/").status_code == 404
    assert client_for(wang).post(f"/messages/{chat.pk}/send/", {"body": "hi"}).status_code == 404


def test_new_conversation_form(friends, client_for):
    mia, _lin = friends
    response = client_for(mia).post(
        "/messages/new/", {"recipients": "@lin_sh", "body": "first words"}
    )
    assert response.status_code == 302
    assert Message.objects.get().body == "first words"
    missing = client_for(mia).post("/messages/new/", {"recipients": "ghost"})
    assert missing.status_code == 400 and b"ghost" in missing.content


def test_preferences_page_and_settings_link(mia, client_for):
    client = client_for(mia)
    assert b"message-settings-link" in client.get("/settings/").content
    response = client.post(
        "/messages/settings/", {"who_may_message": "following", "read_receipts": ""}
    )
    assert response.status_code == 302
    from crossnote.messaging.policies import preferences_of

    prefs = preferences_of(mia)
    assert prefs.who_may_message == "following" and not prefs.read_receipts


def test_a_blocked_conversation_shows_that_it_has_ended(chat, friends, client_for):
    from crossnote.social.services import block_user

    mia, lin = friends
    block_user(blocker=mia, blocked=lin)
    page = client_for(lin).get(f"/messages/{chat.pk}/").content.decode()
    assert "This conversation has ended" in page and "message-input" not in page
