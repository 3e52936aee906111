"""The base page's nav badges on a feed page: the messages badge costs one query for a reader
with no accepted conversation, and still counts requests and unread messages exactly."""

import pytest
from django.db import connection

from crossnote.messaging import services
from crossnote.messaging.models import Participant
from tests.conftest import client_of, make_user

pytestmark = pytest.mark.django_db


def messaging_queries(client, path="/") -> tuple[int, str]:
    seen = []

    def count(execute, sql, params, many, context):
        if "messaging_" in sql:
            seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    assert response.status_code == 200
    return len(seen), response.content.decode()


def test_a_reader_without_conversations_pays_one_query_for_the_badge():
    reader = make_user("reader", region="US", languages=["en"])
    queries, html = messaging_queries(client_of(reader))
    assert queries == 1
    assert 'data-testid="messages-badge" hidden' in html


def test_requests_and_unread_messages_still_count():
    mia = make_user("mia_b", region="US", languages=["en"])
    lin = make_user("lin_b", region="CN", languages=["zh-hans"])
    conversation = services.start_conversation(sender=mia, recipients=[lin])
    services.send_message(sender=mia, conversation_id=conversation.pk, body="Hello")
    as_lin = client_of(lin)
    _queries, html = messaging_queries(as_lin)
    assert 'data-testid="messages-badge">1<' in html  # the request
    services.accept_request(user=lin, conversation_id=conversation.pk)
    assert Participant.objects.get(user=lin, conversation=conversation).state == "active"
    services.send_message(sender=mia, conversation_id=conversation.pk, body="Again")
    _queries, html = messaging_queries(as_lin)
    assert 'data-testid="messages-badge">2<' in html  # both messages unread, no request now
