"""Another person's profile offers Message (opens the conversation with them through the
messaging service: their message settings and blocks hold) and Block (with a confirmation step;
Unblock afterwards). The open inbox's list can be fetched alone (what the page refreshes when a
message arrives)."""

import pytest
from django.test import Client

from crossnote.messaging.models import Conversation, MessagingPreferences, Participant
from crossnote.messaging.services import send_message
from crossnote.social.models import Block

pytestmark = pytest.mark.django_db


def test_buttons_show_on_other_peoples_profiles_only(client_for, mia, lin):
    html = client_for(mia).get("/u/lin_sh/").content.decode()
    for testid in ("message-button", "block-button", "block-confirm", "follow-button"):
        assert f'data-testid="{testid}"' in html, testid
    assert "/messages/with/lin_sh/" in html
    own = client_for(mia).get("/u/mia_ms/").content.decode()
    visitor = Client().get("/u/lin_sh/").content.decode()
    for html in (own, visitor):
        assert 'data-testid="message-button"' not in html
        assert 'data-testid="block-button"' not in html


def test_message_opens_the_conversation_and_the_same_one_again(client_for, mia, lin):
    client = client_for(mia)
    first = client.post("/messages/with/lin_sh/")
    assert first.status_code == 302
    (conversation,) = Conversation.objects.all()
    assert first["Location"] == conversation.get_absolute_url()
    assert set(conversation.participants.values_list("user__username", flat=True)) == {
        "mia_ms",
        "lin_sh",
    }
    # Lin does not follow Mia: it waits in Lin's requests, as any first message from a stranger.
    assert conversation.participants.get(user=lin).state == Participant.State.REQUEST
    again = client.post("/messages/with/lin_sh/")
    assert again["Location"] == first["Location"] and Conversation.objects.count() == 1
    assert client.get(first["Location"]).status_code == 200


def test_message_respects_their_settings_and_says_why(client_for, mia, lin):
    MessagingPreferences.objects.create(user=lin, who_may_message="nobody")
    client = client_for(mia)
    response = client.post("/messages/with/lin_sh/", follow=True)
    assert response.redirect_chain[-1][0] == "/u/lin_sh/"
    assert "does not accept messages" in response.content.decode()
    assert not Conversation.objects.exists()


def test_block_needs_its_confirmation_form_then_unblock_restores(client_for, mia, lin):
    client = client_for(mia)
    response = client.post(
        "/settings/privacy/people/",
        {"username": "lin_sh", "action": "block", "next": "/u/lin_sh/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/u/lin_sh/"
    assert Block.objects.filter(blocker=mia, blocked=lin).exists()
    html = response.content.decode()
    assert 'data-testid="unblock-button"' in html and 'data-testid="blocked-note"' in html
    assert 'data-testid="message-button"' not in html and 'data-testid="follow-button"' not in html
    # Blocked both ways: neither may open a conversation.
    refused = client.post("/messages/with/lin_sh/", follow=True)
    assert "You cannot message this person." in refused.content.decode()
    assert client_for(lin).post("/messages/with/mia_ms/").status_code == 302  # back to the profile
    assert not Conversation.objects.exists()
    client.post("/settings/privacy/people/", {"username": "lin_sh", "action": "unblock"})
    assert not Block.objects.exists()
    assert 'data-testid="message-button"' in client.get("/u/lin_sh/").content.decode()


def test_message_button_4xx_on_bad_requests(client_for, mia):
    client = client_for(mia)
    assert client.get("/messages/with/lin_sh/").status_code == 405
    assert client.post("/messages/with/nobody_here/").status_code == 404
    assert (
        client.post("/messages/with/mia_ms/", follow=True).status_code == 200
    )  # yourself: refused
    assert not Conversation.objects.exists()
    assert Client().post("/messages/with/mia_ms/").status_code in (302, 403)  # log in first


def test_the_inbox_list_alone_shows_a_new_conversation(client_for, mia, lin):
    client = client_for(lin)
    assert "Hello from Mia" not in client.get("/messages/?part=list").content.decode()
    conversation = Conversation.objects.create(kind="direct", created_by=mia, direct_key="x")
    Participant.objects.create(conversation=conversation, user=mia)
    Participant.objects.create(conversation=conversation, user=lin)
    send_message(sender=mia, conversation_id=conversation.pk, body="Hello from Mia")
    part = client.get("/messages/?part=list").content.decode()
    assert "Hello from Mia" in part and "<html" not in part
    assert 'data-dm-inbox="/messages/?part=list"' in client.get("/messages/").content.decode()
