"""WebSocket delivery through Channels: the local-socket layer (embedded default), Channels'
in-memory layer, and Redis."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync

from crossnote.messaging import services
from crossnote.messaging.consumers import MessagingConsumer
from tests.messaging.conftest import websocket_communicator_class

WebsocketCommunicator = websocket_communicator_class()

pytestmark = pytest.mark.django_db(transaction=True)

IN_MEMORY = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def in_memory(settings):
    settings.CHANNEL_LAYERS = IN_MEMORY


@pytest.fixture
def redis_layer(settings, redis_url):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": redis_url, "socket_timeout": None}],
                "prefix": "crossnote-test",
            },
        }
    }


def socket_for(user) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(MessagingConsumer.as_asgi(), "/ws/messages/")
    communicator.scope["user"] = user
    return communicator


async def next_event(communicator, kind: str, timeout: float = 5) -> dict:
    """The next event of `kind` (others, such as badge counts, are skipped)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"no {kind} event within {timeout}s")
        event = json.loads(await communicator.receive_from(timeout=remaining))
        if event["event"] == kind:
            return event


def _exchange(chat, mia, lin):
    """Lin listens; Mia sends over her socket; Lin's socket hears the message, typing and the
    read receipt, and Mia's hears that it was sent."""

    async def scenario():
        lin_socket, mia_socket = socket_for(lin), socket_for(mia)
        assert (await lin_socket.connect())[0] and (await mia_socket.connect())[0]
        hello = await next_event(lin_socket, "hello")
        assert hello["user"] == "lin_sh"
        await next_event(mia_socket, "hello")
        await mia_socket.send_json_to({"action": "typing", "conversation": chat.pk})
        typing = await next_event(lin_socket, "typing")
        assert typing["user"] == "mia_ms" and typing["conversation"] == chat.pk
        await mia_socket.send_json_to(
            {
                "action": "send",
                "conversation": chat.pk,
                "body": "Hello Lin! 你好",
                "client_id": "a1",
            }
        )
        sent = await next_event(mia_socket, "sent")
        assert sent["client_id"] == "a1"
        message = await next_event(lin_socket, "message")
        assert message["message"]["body"] == "Hello Lin! 你好"
        assert message["message"]["id"] == sent["id"]
        await lin_socket.send_json_to({"action": "read", "conversation": chat.pk})
        read = await next_event(mia_socket, "read")
        assert read["user"] == "lin_sh" and read["up_to"] == sent["id"]
        counts = await next_event(lin_socket, "counts")  # Lin's badge, on every open page
        assert counts["messages"] == 0
        await lin_socket.disconnect()
        await mia_socket.disconnect()

    async_to_sync(scenario)()


def test_delivery_on_the_in_memory_layer(in_memory, chat, friends):
    _exchange(chat, *friends)


def test_delivery_on_the_local_socket_layer(settings, chat, friends):
    """The embedded default's own layer (crossnote.messaging.layer): what settings configure
    without REDIS_URL (the PostgreSQL + Redis pass sets it here to test it there too)."""
    from channels.layers import get_channel_layer

    from crossnote.messaging.layer import LocalSocketChannelLayer

    local = "crossnote.messaging.layer.LocalSocketChannelLayer"
    if not settings.REDIS_URL:
        assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == local
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": local}}
    assert isinstance(get_channel_layer(), LocalSocketChannelLayer)
    _exchange(chat, *friends)


def test_delivery_on_redis(redis_layer, chat, friends):
    _exchange(chat, *friends)


def test_a_send_through_the_api_reaches_the_other_socket(in_memory, chat, friends, client_for):
    mia, lin = friends
    client = client_for(mia)

    async def scenario():
        from channels.db import database_sync_to_async

        lin_socket = socket_for(lin)
        await lin_socket.connect()
        await next_event(lin_socket, "hello")
        response = await database_sync_to_async(client.post)(
            f"/api/v1/conversations/{chat.pk}/messages", {"body": "over HTTP"}
        )
        assert response.status_code == 201, response.content
        message = await next_event(lin_socket, "message")
        assert message["message"]["body"] == "over HTTP"
        await lin_socket.disconnect()

    async_to_sync(scenario)()


def test_unsend_and_block_are_pushed(in_memory, chat, friends):
    mia, lin = friends
    message = services.send_message(sender=mia, conversation_id=chat.pk, body="take it back")

    async def scenario():
        from channels.db import database_sync_to_async

        from crossnote.social.services import block_user

        lin_socket = socket_for(lin)
        await lin_socket.connect()
        await database_sync_to_async(services.unsend_message)(user=mia, message_id=message.pk)
        unsent = await next_event(lin_socket, "unsent")
        assert unsent["id"] == message.pk
        await database_sync_to_async(block_user)(blocker=mia, blocked=lin)
        ended = await next_event(lin_socket, "ended")
        assert ended["conversation"] == chat.pk
        await lin_socket.disconnect()

    async_to_sync(scenario)()


def test_socket_errors_are_messages_not_crashes(in_memory, chat, friends, wang):
    async def scenario():
        socket = socket_for(wang)
        await socket.connect()
        await next_event(socket, "hello")
        await socket.send_to(text_data="not json")
        assert (await next_event(socket, "error"))["detail"]
        await socket.send_json_to({"action": "send", "conversation": chat.pk, "body": "hi"})
        error = await next_event(socket, "error")
        assert error["status"] == 404  # not a participant: no hint that it exists
        await socket.send_json_to({"action": "send", "conversation": "abc", "body": "hi"})
        assert (await next_event(socket, "error"))["status"] == 400
        await socket.disconnect()

    async_to_sync(scenario)()


def test_anonymous_and_cross_site_sockets_are_refused(in_memory, mia, client_for):
    from crossnote.asgi import application

    cookie = client_for(mia).cookies["sessionid"].value

    async def connect(headers):
        communicator = WebsocketCommunicator(application, "/ws/messages/", headers=headers)
        connected, _code = await communicator.connect()
        if connected:
            event = json.loads(await communicator.receive_from())
            await communicator.disconnect()
            return event
        return None

    async def scenario():
        origin = (b"origin", b"http://testserver")
        assert await connect([origin]) is None  # not logged in
        evil = [(b"origin", b"http://evil.example"), (b"cookie", f"sessionid={cookie}".encode())]
        assert await connect(evil) is None  # cross-site WebSocket hijacking
        good = [origin, (b"cookie", f"sessionid={cookie}".encode())]
        assert (await connect(good))["user"] == "mia_ms"

    async_to_sync(scenario)()


def test_a_new_notification_updates_the_badge_on_open_pages(in_memory, mia, lin):
    async def scenario():
        from channels.db import database_sync_to_async

        from crossnote.social.services import follow_user

        lin_socket = socket_for(lin)
        await lin_socket.connect()
        await database_sync_to_async(follow_user)(follower=mia, followee=lin)
        counts = await next_event(lin_socket, "counts")
        assert counts["notifications"] == 1 and counts["messages"] == 0
        await lin_socket.disconnect()

    async_to_sync(scenario)()
