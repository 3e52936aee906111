"""Real `crossnote serve` processes for tests: a data folder with two people who follow each other,
a chat between them, their sessions and API tokens; starting, waiting for and stopping servers on
free ports; WebSockets to them (tests/core/test_serve.py, tests/messaging/...across_processes)."""

import atexit
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "crossnote.sqlite3"  # the SQLite file in CROSSNOTE_DATA_DIR (crossnote/settings.py)

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


def free_ports(count: int) -> list[int]:
    """`count` different free ports (each held until all are found, so none repeats)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def world_env(data: Path) -> dict:
    """The environment of a `crossnote` process on the SQLite data folder `data` (no Redis, no
    broker, the offline dictionary translator)."""
    env = {
        **os.environ,
        "CROSSNOTE_DATA_DIR": str(data),
        "CROSSNOTE_TRANSLATION_BACKENDS": "dictionary",
        "DJANGO_SETTINGS_MODULE": "crossnote.settings",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    env.pop("DATABASE_URL", None)
    return env


_migrated: list[Path] = []  # this process's migrated database, made by the first migrate_data


def migrate_data(data: Path) -> None:
    """`crossnote migrate` into the data folder `data`, once per test process: the first call
    migrates a folder of its own (a real `crossnote migrate`, as an operator runs it); each call
    then copies its database file into `data`, as Django's test runner clones a test database.
    A migrate is ~10 s of CPU and every two-instance test needs two or three of them (the
    migrations hold no per-instance data: the secret key and static folder are made per folder
    when a process first starts there)."""
    if not _migrated:
        template = Path(tempfile.mkdtemp(prefix="crossnote-migrated-"))
        atexit.register(shutil.rmtree, template, ignore_errors=True)
        cli = [sys.executable, "-m", "crossnote.cli", "migrate", "-v", "0"]
        subprocess.run(cli, env=world_env(template), check=True, cwd=ROOT)  # noqa: S603
        database = sqlite3.connect(template / DATABASE)
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the one file
        database.close()
        _migrated.append(template / DATABASE)
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated[0], data / DATABASE)


def make_world(data: Path) -> tuple[dict, dict]:
    """(env, facts): a migrated SQLite data folder (no Redis, no broker) with Mia and Lin, who
    follow each other, their chat (`facts["chat"]`), sessions and tokens (`facts[name]`)."""
    env = world_env(data)
    migrate_data(data)
    setup = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django; django.setup()\n" + SETUP],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return env, json.loads(setup.stdout.strip().splitlines()[-1])


def start_server(env: dict, log: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`crossnote serve --workers 1 OPTIONS` on a free port, its output in `log`; (process, host)."""
    port = free_port()
    with log.open("w") as out:  # a file, not a pipe: nobody has to drain it
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
            [sys.executable, "-m", "crossnote.cli", "serve", "--port", str(port), "--workers", "1"]
            + list(options),
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: granian's workers stop with it
        )
    return server, f"127.0.0.1:{port}"


def wait_until_up(server: subprocess.Popen, host: str, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"http://{host}/", timeout=2)  # noqa: S310 - local server
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                stop(server)
                pytest.fail("crossnote serve did not start:\n" + log.read_text())
            time.sleep(0.3)


def stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def open_socket(host: str, session: str):
    """A signed-in WebSocket to /ws/messages/, past its hello."""
    import websocket

    ws = websocket.create_connection(
        f"ws://{host}/ws/messages/",
        origin=f"http://{host}",
        cookie=f"sessionid={session}",
        timeout=10,
    )
    assert json.loads(ws.recv())["event"] == "hello"
    return ws
