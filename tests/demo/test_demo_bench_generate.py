"""bench/generate.py at a tiny size: it builds a world on a fresh SQLite folder and leaves the
database in WAL mode. It once stopped with "database is locked" at PRAGMA journal_mode=OFF: the
new topics' background tasks held SQLite connections of their own while it left WAL."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generate_builds_a_tiny_world_on_sqlite(tmp_path):
    data = tmp_path / "world"
    env = {
        **os.environ,
        # What a shell gives it: tasks in background threads, the scheduler on (the script
        # itself must make them safe for the bulk writes).
        "CROSSNOTE_TASKS_INLINE": "0",
        "CROSSNOTE_SCHEDULER": "1",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "bench/generate.py", "--users", "30", "--data-dir", str(data)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "'users': 30," in done.stdout and "'notes': 600," in done.stdout
    with sqlite3.connect(data / "crossnote.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT count(*) FROM notes_note").fetchone()[0] == 600
    # A second run on the same folder refuses rather than mixing two worlds.
    again = subprocess.run(  # noqa: S603
        [sys.executable, "bench/generate.py", "--users", "30", "--data-dir", str(data)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode != 0 and "not empty" in again.stderr
