"""Which server interface serves Crossnote fastest: granian WSGI, RSGI (crossnote.core.server:
Django's WSGI handler in threads plus Channels for /ws/, `crossnote serve`'s default) and ASGI
(Django's ASGI handler), measured side by side in one run.

    .venv/bin/python bench/serve.py --data-dir /work/bench-data/world-1m

For each round and interface it starts (1) a bare Django project on that interface
(bench/serve_bare.py: one JSON view, no middleware, no database: the framework's ceiling there)
and (2) `crossnote serve --interface X` on the world's data folder, and runs wrk against each
(bench/feeds_wrk.lua, the scenarios of bench/feeds_load.py): the bare view, /bench/hello through
Crossnote's middleware, the explore API signed in and as a visitor. Rounds interleave the
interfaces, so a change in the machine's load hits every interface alike. Prints requests/s
(median of the rounds, and the range), p99, and each figure as a share of the bare view on the
same interface and of the fastest bare view in the run (the framework ceiling). The load
generator shares the machine: say the load average (printed) with the figures.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
VENV_BIN = Path(sys.executable).parent

from feeds_load import drain, prepare, run_wrk, stop_server  # noqa: E402

INTERFACES = ["wsgi", "rsgi", "asgi"]
# (row, server, wrk scenario): the bare project answers /bench/hello like any path.
ROWS = [
    ("bare Django view", "bare", "hello"),
    ("/bench/hello (middleware)", "crossnote", "hello"),
    ("explore API, signed in", "crossnote", "explore_api"),
    ("explore API, visitor", "crossnote", "explore_api_visitor"),
]
# --baseline DIR: the same rows from another Crossnote tree (e.g. the commit before a change,
# `git archive COMMIT | tar -x -C DIR`), served from DIR with this venv, in the same rounds.
BASELINE_ROWS = [
    (f"{row} [baseline]", "baseline", scenario)
    for row, kind, scenario in ROWS
    if kind == "crossnote"
]


def free_port(first: int) -> int:
    """The first port from `first` on that nobody listens on (granian binds with SO_REUSEPORT:
    a port another server holds would silently share the load with it)."""
    for port in range(first, first + 100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"no free port from {first}")


def start(command: list[str], port: int, env: dict, cwd=ROOT) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own CLI and granian
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped whole at the end
        cwd=cwd,
    )
    url = f"http://127.0.0.1:{port}/bench/hello"
    for _attempt in range(240):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit(f"did not answer {url}: {' '.join(command)}")


def bare_command(interface: str, port: int, workers: int, threads: int) -> list[str]:
    command = [str(VENV_BIN / "granian"), "--interface", interface]
    command += [f"bench.serve_bare:{interface}", "--port", str(port), "--workers", str(workers)]
    if interface == "wsgi":
        command += ["--blocking-threads", str(threads)]
    return command + ["--no-ws", "--working-dir", str(ROOT), "--log-level", "error"]


def crossnote_command(interface: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        str(VENV_BIN / "crossnote"),
        "serve",
        "--interface",
        interface,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]


def baseline_command(interface: str, port: int, workers: int, threads: int) -> list[str]:
    """`crossnote serve` of the baseline tree (run with cwd and PYTHONPATH set to it)."""
    serve = crossnote_command(interface, port, workers, threads)
    return [sys.executable, "-m", "crossnote.cli", *serve[1:]]


def rows(args) -> list[tuple[str, str, str]]:
    chosen = ROWS + (BASELINE_ROWS if args.baseline else [])
    if args.scenarios:
        wanted = set(args.scenarios.split(","))
        chosen = [r for r in chosen if r[2] in wanted or r[1] == "bare"]
    return chosen


def measure(args, env: dict, port: int) -> dict:
    """{(row, interface): [result per round]}"""
    results: dict = {}
    kinds = ("bare", "crossnote", "baseline") if args.baseline else ("bare", "crossnote")
    baseline_env = {**env, "PYTHONPATH": str(args.baseline)} if args.baseline else env
    for round_number in range(args.rounds):
        for interface in args.interfaces.split(","):
            for server_kind in kinds:
                build = {
                    "bare": bare_command,
                    "crossnote": crossnote_command,
                    "baseline": baseline_command,
                }[server_kind]
                server = start(
                    build(interface, port, args.workers, args.threads),
                    port,
                    baseline_env if server_kind == "baseline" else env,
                    cwd=args.baseline if server_kind == "baseline" else ROOT,
                )
                host = f"http://127.0.0.1:{port}"
                try:
                    for row, kind, scenario in rows(args):
                        if kind != server_kind:
                            continue
                        run_wrk(scenario, args.connections, 3, host, env)  # warm-up
                        drain(host, [server])
                        result = run_wrk(scenario, args.connections, args.seconds, host, env)
                        results.setdefault((row, interface), []).append(result)
                        print(
                            f"  round {round_number + 1} {interface:<5} {row:<40}"
                            f"{result['rps']:>8.0f} req/s  p99 {result['p99']:.0f} ms"
                            + (f"  errors {result['errors']}" if result["errors"] else ""),
                            flush=True,
                        )
                finally:
                    stop_server(server)
    return results


def report(results: dict, interfaces: list[str], chosen: list) -> None:
    median = {key: statistics.median(r["rps"] for r in runs) for key, runs in results.items()}
    ceiling = max(median.get(("bare Django view", i), 0) for i in interfaces) or float("nan")
    print()
    print(
        f"{'row':<40}{'interface':<10}{'req/s':>8}{'range':>14}{'p99 ms':>8}"
        f"{'% bare same':>12}{'% ceiling':>10}{'errors':>7}"
    )
    for row, _kind, _scenario in chosen:
        for interface in interfaces:
            runs = results.get((row, interface))
            if not runs:
                continue
            rps = median[(row, interface)]
            low, high = min(r["rps"] for r in runs), max(r["rps"] for r in runs)
            bare = median.get(("bare Django view", interface)) or float("nan")
            p99 = statistics.median(r["p99"] for r in runs)
            errors = sum(r["errors"] for r in runs)
            print(
                f"{row:<40}{interface:<10}{rps:>8.0f}{f'{low:.0f}-{high:.0f}':>14}{p99:>8.0f}"
                f"{100 * rps / bare:>11.0f}%{100 * rps / ceiling:>9.0f}%{errors:>7}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/work/bench-data/world-1m")
    parser.add_argument("--interfaces", default=",".join(INTERFACES))
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    parser.add_argument("--seconds", type=int, default=10, help="per row and round")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="crossnote serve --threads")
    parser.add_argument("--port", type=int, default=8000, help="first port to try")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="another Crossnote tree to measure beside this one (e.g. the commit before a change)",
    )
    parser.add_argument(
        "--scenarios",
        default="",
        help="only these wrk scenarios, comma-separated (hello,explore_api,explore_api_visitor)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/serve.py needs wrk (Debian package `wrk`)")

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    env = {
        **os.environ,
        "CROSSNOTE_BENCH_HELLO": "1",
        "CROSSNOTE_RATE_LIMITS_ENABLED": "0",  # one client address sends everything
        "CROSSNOTE_SCHEDULER": "0",  # no periodic jobs inside the measured workers
        "PYTHONPATH": str(ROOT),
        # Steady state: no translation engines loading in the background while measuring.
        "CROSSNOTE_TRANSLATION_WARM_UP": "0",
    }
    start_load = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="crossnote-serve-"))
    env.update(prepare(readers=200, notes=100, workdir=workdir))
    port = free_port(args.port)
    started = time.monotonic()
    results = measure(args, env, port)
    interfaces = args.interfaces.split(",")
    report(results, interfaces, rows(args))
    end_load = os.getloadavg()
    print(
        f"\nload average (1/5/15 min) at start {start_load[0]:.1f}/{start_load[1]:.1f}/"
        f"{start_load[2]:.1f}, at the end {end_load[0]:.1f}/{end_load[1]:.1f}/{end_load[2]:.1f} "
        f"on {os.cpu_count()} cores; {time.monotonic() - started:.0f} s"
    )
    print(
        f"servers: {args.workers} workers x {args.threads} threads; load: wrk, 1 thread, "
        f"{args.connections} connections, closed loop, {args.seconds} s per row and round, "
        f"{args.rounds} rounds interleaved; data {args.data_dir}"
    )
    print("command: .venv/bin/python bench/serve.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
