"""What a posted note costs the request that posts it: Django's test client posting through the
API (`POST /api/v1/notes`) and the page form (`POST /notes/new/`), one 1080×1440 JPEG each (the
flat one bench/feeds_load.py posts, and a photo-like one), in-process; median thread CPU per note.
The background tasks each post queues are collected, not run, then run and timed on their own
(CPU per note by task), as a worker or the web process's thread would run them.

    .venv/bin/python bench/posting.py --data-dir /tmp/posting-data --notes 40
    .venv/bin/python bench/posting.py --fresh --notes 40 --background --profile

Writes the notes it makes into the data folder's database (use a copy, or --fresh).
`--services` keeps DATABASE_URL and REDIS_URL (PostgreSQL, and Redis as cache and broker): each
post then publishes its tasks to the broker as a server's does (no worker consumes them here).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB REDIS_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python bench/posting.py --fresh --services --notes 40 --profile

`--http` instead posts over HTTP: `crossnote serve --workers 2` on the data folder (a world copy),
wrk posting notes (bench/feeds_wrk.lua's post_note: one 1080×1440 JPEG each) from `--users`
connections for `--seconds`, after a warm-up whose background work is let finish first; then
how long the backlog takes to drain: until readers see every posted note (no note left without
its variants) and until the server's processes fall quiet (indexing done too), with the CPU the
server's process group spent in the burst and in the drain.

    .venv/bin/python bench/posting.py --http --data-dir COPY --users 16 --seconds 15
"""

import argparse
import io
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

# bench/profile.py would stand in for the standard library's `profile`, which cProfile imports.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/crossnote-bench-posting")
    parser.add_argument("--fresh", action="store_true", help="a new throwaway data folder")
    parser.add_argument("--notes", type=int, default=40, help="per route and photo")
    parser.add_argument("--background", action="store_true", help="then time the queued tasks")
    parser.add_argument("--profile", action="store_true", help="cProfile the API posts")
    parser.add_argument("--http", action="store_true", help="post over HTTP (see above)")
    parser.add_argument(
        "--services",
        action="store_true",
        help="keep DATABASE_URL and REDIS_URL (its broker): tasks are published, not collected",
    )
    parser.add_argument("--users", type=int, default=16, help="--http: wrk connections")
    parser.add_argument("--seconds", type=int, default=15, help="--http: length of the burst")
    parser.add_argument("--port", type=int, default=0, help="--http: default a free port")
    parser.add_argument("--serve-args", default="", help="--http: more `crossnote serve` options")
    parser.add_argument("--drain-limit", type=int, default=300, help="--http: seconds at most")
    args = parser.parse_args()
    if args.http:
        over_http(args)
        return
    if args.fresh:
        import subprocess
        import tempfile

        args.data_dir = tempfile.mkdtemp(prefix="crossnote-bench-posting-")
        subprocess.run(  # noqa: S603 - our own CLI
            [sys.executable, "-m", "crossnote.cli", "migrate", "-v", "0"],
            env={**os.environ, "CROSSNOTE_DATA_DIR": args.data_dir, "CELERY_BROKER_URL": ""},
            check=True,
        )
    if not args.services:
        for name in ("DATABASE_URL", "REDIS_URL"):
            os.environ.pop(name, None)
        os.environ["CELERY_BROKER_URL"] = ""
    os.environ.update(
        CROSSNOTE_DATA_DIR=args.data_dir,
        CROSSNOTE_TASKS_INLINE="0",
        CROSSNOTE_RATE_LIMITS_ENABLED="0",
        CROSSNOTE_SCHEDULER="0",
        DJANGO_SETTINGS_MODULE="crossnote.settings",
    )
    import django

    django.setup()
    from django.test import Client
    from PIL import Image, ImageFilter

    from crossnote.accounts.models import User
    from crossnote.core import tasks as core_tasks

    queued: list = []
    if not args.services:  # with --services each post publishes its tasks (nobody consumes them)
        core_tasks.dispatch = lambda task, *a, **k: queued.append((task, a, k))
    user = User.objects.filter(username="bench_poster").first() or User.objects.create_user(
        "bench_poster", "bench_poster@example.com", "!"
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    photos = {}
    out = io.BytesIO()
    Image.new("RGB", (1080, 1440), (200, 120, 90)).save(out, format="JPEG", quality=85)
    photos["flat"] = out.getvalue()
    noise = Image.effect_noise((1080, 1440), 40).convert("RGB").filter(ImageFilter.GaussianBlur(2))
    out = io.BytesIO()
    noise.save(out, format="JPEG", quality=88)
    photos["photo-like"] = out.getvalue()

    def api(i: int, data: bytes) -> None:
        body = {"title": f"api {i}", "body": "Sunday market haul #weekend"}
        response = client.post("/api/v1/notes", {**body, "images": io.BytesIO(data)})
        assert response.status_code == 201, response.content[:300]

    def form(i: int, data: bytes) -> None:
        upload = io.BytesIO(data)
        upload.name = "photo.jpg"
        fields = {"title": f"form {i}", "body": "周末的咖啡店 拿铁很香 #coffee", "topics": ""}
        response = client.post("/notes/new/", {**fields, "visibility": "public", "images": upload})
        assert response.status_code == 302, response.content[:300]

    for warm in range(3):  # models, lists and caches load once per process: not per note
        api(-warm, photos["flat"])
        form(-warm, photos["flat"])
    queued.clear()
    print(f"load average at start {os.getloadavg()[0]:.1f}")
    for route, post in (("api", api), ("form", form)):
        for label, data in photos.items():
            spent = []
            for i in range(args.notes):
                started = time.thread_time()
                post(i, data)
                spent.append(1000 * (time.thread_time() - started))
            print(
                f"{route:4} {label:10}: median {statistics.median(spent):5.1f} ms CPU per note "
                f"(p10 {sorted(spent)[len(spent) // 10]:.1f}, p90 "
                f"{sorted(spent)[len(spent) * 9 // 10]:.1f})"
            )
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile(time.thread_time)  # CPU, not waiting on the services
        profile.enable()
        for i in range(args.notes):
            api(i, photos["flat"])
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    if args.background:
        from django.conf import settings

        settings.CROSSNOTE_TASKS_INLINE = True  # what they queue in turn runs inline, counted
        notes = sum(1 for task, _a, _k in queued if task.name.endswith("make_note_variants"))
        spent_by: dict[str, float] = defaultdict(float)
        for task, task_args, task_kwargs in list(queued):
            started = time.thread_time()
            core_tasks.run_now(task, *task_args, **task_kwargs)
            spent_by[task.name] += time.thread_time() - started
        for name, seconds in sorted(spent_by.items(), key=lambda item: -item[1]):
            print(f"background {name}: {1000 * seconds / max(notes, 1):.1f} ms CPU per note")
    print(f"load average at the end {os.getloadavg()[0]:.1f}; data {args.data_dir}")


def over_http(args) -> None:
    """The --http mode (see the module's docstring)."""
    import sqlite3
    import tempfile

    from bench import feeds_load as load

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    env = {
        **os.environ,
        "CROSSNOTE_BENCH_HELLO": "1",
        "CROSSNOTE_RATE_LIMITS_ENABLED": "0",
        "CROSSNOTE_SCHEDULER": "0",  # as bench/feeds_load.py: no periodic jobs in the measure
        "PYTHONPATH": str(HERE.parent),
    }
    env.update(load.prepare(readers=50, notes=100, workdir=Path(tempfile.mkdtemp())))
    database = sqlite3.connect(f"file:{args.data_dir}/crossnote.sqlite3?mode=ro", uri=True)

    def waiting() -> int:
        return database.execute("SELECT count(*) FROM notes_note WHERE NOT media_ready").fetchone()[
            0
        ]

    def notes() -> int:
        return database.execute("SELECT count(*) FROM notes_note").fetchone()[0]

    port = args.port or load.free_port()
    if args.serve_args:  # e.g. --no-background-process: start_server's command plus these
        original = load.subprocess.Popen

        def popen(command, **kwargs):
            if command[1:2] == ["serve"]:
                command = [*command, *args.serve_args.split()]
            return original(command, **kwargs)

        load.subprocess.Popen = popen
    server = load.start_server(port, 2, env)
    host = f"http://127.0.0.1:{port}"
    try:
        load.run_wrk("post_note", 2, 4, host, env)  # models loaded in both workers
        settle(waiting, server, load)
        before_notes, started_cpu = notes(), load.group_cpu_seconds(server.pid)
        start_load = os.getloadavg()[0]
        result = load.run_wrk("post_note", args.users, args.seconds, host, env)
        burst_end, burst_cpu = time.monotonic(), load.group_cpu_seconds(server.pid)
        posted, left = notes() - before_notes, waiting()
        seen_all = quiet = None
        while time.monotonic() - burst_end < args.drain_limit:
            if seen_all is None and not waiting():
                seen_all = time.monotonic() - burst_end
            used = load.group_cpu_seconds(server.pid)
            time.sleep(1)
            if load.group_cpu_seconds(server.pid) - used < 0.1 and seen_all is not None:
                quiet = time.monotonic() - burst_end - 1
                break
        drain_cpu = load.group_cpu_seconds(server.pid) - burst_cpu
    finally:
        load.stop_server(server)
    print(
        f"posted {posted} notes in {args.seconds} s from {args.users} connections: "
        f"{result['rps']:.1f} notes/s acknowledged, p50 {result['p50']:.0f} ms, "
        f"p99 {result['p99']:.0f} ms, errors {result['errors']} {' '.join(result['why'])}"
    )
    print(
        f"at the burst's end {left} notes waited for their variants; readers saw every note "
        f"{seen_all if seen_all is None else round(seen_all, 1)} s later; the server was quiet "
        f"{quiet if quiet is None else round(quiet, 1)} s later"
    )
    print(
        f"server CPU: {burst_cpu - started_cpu:.1f} s in the burst "
        f"({1000 * (burst_cpu - started_cpu) / max(posted, 1):.0f} ms a note), "
        f"{drain_cpu:.1f} s after it ({1000 * drain_cpu / max(posted, 1):.0f} ms a note)"
    )
    print(f"load average at start {start_load:.1f}, at the end {os.getloadavg()[0]:.1f}")


def settle(waiting, server, load) -> None:
    """Wait until the warm-up's notes are all seen and the server is quiet (at most 5 min)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        used = load.group_cpu_seconds(server.pid)
        time.sleep(1)
        if not waiting() and load.group_cpu_seconds(server.pid) - used < 0.1:
            return


if __name__ == "__main__":
    main()
