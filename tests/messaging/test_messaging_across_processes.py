"""Two `crossnote serve` processes on one data folder, no Redis: a message posted through one
reaches a socket held by the other at once (crossnote.messaging.layer), both ways."""

import json
import time
import urllib.parse
import urllib.request

import pytest

from tests.served import make_world, open_socket, start_server, stop, wait_until_up

pytestmark = pytest.mark.slow


@pytest.fixture
def two_servers(tmp_path):
    env, facts = make_world(tmp_path / "data")
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    servers = [start_server(env, log) for log in logs]
    try:
        for (server, host), log in zip(servers, logs, strict=True):
            wait_until_up(server, host, log)
        yield [host for _server, host in servers], facts
    finally:
        for server, _host in servers:
            stop(server)


def post_message(host, token, chat, body) -> int:
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"http://{host}/api/v1/conversations/{chat}/messages",
        data=urllib.parse.urlencode({"body": body}).encode(),
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 201
        return json.loads(response.read())["id"]


def next_message_from(ws, sender: str) -> dict:
    """The next message event on this socket sent by `sender` (one's own come back too)."""
    deadline = time.monotonic() + 10
    while True:
        ws.settimeout(max(0.1, deadline - time.monotonic()))
        event = json.loads(ws.recv())  # WebSocketTimeoutException: it never came
        if event["event"] == "message" and event["message"]["sender"] == sender:
            return event["message"]


def test_a_message_posted_through_one_server_process_reaches_a_socket_held_by_another(
    two_servers,
):
    (first, second), facts = two_servers
    chat, mia, lin = facts["chat"], facts["mia_ms"], facts["lin_sh"]
    lin_socket = open_socket(first, lin["session"])
    mia_socket = open_socket(second, mia["session"])
    try:
        sent = post_message(second, mia["token"], chat, "from the second process")
        message = next_message_from(lin_socket, "mia_ms")
        assert (message["id"], message["body"]) == (sent, "from the second process")
        reply = post_message(first, lin["token"], chat, "and back from the first")
        assert next_message_from(mia_socket, "lin_sh")["id"] == reply
    finally:
        lin_socket.close()
        mia_socket.close()
