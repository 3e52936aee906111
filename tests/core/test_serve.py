"""`crossnote serve` for real: one port serves a page, the API and the WebSocket, and a message
posted over HTTP reaches the other person's open socket, under each --interface; the argv it
hands granian."""

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from tests.served import ROOT, make_world, open_socket, start_server, stop, wait_until_up


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A data folder with two people who follow each other, a chat, sessions and API tokens."""
    return make_world(tmp_path_factory.mktemp("serve") / "data")


@pytest.fixture
def serving(world, request, tmp_path):
    """`crossnote serve --interface X` (one worker) on a free port of the world's folder."""
    env, facts = world
    log = tmp_path / "serve.log"
    server, host = start_server(env, log, "--threads", "4", "--interface", request.param)
    wait_until_up(server, host, log, seconds=60)
    yield host, facts
    stop(server)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own server
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def next_event(ws, kind, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        event = json.loads(ws.recv())
        if event["event"] == kind:
            return event
    raise AssertionError(f"no {kind} event within {seconds} s")


@pytest.mark.slow
@pytest.mark.parametrize("serving", ["rsgi", "asgi"], indirect=True)
def test_one_port_serves_pages_the_api_and_live_messages(serving):
    host, facts = serving
    status, headers, body = get(f"http://{host}/", Cookie=f"sessionid={facts['lin_sh']['session']}")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"</html>" in body
    status, headers, body = get(
        f"http://{host}/api/v1/feeds/explore?limit=5",
        Authorization=f"Bearer {facts['lin_sh']['token']}",
    )
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert "items" in json.loads(body)

    # Lin's page holds a socket; Mia sends over HTTP: the answer runs in a request thread, the
    # push reaches Lin's socket on the same port at once (no polling).
    lin = open_socket(host, facts["lin_sh"]["session"])
    try:
        form = urllib.parse.urlencode({"body": "hello over HTTP"}).encode()
        request = urllib.request.Request(  # noqa: S310 - our own server
            f"http://{host}/api/v1/conversations/{facts['chat']}/messages",
            data=form,
            headers={"Authorization": f"Bearer {facts['mia_ms']['token']}"},
        )
        sent = time.monotonic()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            assert response.status == 201
        event = next_event(lin, "message")
        assert event["message"]["body"] == "hello over HTTP"
        assert time.monotonic() - sent < 5
    finally:
        lin.close()


@pytest.mark.slow
@pytest.mark.parametrize("serving", ["wsgi"], indirect=True)
def test_the_wsgi_interface_serves_pages_and_refuses_websockets(serving):
    import websocket

    host, facts = serving
    status, headers, _body = get(f"http://{host}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    with pytest.raises(websocket.WebSocketException):
        open_socket(host, facts["lin_sh"]["session"])


@pytest.mark.parametrize(
    ("options", "interface", "target", "websockets"),
    [
        ([], "rsgi", "crossnote.rsgi:application", "--ws"),
        (["--no-websockets"], "rsgi", "crossnote.rsgi:application", "--no-ws"),
        (["--interface", "asgi"], "asgi", "crossnote.asgi:application", "--ws"),
        (["--interface", "wsgi"], "wsgi", "crossnote.wsgi:application", "--no-ws"),
    ],
)
def test_serve_hands_granian_the_interface_and_its_threads(
    monkeypatch, options, interface, target, websockets
):
    from crossnote import cli

    seen = {}
    for name in ("CROSSNOTE_SERVE_THREADS", "ASGI_THREADS", "CROSSNOTE_TRANSLATION_WARM_UP"):
        monkeypatch.setenv(name, "")  # restored (removed) after the test, whatever serve sets
        monkeypatch.delenv(name)
    monkeypatch.setattr(cli, "_port_taken", lambda host, port: "")  # nothing listens here
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: seen.update(argv=argv))
    # The background process beside granian (tests/notes/test_posting_fast_background.py).
    monkeypatch.setattr(subprocess, "Popen", lambda argv, **kwargs: seen.update(background=argv))
    cli.main(["serve", "--port", "8999", "--workers", "3", "--threads", "5", *options])
    argv = seen["argv"]
    assert argv[0].endswith("granian")
    assert argv[1:4] == ["--interface", interface, target]
    assert websockets in argv and argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--port") + 1] == "8999"
    # Django's threads: the bridge's pool (RSGI), granian's blocking threads (WSGI), asgiref's
    # pool (ASGI, and the WebSocket handlers of both others).
    assert os.environ["CROSSNOTE_SERVE_THREADS"] == "5" and os.environ["ASGI_THREADS"] == "5"
    if interface == "wsgi":
        assert argv[argv.index("--blocking-threads") + 1] == "5"
    else:
        assert "--blocking-threads" not in argv  # granian allows one on ASGI and RSGI


def test_serve_help_names_the_interfaces():
    result = subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "crossnote.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    for words in ("--interface", "rsgi", "asgi", "wsgi", "--threads", "--no-websockets"):
        assert words in result.stdout
