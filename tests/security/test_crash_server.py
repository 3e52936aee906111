"""Durability: SIGKILL the web server (every worker at once) while clients post notes with
photos, restart it, and check that every acknowledged note is there exactly once, whole, with
its media intact; a note acknowledged before its WebP variants and photo hashes were made (they
follow in the background) gets them after the restart, and readers see it then. SQLite runs in WAL with synchronous=NORMAL (settings.py): a commit is in the
WAL before the 201 goes out, which survives a process crash (not a power cut: README
"Security")."""

import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from PIL import Image

from tests.served import migrate_data

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _released(port: int, within: float = 15) -> None:
    """Wait until the killed server's workers have let go of `port` (crossnote serve refuses a
    port still held: its workers would otherwise share it)."""
    from crossnote import cli

    deadline = time.monotonic() + within
    while cli._port_taken("127.0.0.1", port) and time.monotonic() < deadline:
        time.sleep(0.1)


def _jpeg(n: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (n * 7 % 255, 90, 160)).save(out, format="JPEG")
    return out.getvalue()


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL"))}
    env.update(
        CROSSNOTE_DATA_DIR=str(data_dir),
        CELERY_BROKER_URL="",
        CROSSNOTE_RATE_LIMITS="post.user=100000/h,post.ip=100000/h",
        PYTHONPATH=str(ROOT),
    )
    return env


def _cli(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "crossnote.cli", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
        **kwargs,
    )


def _serve(env, port):
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "crossnote.cli", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: one SIGKILL reaches every worker
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/languages", timeout=2).ok:
                return process
        except requests.RequestException:
            time.sleep(0.3)
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail("the server did not start")


@pytest.fixture
def site(tmp_path):
    env = _env(tmp_path / "data")
    migrate_data(tmp_path / "data")  # `crossnote migrate`, once per test process (tests/served.py)
    script = (
        "from crossnote.accounts.models import User;"
        "from crossnote.accounts.services import create_api_token;"
        "u=User.objects.create_user('crashy','c@example.com','correct horse battery');"
        "print(create_api_token(user=u,name='crash')[1])"
    )
    token = _cli(env, "manage", "shell", "-c", script).stdout.strip().splitlines()[-1]
    return env, token, tmp_path / "data"


def test_sigkill_mid_write_loses_no_acknowledged_note(site):
    env, token, data_dir = site
    port = _free_port()
    server = _serve(env, port)
    acknowledged: dict[str, int] = {}
    stop = threading.Event()
    lock = threading.Lock()

    def post(worker: int):
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1
            title = f"crash-{worker}-{n}"
            try:
                response = session.post(
                    f"http://127.0.0.1:{port}/api/v1/notes",
                    headers={"Authorization": f"Bearer {token}"},
                    data={"title": title, "body": "#durability"},
                    files={"images": (f"{title}.jpg", _jpeg(n), "image/jpeg")},
                    timeout=20,
                )
            except requests.RequestException:
                continue  # in flight when the server died: not acknowledged
            if response.status_code == 201:
                with lock:
                    acknowledged[title] = response.json()["id"]

    threads = [threading.Thread(target=post, args=(w,), daemon=True) for w in range(CLIENTS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 90
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(server.pid, signal.SIGKILL)  # mid-write: clients are still posting
    server.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(acknowledged) >= 40, "not enough notes were posted before the kill"

    # The database after the crash, read directly.
    database = sqlite3.connect(data_dir / "crossnote.sqlite3")
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = database.execute("SELECT id, title FROM notes_note").fetchall()
    titles = [title for _id, title in rows]
    assert len(titles) == len(set(titles)), "no note is stored twice"
    stored = dict((title, pk) for pk, title in rows)
    missing = [t for t in acknowledged if t not in stored]
    assert not missing, f"acknowledged notes lost: {missing}"
    assert all(stored[t] == pk for t, pk in acknowledged.items())
    # No half-written note: every stored note (acknowledged or not) has its image and files:
    # the WebP variants, or the verified source they are made from while the note waits.
    images = database.execute(
        "SELECT note_id, thumb, large, pending FROM notes_noteimage"
    ).fetchall()
    with_images = {note_id for note_id, *_names in images}
    assert {pk for pk, _title in rows} <= with_images, "a note without its image"
    media = data_dir / "media"
    for _note_id, thumb, large, pending in images:
        for name in (thumb, large):
            with Image.open(media / name) as image:
                assert image.format == ("JPEG" if pending else "WEBP")
                image.load()  # the whole file decodes
    database.close()

    # The restarted server serves every acknowledged note to readers once its variants exist:
    # those the killed server left pending are made by the periodic sweep (notes-media-sweep).
    _released(port)
    server = _serve(env, port)
    try:
        waiting = list(acknowledged.values())
        deadline = time.monotonic() + 150
        while waiting and time.monotonic() < deadline:
            url = f"http://127.0.0.1:{port}/api/v1/notes/{{}}"
            waiting = [
                pk for pk in waiting if requests.get(url.format(pk), timeout=10).status_code != 200
            ]
            time.sleep(0.5)
        assert not waiting, f"notes still waiting for their variants: {waiting}"
        # Notes stored but never acknowledged (in flight at the kill) are finished too, by the
        # sweep's next pass: wait for it rather than race it.
        while time.monotonic() < deadline:
            database = sqlite3.connect(data_dir / "crossnote.sqlite3")
            left = database.execute(
                "SELECT count(*) FROM notes_noteimage WHERE pending != ''"
            ).fetchone()
            database.close()
            if not left[0]:
                break
            time.sleep(0.5)
        database = sqlite3.connect(data_dir / "crossnote.sqlite3")
        names = database.execute(
            "SELECT thumb, large, pending, pdq_hash FROM notes_noteimage"
        ).fetchall()
        database.close()
        for thumb, large, pending, pdq_hash in names:
            assert not pending
            # The hash is made with the variants, after the answer: none is left without one.
            assert len(pdq_hash) == 64, "a photo left unhashed"
            for name in (thumb, large):
                with Image.open(media / name) as image:
                    assert image.format == "WEBP"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
