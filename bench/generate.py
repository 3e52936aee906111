"""Build the synthetic world the benchmarks run on (crossnote.demo.world), timed.

    .venv/bin/python bench/generate.py --users 50000 --data-dir /work/bench-data/world-1m

N people with a power-law follower graph, 20 notes each by default (so 50,000 people make
1,000,000 notes), in Chinese and English, with likes and comments; reproducible from --seed.
Makes a fresh data folder (SQLite there), or writes to DATABASE_URL's database when that is set
(the data folder then holds the photos, the secret key and the socket folders, and the database
must hold no world of the same seed: make a fresh one, `createdb`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/world_1m \
        .venv/bin/python bench/generate.py --users 50000 --data-dir /work/bench-data/world-1m-pg
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--notes", type=int, default=None, help="default: 20 per person")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", default="/work/bench-data/world", help="made fresh")
    parser.add_argument("--force", action="store_true", help="replace an existing data folder")
    args = parser.parse_args()

    # The data folder is made fresh with either database: with DATABASE_URL it still holds the
    # world's photos and the secret key its sessions are signed with, which the server run on
    # the world (bench/feeds_load.py --data-dir) must share; left unset, they went to ./data.
    data = Path(args.data_dir)
    if data.exists() and any(data.iterdir()):
        if not args.force:
            sys.exit(f"{data} is not empty: pass --force to replace it")
        shutil.rmtree(data)
    data.mkdir(parents=True, exist_ok=True)
    os.environ["CROSSNOTE_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    # Background tasks (the new topics ask to be indexed and linked) run in this thread: on the
    # embedded default each would otherwise run in a thread of its own with its own SQLite
    # connection, and while any such connection is open SQLite refuses to leave WAL for the
    # bulk writes ("database is locked" at PRAGMA journal_mode=OFF). No scheduler either.
    os.environ["CROSSNOTE_TASKS_INLINE"] = "1"
    os.environ["CROSSNOTE_SCHEDULER"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from crossnote.demo.world import build_world

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    world = build_world(users=args.users, notes=args.notes, seed=args.seed, stdout=sys.stdout)
    database = settings.DATABASES["default"]
    size = ""
    if database["ENGINE"].endswith("sqlite3"):
        size = f", {Path(database['NAME']).stat().st_size / 2**30:.2f} GiB on disk"
    print(f"counts: {world.counts}")
    print(f"world built in {world.seconds['total']} s{size} (data: {settings.DATA_DIR})")
    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()  # noqa: S603,S607
    print(f"machine: {cpu} CPU cores; database: {database['ENGINE'].rsplit('.', 1)[-1]}")
    print("command: .venv/bin/python bench/generate.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
