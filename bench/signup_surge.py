"""A sign-up surge on loopback: N new people sign up through the real page (CSRF, Argon2, the
surge mode, rate limits) while they and others browse, against `crossnote serve`. The run fails
(exit 1) on any 5xx or failed request.

    .venv/bin/python bench/signup_surge.py --accounts 2000 --concurrency 32

Starts `crossnote serve` on a fresh data folder (migrated, a small demo community loaded) with
CROSSNOTE_TRUSTED_PROXIES=127.0.0.1, so each simulated person arrives from their own address in
X-Forwarded-For and the per-IP limits (sign-up: 25 per 5 minutes) count them one by one, as
behind a real proxy. Each virtual person: GET /signup/, POST the form, then browse — explore,
a note, the explore API, a search. Prints sign-ups/s, latency p50/p95/p99 per step, status counts;
`--json FILE` writes the same. `--mode limited --per-hour N` shows the waiting page at work
(429s counted, not failures). The short version runs in CI (tests/security/test_security_load.py).
"""

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _cli(env, *args):
    subprocess.run([sys.executable, "-m", "crossnote.cli", *args], cwd=ROOT, env=env, check=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args, data_dir: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        CROSSNOTE_DATA_DIR=str(data_dir),
        CROSSNOTE_TRUSTED_PROXIES="127.0.0.1",
        CELERY_BROKER_URL="",
        LOG_LEVEL="ERROR",
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    print(f"preparing {data_dir} (migrate, demo community) ...", flush=True)
    _cli(env, "migrate", "-v", "0")
    _cli(env, "demo", "--users", "12", "--notes", "30", "--if-empty")
    if args.mode != "open":
        _cli(env, "security", "surge", args.mode, "--per-hour", str(args.per_hour))
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "crossnote.cli", "serve", "--port", str(port)]
        + ["--workers", str(args.workers), "--threads", str(args.threads)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(f"{base}/api/v1/languages", timeout=2).ok:
                return server, base
        except requests.RequestException:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGKILL)
    sys.exit("the server did not start")


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def record(self, step: str, status: int, seconds: float):
        with self.lock:
            self.statuses[step][status] += 1
            self.latency[step].append(seconds)


def person(n: int, base: str, tally: Tally, note_ids: list[int]):
    """One new person: sign up on the page, then browse a little."""
    session = requests.Session()
    ip = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
    session.headers["X-Forwarded-For"] = ip

    def go(step, method, url, **kwargs):
        started = time.perf_counter()
        try:
            response = session.request(
                method, base + url, timeout=120, allow_redirects=False, **kwargs
            )
        except requests.RequestException as exc:
            with tally.lock:
                tally.errors.append(f"{step}: {exc}")
            return None
        tally.record(step, response.status_code, time.perf_counter() - started)
        return response

    page = go("signup_page", "GET", "/signup/")
    token = CSRF_RE.search(page.text).group(1) if page is not None and page.ok else ""
    go(
        "signup_post",
        "POST",
        "/signup/",
        data={
            "csrfmiddlewaretoken": token,
            "username": f"surge_{n}",
            "email": f"surge_{n}@example.com",
            "password": f"surge passphrase {n}",
            "accept_guidelines": "on",
            "languages": random.choice(["zh", "en"]),
        },
        headers={"Referer": base + "/signup/"},
    )
    go("explore_page", "GET", "/")
    if note_ids:
        go("note_page", "GET", f"/notes/{random.choice(note_ids)}/")
    go("explore_api", "GET", "/api/v1/feeds/explore")
    go("search_page", "GET", "/search?q=" + random.choice(["cat", "火锅", "hiking", "上海"]))


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--mode", default="open", choices=["open", "limited", "approval", "invite"])
    parser.add_argument("--per-hour", type=int, default=100_000, help="limited mode: the cap")
    parser.add_argument("--data-dir", help="default: a fresh temporary folder")
    parser.add_argument("--database-url", help="PostgreSQL instead of the embedded SQLite")
    parser.add_argument("--redis-url", help="Redis as cache and rate-limit store")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="surge-") as tmp:
        data_dir = Path(args.data_dir or tmp)
        server, base = start_server(args, data_dir)
        try:
            explore = requests.get(f"{base}/api/v1/feeds/explore", timeout=30).json()
            note_ids = [item["id"] for item in explore.get("items", [])]
            tally = Tally()
            # Warm every worker (first search loads the segmenter and the sentence encoder).
            for _ in range(args.workers * 2):
                for url in ("/search?q=cat", "/", "/signup/"):
                    requests.get(base + url, timeout=300)
            print(f"{args.accounts} sign-ups, {args.concurrency} at a time ...", flush=True)
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                futures = [
                    pool.submit(person, n, base, tally, note_ids) for n in range(args.accounts)
                ]
                for done, future in enumerate(futures, start=1):
                    future.result()
                    if done % 100 == 0:
                        rate = done / (time.perf_counter() - started)
                        print(f"  {done} people done ({rate:.1f}/s)", flush=True)
            elapsed = time.perf_counter() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    signed_up = tally.statuses["signup_post"][302]
    server_errors = sum(c for s in tally.statuses.values() for code, c in s.items() if code >= 500)
    result = {
        "accounts": args.accounts,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "mode": args.mode,
        "seconds": round(elapsed, 1),
        "signups_ok": signed_up,
        "signups_per_second": round(signed_up / elapsed, 1),
        "requests": sum(len(v) for v in tally.latency.values()),
        "server_errors": server_errors,
        "failed_requests": len(tally.errors),
        "steps": {
            step: {
                "statuses": dict(sorted(tally.statuses[step].items())),
                "p50_ms": round(statistics.median(times) * 1000),
                "p95_ms": round(percentile(times, 0.95) * 1000),
                "p99_ms": round(percentile(times, 0.99) * 1000),
            }
            for step, times in tally.latency.items()
        },
    }
    print(json.dumps(result, indent=2))
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    for error in tally.errors[:5]:
        print("error:", error)
    expected_signups = args.accounts if args.mode == "open" else 0
    if server_errors or tally.errors or (expected_signups and signed_up != expected_signups):
        print("FAILED: 5xx answers, failed requests or missing sign-ups")
        sys.exit(1)


if __name__ == "__main__":
    main()
