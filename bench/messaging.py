"""Message delivery over WebSockets: latency from send to the other socket, and throughput.

    .venv/bin/python bench/messaging.py [--connections 200] [--messages 1000] [--rate 50]
        [--seconds 15] [--workers 1] [--redis redis://127.0.0.1:6379/14]

Starts `crossnote serve` (granian, ASGI) on a free port over a throwaway data folder (file
SQLite), makes connections/2 pairs of people who follow each other, each pair with one
conversation, and opens one socket per person (all of them stay open). Then:
1. latency: `--messages` messages sent at `--rate` per second over random senders' sockets;
   each carries its send time and is timed when the other person's socket receives it (p50/p99);
2. throughput: every sender sends its next message as soon as the server acknowledges the last
   one, for `--seconds`; counts messages delivered to the other socket per second.
Without --redis the in-memory channel layer of the embedded default is used (one worker process
is then required for sockets to hear each other); with --redis, the Redis channel layer (and
Redis cache) lets --workers be more than one.
"""

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_people(pairs: int) -> list[dict]:
    """People, follows, conversations and log-in sessions in the throwaway database."""
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from crossnote.accounts.models import User
    from crossnote.messaging.services import start_conversation
    from crossnote.social.models import Follow

    store = import_module(settings.SESSION_ENGINE).SessionStore
    users = [
        User(username=f"bench{i}", email=f"bench{i}@example.com", password="!")
        for i in range(pairs * 2)
    ]
    User.objects.bulk_create(users)
    users = list(User.objects.filter(username__startswith="bench").order_by("pk"))
    follows = []
    for a, b in zip(users[::2], users[1::2], strict=True):
        follows += [Follow(follower=a, followee=b), Follow(follower=b, followee=a)]
    Follow.objects.bulk_create(follows)
    people = []
    for a, b in zip(users[::2], users[1::2], strict=True):
        conversation = start_conversation(sender=a, recipients=[b])
        for user in (a, b):
            session = store()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            people.append(
                {"user": user.username, "session": session.session_key, "conv": conversation.pk}
            )
    return people


class Socket:
    """One person's socket with a receiving thread that timestamps arriving messages."""

    def __init__(self, url, origin, person, results):
        import websocket

        self.person = person
        self.ws = websocket.create_connection(
            url, origin=origin, cookie=f"sessionid={person['session']}", timeout=30
        )
        self.results = results
        self.acks = threading.Semaphore(0)
        self.lock = threading.Lock()
        threading.Thread(target=self._receive, daemon=True).start()

    def _receive(self):
        while True:
            try:
                frame = self.ws.recv()
            except Exception:  # noqa: BLE001 - the socket closed at the end of the run
                return
            now = time.perf_counter()
            event = json.loads(frame)
            if event.get("event") == "sent":
                self.acks.release()
            elif (
                event.get("event") == "message"
                and event["message"]["sender"] != self.person["user"]
            ):
                body = event["message"]["body"]
                stamp = float(body.split("|", 2)[1])
                self.results.append((now, now - stamp))

    def send(self, text=""):
        payload = {"action": "send", "conversation": self.person["conv"]}
        payload["body"] = f"bench|{time.perf_counter():.6f}|{text}"
        with self.lock:
            self.ws.send(json.dumps(payload))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=50.0, help="messages/s in the latency run")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of the throughput run")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--redis", default="", help="use the Redis channel layer and cache")
    args = parser.parse_args()
    if args.workers > 1 and not args.redis:
        parser.error("more than one worker needs --redis (the in-memory layer is per process)")

    data = tempfile.mkdtemp(prefix="crossnote-bench-msg-")
    env = {**os.environ, "CROSSNOTE_DATA_DIR": data, "REDIS_URL": args.redis}
    env.pop("DATABASE_URL", None)
    env["CELERY_BROKER_URL"] = ""
    os.environ.update({k: v for k, v in env.items() if k in ("CROSSNOTE_DATA_DIR", "REDIS_URL")})
    os.environ.pop("DATABASE_URL", None)
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    cli = [sys.executable, "-m", "crossnote.cli"]
    subprocess.run([*cli, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    if args.redis:
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    people = make_people(args.connections // 2)

    port = free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        cwd=ROOT,
        stdout=open(os.path.join(data, "server.log"), "w"),  # noqa: SIM115 - closed at exit
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: granian's workers stop with it
    )
    print("server log:", os.path.join(data, "server.log"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)  # noqa: S310 - local server
                break
            except OSError:
                time.sleep(0.3)
        results: list = []
        sockets = [Socket(f"ws://127.0.0.1:{port}/ws/messages/", base, p, results) for p in people]
        time.sleep(1)
        senders = sockets[::2] + sockets[1::2]

        # Warm-up (language detector, dictionary, connections): one message per sender.
        for sock in senders:
            sock.send()
        deadline = time.perf_counter() + 60
        while len(results) < len(senders) and time.perf_counter() < deadline:
            time.sleep(0.05)
        results.clear()

        # 1. Latency at a steady rate.
        interval = 1 / args.rate
        start = time.perf_counter()
        for n in range(args.messages):
            random.choice(senders).send()
            delay = start + (n + 1) * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        deadline = time.perf_counter() + 15
        while len(results) < args.messages and time.perf_counter() < deadline:
            time.sleep(0.05)
        latencies = [lat for _t, lat in results]
        lost = args.messages - len(latencies)

        # 2. Throughput: each sender keeps one message in flight.
        results.clear()
        stop = time.perf_counter() + args.seconds

        def pump(sock):
            while time.perf_counter() < stop:
                sock.send()
                sock.acks.acquire(timeout=10)

        threads = [threading.Thread(target=pump, args=(s,), daemon=True) for s in sockets[::2]]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        time.sleep(1)
        elapsed = time.perf_counter() - began
        delivered = len(results)
        under_load = [lat for _t, lat in results]
    finally:
        for sock in sockets if "sockets" in locals() else []:
            sock.ws.close()
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    if not latencies or not under_load:
        sys.exit("no message reached the other socket: see the server log above")
    layer = "Redis channel layer" if args.redis else "in-memory channel layer"
    print(f"crossnote serve (granian ASGI, {args.workers} worker(s), {layer}, SQLite)")
    print(f"open sockets: {len(people)}")
    print(
        f"latency at {args.rate:g} msg/s over {len(latencies)} messages (lost {lost}): "
        f"p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
        f"mean {statistics.mean(latencies) * 1000:.1f} ms"
    )
    print(
        f"sustained: {delivered / elapsed:.0f} messages/s delivered over {elapsed:.1f} s "
        f"({len(sockets) // 2} senders, one message in flight each); latency under that load "
        f"p50 {percentile(under_load, 50):.1f} ms, p99 {percentile(under_load, 99):.1f} ms"
    )
    print("command:", " ".join(["bench/messaging.py", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
