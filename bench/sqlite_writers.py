"""Concurrent writers on the embedded SQLite default: P processes x T threads each liking notes
through the real service (crossnote.notes.services.like_note), as `crossnote serve --workers P`
with T threads would, without HTTP in the way.

    .venv/bin/python bench/sqlite_writers.py --data-dir COPY_OF_A_WORLD --processes 2 --threads 8

Prints likes/s over all writers, p50/p99 per like, how long writers waited to begin their
transaction (BEGIN IMMEDIATE takes SQLite's one write lock: time spent there is time queued behind
other writers, in SQLite's busy handler or in crossnote's write gate, crossnote.core.sqlite), the
CPU each like cost its process, and any "database is locked" errors. `--no-gate` runs Django's
stock SQLite backend (SQLite's busy handler alone, which sleeps between polls) for comparison.
Writes into the world: use a copy you can throw away.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def child(args) -> None:
    """One writer process: T threads, each with its own connection, liking for --seconds."""
    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ["REDIS_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django
    from django.conf import settings

    if args.no_gate:
        os.environ["CROSSNOTE_SQLITE_WRITE_GATE"] = "0"
    django.setup()
    from django.db import OperationalError, connection, connections

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note
    from crossnote.notes.services import like_note

    engine = settings.DATABASES["default"]["ENGINE"]
    rng = random.Random(args.seed)
    people = list(User.objects.filter(is_active=True).order_by("pk")[:3000])
    pool = list(
        Note.objects.filter(visibility="public", moderation="visible")
        .select_related("author")
        .order_by("-pk")[:20000]
    )
    connection.close()
    waits: list[float] = []
    times: list[float] = []
    errors: list[str] = []
    counts = [0]
    lock = threading.Lock()
    start_at = args.start_at

    def writer(seed: int) -> None:
        local = random.Random(seed)
        mine_wait, mine_time, done = [], [], 0
        wrapper = connections["default"]
        wrapper.ensure_connection()
        original = wrapper._start_transaction_under_autocommit

        def timed_begin():
            began = time.perf_counter()
            original()
            mine_wait.append(time.perf_counter() - began)

        wrapper._start_transaction_under_autocommit = timed_begin
        while time.time() < start_at:
            time.sleep(0.001)
        cpu = time.thread_time()
        stop = time.time() + args.seconds
        while time.time() < stop:
            user, note = local.choice(people), local.choice(pool)
            began = time.perf_counter()
            try:
                like_note(user=user, note=note)
            except OperationalError as error:
                errors.append(str(error))
                continue
            mine_time.append(time.perf_counter() - began)
            done += 1
        cpu = time.thread_time() - cpu
        wrapper.close()
        with lock:
            waits.extend(mine_wait)
            times.extend(mine_time)
            counts[0] += done
            cpu_total[0] += cpu

    cpu_total = [0.0]
    threads = [
        threading.Thread(target=writer, args=(rng.randrange(1 << 30),)) for _ in range(args.threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(
        json.dumps(
            {
                "engine": engine,
                "likes": counts[0],
                "times": times,
                "waits": waits,
                "errors": errors[:5],
                "error_count": len(errors),
                "cpu": cpu_total[0],
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--no-gate", action="store_true", help="Django's stock SQLite backend")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    start_at = time.time() + 8.0  # every process set up (Django, the pools) before the start
    commands = [
        [
            sys.executable,
            __file__,
            "--child",
            "--data-dir",
            args.data_dir,
            "--threads",
            str(args.threads),
            "--seconds",
            str(args.seconds),
            "--seed",
            str(args.seed + n),
            "--start-at",
            str(start_at),
            *(["--no-gate"] if args.no_gate else []),
        ]
        for n in range(args.processes)
    ]
    children = [subprocess.Popen(c, stdout=subprocess.PIPE, text=True) for c in commands]  # noqa: S603
    results = [json.loads(c.communicate()[0].strip().splitlines()[-1]) for c in children]
    likes = sum(r["likes"] for r in results)
    times = sorted(t for r in results for t in r["times"])
    waits = sorted(w for r in results for w in r["waits"])
    cpu = sum(r["cpu"] for r in results)
    errors = sum(r["error_count"] for r in results)

    def pct(values, q):
        return 1000 * values[min(len(values) - 1, int(q * len(values)))] if values else 0.0

    load = os.getloadavg()[0]
    print(
        f"{results[0]['engine']}: {args.processes} processes x {args.threads} threads, "
        f"{args.seconds:.0f} s: {likes / args.seconds:.0f} likes/s; per like p50 "
        f"{pct(times, 0.5):.1f} ms, p99 {pct(times, 0.99):.1f} ms, max {pct(times, 1.0):.0f} ms; "
        f"waiting to begin: mean {1000 * statistics.fmean(waits or [0]):.2f} ms, "
        f"p99 {pct(waits, 0.99):.1f} ms; CPU {1000 * cpu / max(likes, 1):.2f} ms per like; "
        f"'database is locked' errors: {errors}; load average {load:.2f}"
    )
    for r in results:
        for e in r["errors"]:
            print("  error:", e)
    print("command: .venv/bin/python bench/sqlite_writers.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
