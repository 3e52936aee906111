"""The channel layer of the embedded default (crossnote.messaging.layer): web processes of one
machine hear each other's pushes over Unix datagram sockets, without Redis or database writes."""

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull

from crossnote.messaging import realtime
from crossnote.messaging.layer import LocalSocketChannelLayer, default_directory
from tests.messaging.test_messaging_realtime import next_event, socket_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder():
    """A short private path (Unix socket paths are limited to ~107 bytes; tmp_path is long)."""
    path = Path(tempfile.mkdtemp(prefix="cn-layer-")) / "layer"
    yield path
    shutil.rmtree(path.parent, ignore_errors=True)


def run(coroutine_function):
    return async_to_sync(coroutine_function)()


def test_a_group_send_reaches_members_held_by_another_process(folder):
    here, there = (
        LocalSocketChannelLayer(directory=folder),
        LocalSocketChannelLayer(directory=folder),
    )

    async def scenario():
        channel = await there.new_channel()
        await there.group_add("messaging.user.7", channel)
        await here.group_send("messaging.user.7", {"type": "deliver", "event": {"n": 1}})
        got = await asyncio.wait_for(there.receive(channel), 2)
        assert got == {"type": "deliver", "event": {"n": 1}}
        # Straight to one channel, by its name (it says which process holds it).
        await here.send(channel, {"type": "deliver", "event": {"n": 2}})
        assert (await asyncio.wait_for(there.receive(channel), 2))["event"] == {"n": 2}
        # A group another process left hears nothing more.
        await there.group_discard("messaging.user.7", channel)
        await here.group_send("messaging.user.7", {"type": "deliver", "event": {"n": 3}})
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(there.receive(channel), 0.3)

    run(scenario)


def test_synchronous_code_pushes_without_an_event_loop(folder):
    """A WSGI request or a CLI command pushes from a plain thread of another process."""
    here, there = (
        LocalSocketChannelLayer(directory=folder),
        LocalSocketChannelLayer(directory=folder),
    )

    async def scenario():
        channel = await there.new_channel()
        await there.group_add("g", channel)
        local = await here.new_channel()
        await here.group_add("g", local)
        sender = threading.Thread(target=here.group_send_sync, args=("g", {"type": "x"}))
        sender.start()
        sender.join()
        assert await asyncio.wait_for(there.receive(channel), 2) == {"type": "x"}
        assert await asyncio.wait_for(here.receive(local), 2) == {"type": "x"}

    run(scenario)


def test_a_dead_process_socket_file_is_removed_by_the_next_sender(folder):
    layer = LocalSocketChannelLayer(directory=folder)

    async def scenario():
        await layer.new_channel()  # makes the folder and this process's socket

    run(scenario)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    dead.bind(str(folder / "999999-dead00.sock"))
    dead.close()  # killed: the file stays, nobody reads it
    assert (folder / "999999-dead00.sock").exists()
    layer.group_send_sync("g", {"type": "x"})
    assert not (folder / "999999-dead00.sock").exists()
    assert (folder / f"{layer.peer}.sock").exists()


def test_expired_messages_are_skipped_and_a_full_channel_refuses(folder):
    layer = LocalSocketChannelLayer(directory=folder, expiry=0.05, capacity=2)

    async def scenario():
        await layer.send("worker", {"type": "old"})
        await asyncio.sleep(0.1)
        await layer.send("worker", {"type": "new"})
        assert await layer.receive("worker") == {"type": "new"}
        await layer.send("worker", {"type": "a"})
        await layer.send("worker", {"type": "b"})
        with pytest.raises(ChannelFull):
            await layer.send("worker", {"type": "c"})

    run(scenario)


def test_a_folder_others_can_read_is_refused(folder):
    folder.mkdir()
    os.chmod(folder, 0o750)  # noqa: S103 - the group may read it: not private, refused
    layer = LocalSocketChannelLayer(directory=folder)

    async def scenario():
        channel = await layer.new_channel()
        await layer.group_add("g", channel)
        layer.group_send_sync("g", {"type": "x"})  # this process's own sockets still hear it
        assert await asyncio.wait_for(layer.receive(channel), 2) == {"type": "x"}

    run(scenario)
    assert layer.shared is False
    assert not any(folder.iterdir())


def test_processes_of_one_database_share_a_folder(tmp_path):
    name = str(tmp_path / "db.sqlite3")
    other = subprocess.run(  # noqa: S603 - our own interpreter
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            f"settings.DATABASES['default']['NAME'] = {name!r};"
            "from crossnote.messaging.layer import default_directory; print(default_directory())",
        ],
        # The embedded default's settings (the PostgreSQL pass sets DATABASE_URL and REDIS_URL).
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DJANGO_SETTINGS_MODULE": "crossnote.settings",
        },
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    assert other.stdout.strip() == str(default_directory(sqlite))
    assert default_directory({**sqlite, "NAME": name + "-other"}) != default_directory(sqlite)
    memory = {**sqlite, "NAME": "file:memorydb_default?mode=memory&cache=shared"}
    here = default_directory(memory)
    with mock.patch("os.getpid", return_value=os.getpid() + 1):
        assert default_directory(memory) != here  # an in-memory database is one process's


SEND_FROM_ANOTHER_PROCESS = """
import sys, time, django
django.setup()
from django.conf import settings
settings.CHANNEL_LAYERS = {"default": {"BACKEND": "crossnote.messaging.layer.LocalSocketChannelLayer",
                                       "CONFIG": {"directory": sys.argv[1]}}}
from crossnote.messaging import realtime
realtime.send_now([int(sys.argv[2])], {"event": "message", "sent_at": time.time()})
"""


@pytest.mark.django_db(transaction=True)
def test_a_push_from_another_process_reaches_an_open_socket(settings, folder, friends):
    """The socket lives in this process (a consumer, as under `crossnote serve`); the push comes
    from a separate Python process's synchronous code, as a WSGI worker's would."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "crossnote.messaging.layer.LocalSocketChannelLayer",
            "CONFIG": {"directory": str(folder)},
        }
    }
    _mia, lin = friends
    assert realtime.shared_layer()

    async def scenario():
        lin_socket = socket_for(lin)
        assert (await lin_socket.connect())[0]
        await next_event(lin_socket, "hello")
        sender = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            SEND_FROM_ANOTHER_PROCESS,
            str(folder),
            str(lin.pk),
            # The embedded default's settings (the PostgreSQL pass sets DATABASE_URL and REDIS_URL).
            env={
                **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
                "DJANGO_SETTINGS_MODULE": "crossnote.settings",
            },
            cwd=str(ROOT),
        )
        assert await sender.wait() == 0
        event = await next_event(lin_socket, "message", timeout=10)
        assert time.time() - event["sent_at"] < 5
        await lin_socket.disconnect()

    run(scenario)


def test_pages_stop_polling_on_the_shared_layer_only(settings):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "crossnote.messaging.layer.LocalSocketChannelLayer"}
    }
    assert realtime.shared_layer()
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    assert not realtime.shared_layer()
