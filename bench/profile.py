"""Where a request's time goes: a py-spy profile of `crossnote serve` under load, per endpoint.

    .venv/bin/python bench/profile.py --data-dir /work/bench-data/world-1m
    .venv/bin/python bench/profile.py --endpoints explore_api --seconds 20 --interface asgi

Starts `crossnote serve` once on the world's data folder (as bench/serve.py does: /bench/hello
on, rate limits and periodic jobs off), and for each endpoint (a wrk scenario of
bench/feeds_wrk.lua) runs wrk while py-spy samples every thread of every worker process
(`py-spy record --subprocesses`, 100 samples a second). Samples of threads waiting for work (a
pool thread waiting for a request, the event loop in select, granian's Rust threads: stacks with
no Python frame) are counted apart as idle; the rest is where requests spend their time, waits
for the GIL and for SQLite included. Writes, per endpoint, into --out:

- `<endpoint>.txt`: requests/s during the profile, then the top functions by self samples (the
  frame on top of the stack: where the CPU is), by total samples (anywhere on the stack: what a
  call costs with everything under it), and self samples by package (crossnote app, Django
  part, library, standard library; "no Python frame" is granian's Rust runtime and native code);
- `<endpoint>.collapsed`: the stacks, one line each, for flamegraph.pl or speedscope.app.

py-spy reads the workers' memory from outside (ptrace): run it as the user who runs the server;
in a container that forbids ptrace it fails and says so (Docker: --cap-add SYS_PTRACE). The
numbers are samples, not time: they show shares, and sampling costs the workers a little.
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
VENV_BIN = Path(sys.executable).parent

from feeds_load import drain, prepare, run_wrk, stop_server  # noqa: E402
from serve import crossnote_command, free_port, start  # noqa: E402

ENDPOINTS = ["hello", "explore_api", "explore_api_visitor", "note_page", "explore_page"]
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def py_spy() -> str:
    found = shutil.which("py-spy") or str(VENV_BIN / "py-spy")
    if not Path(found).exists():
        sys.exit("bench/profile.py needs py-spy: `make install` (the test extra pins it)")
    return found


def record(pid: int, seconds: int, rate: int, out: Path, *, gil: bool = False) -> None:
    """py-spy on the server and its workers for `seconds`, collapsed stacks into `out`. With
    `gil`, only the thread holding the GIL is sampled (py-spy --gil)."""
    command = [py_spy(), "record", "--pid", str(pid), "--subprocesses", "--duration"]
    command += [str(seconds), "--rate", str(rate), "--format", "raw", "--output", str(out)]
    command += ["--gil"] if gil else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0 or not out.exists():
        sys.exit(
            "py-spy could not sample the server (ptrace not allowed? run as the server's "
            "user; in Docker add --cap-add SYS_PTRACE):\n" + done.stderr[-1500:]
        )


# Where a thread waits for work: the top Python frame of an idle thread's stack.
IDLE = {
    ("ThreadPool.work", "crossnote/core/server.py"),  # a serve thread waiting for a request
    ("_worker", "concurrent/futures/thread.py"),  # an executor's thread waiting for work
    ("EpollSelector.select", "selectors.py"),  # the event loop waiting for I/O
    ("Condition.wait", "threading.py"),
    ("Event.wait", "threading.py"),
    ("Thread._wait_for_tstate_lock", "threading.py"),
    ("Popen.poll", "multiprocessing/popen_fork.py"),  # granian's main process
    ("Popen.wait", "multiprocessing/popen_fork.py"),
}


def frames(stack: str) -> list[tuple[str, str]]:
    """(function, file) of each Python frame, outermost first (py-spy's process frames and
    line numbers dropped, so one function is one entry)."""
    found = []
    for frame in stack.split(";"):
        if frame.startswith("process "):
            continue
        match = FRAME.match(frame)
        if match:
            found.append((match["function"], match["file"]))
    return found


def package(file: str) -> str:
    """Where a frame's code lives: 'crossnote.feeds', 'django.db', 'pydantic', 'stdlib ...'."""
    parts = file.replace("\\", "/").split("/")
    if "site-packages" in parts:
        parts = parts[parts.index("site-packages") + 1 :]
    if parts[0] in ("crossnote", "django") and len(parts) > 2:
        return f"{parts[0]}.{parts[1]}"
    if len(parts) == 1 or parts[0].startswith(("<", "python3")):
        return f"stdlib {parts[-1].removesuffix('.py')}"
    if parts[0] in ("asyncio", "concurrent", "json", "email", "http", "importlib", "logging"):
        return f"stdlib {parts[0]}"
    return parts[0].removesuffix(".py")


def summarise(collapsed: Path, top: int) -> str:
    """The text summary of one collapsed-stacks file."""
    own, total, packages = collections.Counter(), collections.Counter(), collections.Counter()
    samples = idle = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        python = frames(stack)
        if not python or python[-1] in IDLE:
            idle += n
            continue
        samples += n
        function, file = python[-1]
        own[f"{function} ({file})"] += n
        packages[package(file)] += n
        for key in {f"{f} ({p})" for f, p in python}:
            total[key] += n
    if not samples:
        return "no samples\n"

    def table(title: str, counter: collections.Counter, limit: int) -> list[str]:
        rows = [f"{title} (of {samples} samples)"]
        rows += [
            f"{100 * n / samples:6.1f}%  {n:>6}  {name}" for name, n in counter.most_common(limit)
        ]
        return [*rows, ""]

    lines = [f"{samples} samples of busy threads ({idle} of idle ones left out)", ""]
    lines += table("self: the function on top of the stack", own, top)
    lines += table("total: the function anywhere on the stack", total, top)
    lines += table("self by package", packages, 25)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/work/bench-data/world-1m")
    parser.add_argument("--endpoints", default=",".join(ENDPOINTS), help="wrk scenarios")
    parser.add_argument("--interface", default="rsgi", help="crossnote serve --interface")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=15, help="profiled load per endpoint")
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second")
    parser.add_argument(
        "--gil",
        action="store_true",
        help="sample only the thread holding the GIL (py-spy --gil; it favours the event loop)",
    )
    parser.add_argument("--top", type=int, default=40, help="functions listed per table")
    parser.add_argument("--port", type=int, default=8000, help="first port to try")
    parser.add_argument("--out", default=None, help="folder for the profiles (default: new)")
    parser.add_argument(
        "--notes",
        type=int,
        default=100,
        help="how many of the newest public notes the note-page and like endpoints pick from "
        "(100: pages kept after the first; bench/feeds_load.py's rows use 5000: mostly made)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/profile.py needs wrk (Debian package `wrk`)")
    py_spy()

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    env = {
        **os.environ,
        "CROSSNOTE_BENCH_HELLO": "1",
        "CROSSNOTE_RATE_LIMITS_ENABLED": "0",
        "CROSSNOTE_SCHEDULER": "0",
        "PYTHONPATH": str(ROOT),
        # Steady state: no translation engines loading in the background while measuring.
        "CROSSNOTE_TRANSLATION_WARM_UP": "0",
    }
    out = Path(args.out or tempfile.mkdtemp(prefix="crossnote-profile-"))
    out.mkdir(parents=True, exist_ok=True)
    env.update(prepare(readers=200, notes=args.notes, workdir=out))
    port = free_port(args.port)
    host = f"http://127.0.0.1:{port}"
    command = crossnote_command(args.interface, port, args.workers, args.threads)
    server = start(command, port, env)
    load = os.getloadavg()[0]
    try:
        for endpoint in args.endpoints.split(","):
            run_wrk(endpoint, args.connections, 3, host, env)  # warm-up
            drain(host, [server])
            collapsed = out / f"{endpoint}.collapsed"
            seconds = args.seconds + 2
            result: dict = {}
            load_run = threading.Thread(  # wrk runs while py-spy samples
                target=lambda e=endpoint, s=seconds, r=result: r.update(
                    run_wrk(e, args.connections, s, host, env)
                )
            )
            load_run.start()
            time.sleep(1)
            record(server.pid, args.seconds, args.rate, collapsed, gil=args.gil)
            load_run.join()
            rps = f"{result.get('rps', float('nan')):.0f}"
            if result.get("errors"):  # a failing endpoint profiles its error path
                rps += f" ({result['errors']} errors: {', '.join(result['why'])})"
            head = (
                f"{endpoint}: {rps} req/s under py-spy (crossnote serve --interface "
                f"{args.interface}, {args.workers} workers x {args.threads} threads, "
                f"{args.connections} connections; load average {load:.1f} on "
                f"{os.cpu_count()} cores)\n\n"
            )
            summary = head + summarise(collapsed, args.top)
            (out / f"{endpoint}.txt").write_text(summary)
            print(summary[:1500])
            print(f"... {out / (endpoint + '.txt')}\n", flush=True)
    finally:
        stop_server(server)
    print(f"profiles in {out}")


if __name__ == "__main__":
    main()
