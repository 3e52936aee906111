"""The Redis layer's push from synchronous code (crossnote.messaging.redislayer): a like's or a
comment's badge update reaches open sockets without an event loop started for it."""

import asyncio
import json
import threading

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from crossnote.messaging import realtime
from crossnote.messaging.consumers import MessagingConsumer
from crossnote.messaging.redislayer import SyncSendRedisChannelLayer
from tests.messaging.conftest import websocket_communicator_class

WebsocketCommunicator = websocket_communicator_class()

pytestmark = pytest.mark.django_db(transaction=True)

BACKEND = "crossnote.messaging.redislayer.SyncSendRedisChannelLayer"


@pytest.fixture
def sync_redis_layer(settings, redis_url):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": BACKEND,
            "CONFIG": {
                "hosts": [{"address": redis_url, "socket_timeout": None}],
                "prefix": "crossnote-sync-test",
            },
        }
    }


@pytest.fixture
def no_event_loop_hops(monkeypatch):
    """A push that still went through async_to_sync (a thread and an event loop per push)
    fails loudly instead of being logged and lost."""

    def refused(*args, **kwargs):
        raise AssertionError("send_now hopped to an event loop")

    monkeypatch.setattr(realtime, "async_to_sync", refused)


def test_settings_use_it_with_redis(settings):
    if settings.REDIS_URL:
        assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == BACKEND


def _push_from_a_plain_thread(user_ids, event=None, kind="counts_changed"):
    """send_now as a WSGI request calls it: a thread with no event loop."""
    errors = []

    def push():
        try:
            realtime.send_now(user_ids, event, kind=kind)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            errors.append(error)

    thread = threading.Thread(target=push)
    thread.start()
    thread.join(10)
    assert not errors, errors


def test_a_badge_push_from_synchronous_code_reaches_the_open_socket(
    sync_redis_layer, no_event_loop_hops, mia, lin
):
    async def scenario():
        lin_socket = WebsocketCommunicator(MessagingConsumer.as_asgi(), "/ws/messages/")
        lin_socket.scope["user"] = lin
        assert (await lin_socket.connect())[0]
        hello = json.loads(await lin_socket.receive_from(timeout=5))
        assert hello["event"] == "hello"
        await asyncio.get_running_loop().run_in_executor(
            None, _push_from_a_plain_thread, [lin.pk, mia.pk]
        )
        counts = json.loads(await lin_socket.receive_from(timeout=5))
        assert counts["event"] == "counts"
        await lin_socket.disconnect()

    async_to_sync(scenario)()


def test_the_message_is_channels_redis_own_for_every_member_and_nobody_else(
    sync_redis_layer, redis_url
):
    """Two channels in the group (as two open pages) each get the message, with channels_redis's
    own serialisation; a channel outside it gets nothing; a group nobody is in costs nothing."""
    layer = get_channel_layer()
    assert isinstance(layer, SyncSendRedisChannelLayer)

    async def join():
        first, second, outsider = (
            await layer.new_channel(),
            await layer.new_channel(),
            await layer.new_channel(),
        )
        await layer.group_add("people.7", first)
        await layer.group_add("people.7", second)
        return first, second, outsider

    first, second, outsider = async_to_sync(join)()
    layer.group_send_sync("people.7", {"type": "counts_changed", "event": {"n": 1}})
    layer.group_send_sync("people.8", {"type": "counts_changed", "event": {"n": 2}})

    async def receive_all():
        got = [await asyncio.wait_for(layer.receive(c), 5) for c in (first, second)]
        try:
            await asyncio.wait_for(layer.receive(outsider), 0.3)
        except TimeoutError:
            return got, None
        return got, "outsider got a message"

    got, wrong = async_to_sync(receive_all)()
    assert wrong is None
    assert [message["event"] for message in got] == [{"n": 1}, {"n": 1}]
    assert {message["type"] for message in got} == {"counts_changed"}
