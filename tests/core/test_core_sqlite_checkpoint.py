"""WAL checkpoints in a thread of their own (crossnote.core.sqlite3.checkpoint): the application's
connections no longer copy the log back into the database inside a commit (their automatic
checkpoint is only a backstop), one thread per writing process does it instead, the log stays
short while writers never stop, and nothing written is lost.

Each case runs a real process on a throwaway SQLite file with a bare Django configuration (the
test suite's own database is in memory, where neither the gate nor the thread runs)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from crossnote.core.sqlite3.checkpoint import BACKSTOP_PAGES

ROOT = Path(__file__).resolve().parents[2]

# Writers in THREADS threads, COUNT transactions each, back to back; prints what it saw.
CHILD = r"""
import json, os, sys, threading, time
import django
from django.conf import settings
path, interval, threads, count, switch = sys.argv[1:6]
settings.configure(
    CROSSNOTE_SQLITE_CHECKPOINT_INTERVAL=float(interval),
    DATABASES={"default": {
        "ENGINE": "crossnote.core.sqlite3", "NAME": path,
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20,
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}})
django.setup()
from django.db import connection, transaction
from crossnote.core.sqlite3 import checkpoint

with connection.cursor() as cursor:
    cursor.execute("PRAGMA wal_autocheckpoint")
    autocheckpoint = cursor.fetchone()[0]
connection.close()
wal = path + "-wal"
largest = [0]

def work(who):
    for n in range(int(count)):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO row (who, body) VALUES (%s, %s)", [who, "x" * 600])
            cursor.execute("UPDATE counter SET n = n + 1")
        if os.path.exists(wal):
            largest[0] = max(largest[0], os.path.getsize(wal))
    if switch == "switch":
        connection.close()

pool = [threading.Thread(target=work, args=(n,)) for n in range(int(threads))]
for thread in pool:
    thread.start()
for thread in pool:
    thread.join()
time.sleep(min(3 * float(interval) + 0.2, 1))
runners = list(checkpoint._threads.values())
modes = []
if switch == "switch":  # as bench/generate.py's bulk mode does, right after the writes
    with connection.cursor() as cursor:
        for mode in ("OFF", "WAL"):
            cursor.execute(f"PRAGMA journal_mode={mode}")
            modes.append(cursor.fetchone()[0])
print(json.dumps({
    "autocheckpoint": autocheckpoint,
    "threads": len(runners),
    "checkpoints": sum(r.checkpoints for r in runners),
    "largest_wal_pages": largest[0] // 4096,
    "modes": modes,
}), flush=True)
os._exit(0)  # no connection closed: what is only in the log must be found there
"""


def make_database(folder: Path) -> Path:
    path = folder / "checkpoint.sqlite3"
    database = sqlite3.connect(path)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, who INTEGER, body TEXT)")
    database.execute("CREATE INDEX row_who ON row (who, body)")
    database.execute("CREATE TABLE counter (n INTEGER)")
    database.execute("INSERT INTO counter VALUES (0)")
    database.commit()
    database.close()
    return path


def run(
    path: Path, *, interval: float, threads: int = 4, count: int = 600, switch: bool = False
) -> dict:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            sys.executable,
            "-c",
            CHILD,
            str(path),
            str(interval),
            str(threads),
            str(count),
            "switch" if switch else "-",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def stored(path: Path) -> tuple[int, int]:
    database = sqlite3.connect(path)
    try:
        rows = database.execute("SELECT count(*) FROM row").fetchone()[0]
        counter = database.execute("SELECT n FROM counter").fetchone()[0]
        return rows, counter
    finally:
        database.close()


def test_a_thread_checkpoints_the_log_and_keeps_it_short_while_writers_never_stop(tmp_path):
    path = make_database(tmp_path)
    seen = run(path, interval=0.05)
    # The application's connections leave checkpoints to the thread, keeping a backstop.
    assert seen["autocheckpoint"] == BACKSTOP_PAGES
    assert seen["threads"] == 1
    assert seen["checkpoints"] >= 2
    # 2,400 transactions write ~10,000 pages to the log; checkpointed and rewound every 50 ms
    # (or 256 commits) it stays far below them and the backstop.
    assert seen["largest_wal_pages"] < BACKSTOP_PAGES / 2, seen
    assert stored(path) == (2400, 2400)


def test_without_the_thread_connections_checkpoint_as_sqlite_does(tmp_path):
    path = make_database(tmp_path)
    seen = run(path, interval=0, threads=2, count=200)
    assert seen["autocheckpoint"] == 1000  # SQLite's default, inside the commits
    assert seen["threads"] == 0
    assert stored(path) == (400, 400)


def test_nothing_is_lost_when_the_process_ends_between_checkpoints(tmp_path):
    path = make_database(tmp_path)
    # A long interval: the process ends with most of its writes only in the log.
    seen = run(path, interval=30, threads=2, count=100)
    assert seen["checkpoints"] == 0
    assert os.path.getsize(str(path) + "-wal") > 0
    assert stored(path) == (200, 200)


def test_the_thread_holds_no_connection_between_rounds(tmp_path):
    """Leaving WAL needs the only connection to the file: a thread that kept its own open made
    bench/generate.py's bulk mode fail with "database is locked" after a migration."""
    path = make_database(tmp_path)
    seen = run(path, interval=0.05, threads=2, count=300, switch=True)
    assert seen["checkpoints"] >= 1
    assert seen["modes"] == ["off", "wal"]
