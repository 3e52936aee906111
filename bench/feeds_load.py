"""HTTP load on `crossnote serve` over the synthetic world: feeds, note page, posting, liking, and
a bare Django view on the same server as the ceiling every figure is divided by.

    .venv/bin/python bench/feeds_load.py --data-dir /work/bench-data/world-1m

Starts `crossnote serve` (whatever interface it uses: granian ASGI at the time of writing) on the
world's data folder with CROSSNOTE_BENCH_HELLO=1 (the /bench/hello view) and rate limits off
(CROSSNOTE_RATE_LIMITS_ENABLED=0: one client address sends everything), then runs the load
generator once per scenario and number of users (connections), closed loop without think time:
wrk (bench/feeds_wrk.lua; Debian package `wrk`) by default where it is installed, else locust
headless (bench/feeds_locust.py; `--tool locust`). Prints requests/s, p50/p95/p99 latency and
errors, each throughput as a share of the hello view's at the same concurrency, and the server's
own CPU per answer ("CPU ms": its processes' CPU time during the row over the answers given, a
figure that holds when other work shares the machine, where req/s does not). The load
generator runs on the same machine and takes CPU from the server: wrk (C, one thread) far less
than locust (Python), so on a 2-core machine locust's figures, the ceiling included, are lower.
Writes (post a note, like) change the world: use a copy you can throw away.
"""

import argparse
import contextlib
import csv
import io
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
SCENARIOS = [
    "hello",
    "explore_api",
    "explore_api_visitor",
    "explore_page",
    "following_api",
    "note_page",
    "like",
    "post_note",
]


def prepare(readers: int, notes: int, workdir: Path) -> dict:
    """Sessions for `readers` world people, ids of public notes, a photo to post."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from PIL import Image

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note

    rng = random.Random(1)
    ids = list(User.objects.filter(following_count__gt=0).values_list("pk", flat=True)[:20_000])
    people = User.objects.filter(pk__in=rng.sample(ids, min(readers, len(ids))))
    lines = []
    for person in people:
        store = SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store.create()
        lines.append(f"{store.session_key} {secrets.token_hex(16)}")
    sessions = workdir / "sessions.txt"
    sessions.write_text("\n".join(lines))
    top = Note.objects.filter(visibility="public", moderation="visible").order_by("-pk")
    note_ids = list(top.values_list("pk", flat=True)[: notes * 10])
    note_ids = rng.sample(note_ids, min(notes, len(note_ids)))
    photo = workdir / "photo.jpg"
    out = io.BytesIO()
    Image.new("RGB", (1080, 1440), (200, 120, 90)).save(out, format="JPEG", quality=85)
    photo.write_bytes(out.getvalue())
    return {
        "BENCH_SESSIONS": str(sessions),
        "BENCH_NOTE_IDS": ",".join(map(str, note_ids)),
        "BENCH_IMAGE": str(photo),
    }


def free_port() -> int:
    """A port nobody listens on (granian binds with SO_REUSEPORT: a port another server holds
    would silently share the load with it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: int, env: dict) -> subprocess.Popen:
    command = [str(VENV_BIN / "crossnote"), "serve", "--port", str(port), "--workers", str(workers)]
    if os.environ.get("BENCH_THREADS"):
        command += ["--threads", os.environ["BENCH_THREADS"]]
    server = subprocess.Popen(  # noqa: S603 - our own CLI
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped whole at the end
    )
    url = f"http://127.0.0.1:{port}/bench/hello"
    for _attempt in range(120):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit("crossnote serve did not answer /bench/hello")


def measure_bare(
    port: int, workers: int, users: int, seconds: int, env: dict, query: bool = False
) -> dict:
    """The framework's ceiling in this run: a bare Django view (bench/serve_bare.py: no
    middleware, no database) on the same interface as `crossnote serve` (RSGI bridge).
    `query`: the same view asking DATABASE_URL's database `SELECT 1` first (one round trip
    through the same pool): the ceiling of a row that goes to a database server."""
    env = {**env, "BENCH_BARE_QUERY": "1" if query else "0"}
    command = [str(VENV_BIN / "granian"), "--interface", "rsgi", "bench.serve_bare:rsgi"]
    command += ["--port", str(port), "--workers", str(workers), "--no-ws"]
    command += ["--working-dir", str(ROOT), "--log-level", "error"]
    server = subprocess.Popen(  # noqa: S603 - granian from this venv
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=ROOT,
    )
    host = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            try:
                with urllib.request.urlopen(f"{host}/bench/hello", timeout=2):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.5)
        run_wrk("hello", users, 3, host, env)  # warm-up
        return run_wrk("hello", users, seconds, host, env)
    finally:
        stop_server(server)


def start_worker(env: dict) -> subprocess.Popen | None:
    """With a broker configured (CELERY_BROKER_URL, or REDIS_URL), background work (indexing,
    fan-out into timelines, notifications' side effects) goes to Celery: run one worker beside
    the server, as a scaled-out deployment does, so written notes reach followers' timelines."""
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        return None
    command = [str(VENV_BIN / "crossnote"), "worker", "--concurrency", "1", "--loglevel", "error"]
    return subprocess.Popen(  # noqa: S603 - our own CLI
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop_server(server: subprocess.Popen) -> None:
    """Stop the server and its worker processes (granian's workers share its process group)."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)
    except ProcessLookupError:
        pass


def warm_up(host: str, env: dict, tool: str, readers: int = 4) -> None:
    """Load every model (language detector, classifier, embeddings) in both workers before
    measuring: a worker's first note takes seconds, which is start-up, not throughput. The
    writes go first and the reads after them, as many readers as the rows have (`readers`):
    every reader measured then has a ranked explore pool made after the warm-up's notes (a
    reader who posted is ranked at once on their next page, and every head went stale), so
    the rows measure readers coming back, not the first seconds of a cold server."""
    for scenario in ("post_note", "like", "explore_api", "explore_page", "note_page"):
        if tool == "wrk":
            users = 4 if scenario in ("post_note", "like") else max(4, readers)
            run_wrk(scenario, users, 8, host, env)
            continue
        subprocess.run(  # noqa: S603 - our own tools
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "feeds_locust.py"),
                "--headless",
                "--users",
                "4",
                "--spawn-rate",
                "4",
                "--run-time",
                "8s",
                "--host",
                host,
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            env={**env, "BENCH_SCENARIO": scenario},
            capture_output=True,
            check=False,
        )


def group_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by every process in a process group (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after "(comm)": state, ppid, pgrp, …
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def drain(host: str, servers: list[subprocess.Popen]) -> None:
    """Wait until the server (and worker) have finished what the last run left behind: requests
    already sent when the load generator stopped, and the background work of written notes
    (indexing, embeddings: threads on the embedded default, the worker at scale). The next run
    must not pay for the previous one: wait until they use under a tenth of a core."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        before = sum(group_cpu_seconds(s.pid) for s in servers)
        time.sleep(1)
        if sum(group_cpu_seconds(s.pid) for s in servers) - before < 0.1:
            break
    with contextlib.suppress(OSError):
        with urllib.request.urlopen(f"{host}/bench/hello", timeout=30):  # noqa: S310
            pass


def run_locust(scenario: str, users: int, seconds: int, host: str, env: dict, workdir: Path):
    prefix = workdir / f"{scenario}-{users}"
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "feeds_locust.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "ERROR",
    ]
    done = subprocess.run(  # noqa: S603 - our own tools
        command, env={**env, "BENCH_SCENARIO": scenario}, capture_output=True, check=False
    )
    if not Path(f"{prefix}_stats.csv").exists():
        sys.exit(f"locust failed for {scenario}:\n{done.stderr.decode()[-2000:]}")
    with open(f"{prefix}_stats.csv") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    failures = Path(f"{prefix}_failures.csv")
    errors = failures.read_text().strip().splitlines()[1:3] if failures.exists() else []

    def number(key):
        try:
            return float(row[key])
        except ValueError:  # "N/A": no request finished in the run
            return float("nan")

    return {
        "rps": number("Requests/s"),
        "p50": number("50%"),
        "p95": number("95%"),
        "p99": number("99%"),
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "why": errors,
    }


def run_wrk(scenario: str, users: int, seconds: int, host: str, env: dict) -> dict:
    """One wrk run: one thread, `users` connections, its latency percentiles and errors (wrk
    counts every answer outside 2xx/3xx as a status error)."""
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(users),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "30s",
        "--script",
        str(ROOT / "bench" / "feeds_wrk.lua"),
        host,
    ]
    done = subprocess.run(  # noqa: S603 - a benchmark tool on our own server
        command,
        env={**env, "BENCH_SCENARIO": scenario, "BENCH_USERS": str(users)},
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        sys.exit(f"wrk failed for {scenario}:\n{(done.stdout + done.stderr)[-2000:]}")
    fields = dict(part.split("=") for part in line.split()[1:])
    errors = {k: int(fields[k]) for k in ("connect", "read", "write", "status", "timeout")}
    return {
        "rps": float(fields["rps"]),
        "p50": float(fields["p50"]),
        "p95": float(fields["p95"]),
        "p99": float(fields["p99"]),
        "requests": int(fields["requests"]),
        "errors": sum(errors.values()),
        "why": [f"{k}: {v}" for k, v in errors.items() if v],
    }


# Every action a scenario counts, its limits raised by --rate-limits.
RAISED_LIMITS = ("post", "comment", "like", "follow", "translate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/work/bench-data/world-1m")
    parser.add_argument("--users", default="50,200", help="concurrent users, comma-separated")
    parser.add_argument("--seconds", type=int, default=20, help="per scenario and user count")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--workers", type=int, default=2, help="crossnote serve --workers")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--tool",
        choices=["wrk", "locust"],
        default="wrk" if shutil.which("wrk") else "locust",
        help="load generator (default: wrk where installed)",
    )
    parser.add_argument(
        "--no-ceiling",
        action="store_true",
        help="skip the bare Django view (bench/serve_bare.py) measured before and after the rows",
    )
    parser.add_argument(
        "--rate-limits",
        action="store_true",
        help="count every request against the rate limits as a real server does, with rates "
        "raised so that none is refused (default: limits off: one address sends everything)",
    )
    parser.add_argument(
        "--notes",
        type=int,
        default=5000,
        help="how many of the newest public notes the note-page and like rows pick from, "
        "uniformly (default 5000: mostly pages no process has made yet; a small number is an "
        "influx reading the same trending notes)",
    )
    args = parser.parse_args()

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    env = {
        **os.environ,
        "CROSSNOTE_BENCH_HELLO": "1",
        "CROSSNOTE_RATE_LIMITS_ENABLED": "1" if args.rate_limits else "0",
        # No periodic jobs inside the measured web workers: on a freshly made world the first
        # insights rollup catches up on every past day (minutes of CPU), which measured the
        # rollup, not the feeds. At scale they run in `crossnote beat`'s worker anyway.
        "CROSSNOTE_SCHEDULER": "0",
        "PYTHONPATH": str(ROOT),
    }
    if args.rate_limits:
        env["CROSSNOTE_RATE_LIMITS"] = ",".join(
            f"{action}.{scope}=100000000/h" for action in RAISED_LIMITS for scope in ("user", "ip")
        )
    start_load = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="crossnote-load-"))
    env.update(prepare(readers=200, notes=args.notes, workdir=workdir))
    port = args.port or free_port()
    user_counts = [int(u) for u in args.users.split(",")]
    ceiling: dict[int, list[float]] = {}
    # On a database server, also the bare view with one round trip to it (serve_bare.py).
    queried: dict[int, list[float]] = {}
    with_query = bool(os.environ.get("DATABASE_URL"))

    def measure_ceilings(when: str) -> None:
        for users in user_counts:
            bare = measure_bare(port, args.workers, users, args.seconds, env)
            ceiling.setdefault(users, []).append(bare["rps"])
            print(f"  bare Django view @ {users}: {bare['rps']:.0f} req/s ({when} the rows)")
            if with_query:
                bare = measure_bare(port, args.workers, users, args.seconds, env, query=True)
                queried.setdefault(users, []).append(bare["rps"])
                print(f"  bare view + SELECT 1 @ {users}: {bare['rps']:.0f} req/s ({when})")

    if not args.no_ceiling and args.tool == "wrk":
        measure_ceilings("before")
    server = start_server(port, args.workers, env)
    worker = start_worker(env)
    host = f"http://127.0.0.1:{port}"
    warm_up(host, env, args.tool, readers=max(user_counts))
    servers = [server] + ([worker] if worker is not None else [])
    results = {}
    try:
        for users in user_counts:
            for scenario in args.scenarios.split(","):
                drain(host, servers)
                cpu = sum(group_cpu_seconds(s.pid) for s in servers)
                if args.tool == "wrk":
                    results[(scenario, users)] = run_wrk(scenario, users, args.seconds, host, env)
                else:
                    results[(scenario, users)] = run_locust(
                        scenario, users, args.seconds, host, env, workdir
                    )
                r = results[(scenario, users)]
                # The server's own CPU per answer (its processes, threads and background work
                # during the run): unlike req/s it holds when other work shares the machine.
                cpu = sum(group_cpu_seconds(s.pid) for s in servers) - cpu
                r["cpu_ms"] = 1000 * cpu / r["requests"] if r.get("requests") else 0.0
                print(
                    f"  {scenario} @ {users}: {r['rps']:.0f} req/s, p99 {r['p99']:.0f} ms, "
                    f"server CPU {r['cpu_ms']:.2f} ms per request"
                )
    finally:
        stop_server(server)
        if worker is not None:
            stop_server(worker)
    if ceiling:
        measure_ceilings("after")
    print()
    print(
        f"{'scenario':<22}{'users':>6}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'errors':>8}{'% hello':>9}{'% bare':>8}{'CPU ms':>8}"
    )
    for users, runs in ceiling.items():
        print(
            f"{'bare Django view':<22}{users:>6}{sum(runs) / len(runs):>9.0f}{'':>41}{'100.0':>8}"
        )
        if queried.get(users):
            share = 100 * sum(queried[users]) / len(queried[users]) / (sum(runs) / len(runs))
            print(
                f"{'bare view + SELECT 1':<22}{users:>6}"
                f"{sum(queried[users]) / len(queried[users]):>9.0f}{'':>41}{share:>8.1f}"
            )
    for (scenario, users), r in results.items():
        hello = results.get(("hello", users), {}).get("rps") or 0
        share = f"{100 * r['rps'] / hello:.1f}" if hello else "-"
        bare = sum(ceiling[users]) / len(ceiling[users]) if ceiling.get(users) else 0
        of_bare = f"{100 * r['rps'] / bare:.1f}" if bare else "-"
        print(
            f"{scenario:<22}{users:>6}{r['rps']:>9.0f}{r['p50']:>8.0f}{r['p95']:>8.0f}"
            f"{r['p99']:>8.0f}{r['errors']:>8}{share:>9}{of_bare:>8}{r['cpu_ms']:>8.2f}"
        )
        for why in r["why"]:
            print(f"{'':<28}{why[:100]}")
    cores = os.cpu_count()
    from django.db import connection

    engine = (
        "SQLite WAL synchronous=NORMAL"
        if connection.vendor == "sqlite"
        else f"{connection.vendor} ({connection.settings_dict['NAME']})"
    )
    if os.environ.get("REDIS_URL"):
        engine += ", Redis cache and timelines"
    if worker is not None:
        engine += ", one `crossnote worker` (concurrency 1) beside it"
    print(
        f"load average (1 min) at start {start_load:.1f}, at the end {os.getloadavg()[0]:.1f}: "
        "other work on the machine takes CPU from the server and from the load generator"
    )
    print(
        f"\nserver: crossnote serve --workers {args.workers} (granian; see crossnote/cli.py), "
        f"{engine}, data {args.data_dir}; load: {args.tool} on the same "
        f"{cores}-core machine, closed loop, {args.seconds} s per row"
    )
    print("command: .venv/bin/python bench/feeds_load.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
