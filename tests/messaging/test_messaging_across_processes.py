"""Two `crossnote serve` processes on one data folder, no Redis: a message posted through one
reaches a socket held by the other at once (crossnote.messaging.layer), both ways."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from crossnote.accounts.models import User
from crossnote.accounts.services import create_api_token
from crossnote.messaging.services import start_conversation
from crossnote.social.services import follow_user

people = {}
for name in ("mia_ms", "lin_sh"):
    user = User.objects.create(username=name, email=f"{name}@example.com", password="!")
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    people[name] = {"user": user, "session": s.session_key,
                    "token": create_api_token(user=user, name="test")[1]}
mia, lin = people["mia_ms"]["user"], people["lin_sh"]["user"]
follow_user(follower=mia, followee=lin)
follow_user(follower=lin, followee=mia)
chat = start_conversation(sender=mia, recipients=[lin])
print(json.dumps({"chat": chat.pk, **{n: {k: v for k, v in p.items() if k != "user"}
                                      for n, p in people.items()}}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with log.open("w") as out:  # a file, not a pipe: nobody has to drain it
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
            [sys.executable, "-m", "crossnote.cli", "serve", "--port", str(port), "--workers", "1"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: granian's workers stop with it
        )
    return server, f"127.0.0.1:{port}"


def wait_until_up(server, host, log: Path) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"http://{host}/", timeout=2)  # noqa: S310 - local server
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("crossnote serve did not start:\n" + log.read_text())
            time.sleep(0.3)


def stop(server) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture
def two_servers(tmp_path):
    env = {
        **os.environ,
        "CROSSNOTE_DATA_DIR": str(tmp_path / "data"),
        "CROSSNOTE_TRANSLATION_BACKENDS": "dictionary",
        "DJANGO_SETTINGS_MODULE": "crossnote.settings",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "crossnote.cli"]
    subprocess.run([*cli, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    setup = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django; django.setup()\n" + SETUP],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    facts = json.loads(setup.stdout.strip().splitlines()[-1])
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    servers = [start_server(env, log) for log in logs]
    try:
        for (server, host), log in zip(servers, logs, strict=True):
            wait_until_up(server, host, log)
        yield [host for _server, host in servers], facts
    finally:
        for server, _host in servers:
            stop(server)


def open_socket(host, session):
    import websocket

    ws = websocket.create_connection(
        f"ws://{host}/ws/messages/",
        origin=f"http://{host}",
        cookie=f"sessionid={session}",
        timeout=10,
    )
    assert json.loads(ws.recv())["event"] == "hello"
    return ws


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
