"""Message delivery over WebSockets: latency from send to the other socket, and throughput.

    .venv/bin/python bench/messaging.py [--connections 200] [--messages 1000] [--rate 50]
        [--seconds 15] [--workers 1] [--via socket|http] [--redis redis://127.0.0.1:6379/14]
    .venv/bin/python bench/messaging.py --hop [--messages 1000] [--rate 50] [--redis URL]

Starts `crossnote serve` (granian, ASGI) on a free port over a throwaway data folder (file
SQLite), makes connections/2 pairs of people who follow each other, each pair with one
conversation, and opens one socket per person (all of them stay open). Then:
1. latency: `--messages` messages sent at `--rate` per second by random senders, over their
   sockets (`--via socket`) or as API posts (`--via http`: the page's form and the API take
   this path); each carries its send time and is timed when the other person's socket receives
   it (p50/p99), and the run counts how many crossed from one worker process to another;
2. throughput: every sender sends its next message as soon as the server acknowledges the last
   one, for `--seconds`; counts messages delivered to the other socket per second.
`--hop` measures the channel layer alone instead: a second Python process holds one channel in a
group and this one sends `--messages` group messages to it at `--rate` from plain synchronous
code (as a WSGI request does), each timed from send to the other process's receive.
Without --redis the embedded default's layer (crossnote.messaging.layer: Unix datagram sockets
between the worker processes) carries pushes; with --redis, the Redis channel layer and cache.
"""

import argparse
import contextlib
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
import urllib.parse
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
    from crossnote.accounts.services import create_api_token
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
            _token, secret = create_api_token(user=user, name="bench")
            people.append(
                {
                    "user": user.username,
                    "session": session.session_key,
                    "token": secret,
                    "conv": conversation.pk,
                }
            )
    return people


class Socket:
    """One person's socket with a receiving thread that timestamps arriving messages."""

    def __init__(self, url, origin, person, results, via="socket"):
        import websocket

        self.person = person
        self.via = via
        self.api = f"{origin}/api/v1/conversations/{person['conv']}/messages"
        self.pid = None  # the worker process holding this socket (workers_holding)
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
            if not frame:
                return  # closed
            now = time.perf_counter()
            event = json.loads(frame)
            if event.get("event") == "sent":
                self.acks.release()
            elif (
                event.get("event") == "message"
                and event["message"]["sender"] != self.person["user"]
            ):
                body = event["message"]["body"]
                _bench, stamp, sent_from = body.split("|", 2)
                crossed = bool(sent_from) and sent_from != str(self.pid)
                self.results.append((now, now - float(stamp), crossed))

    def send(self, text=""):
        """Send one message stamped with the time and the sending worker's pid (socket: the
        worker holding this socket; http: unknown, so not counted as crossing)."""
        if self.via == "http":
            body = f"bench|{time.perf_counter():.6f}|"
            request = urllib.request.Request(  # noqa: S310 - our own local server
                self.api,
                data=urllib.parse.urlencode({"body": body}).encode(),
                headers={
                    "Authorization": f"Bearer {self.person['token']}",
                },
            )
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
            self.acks.release()
            return
        payload = {"action": "send", "conversation": self.person["conv"]}
        payload["body"] = f"bench|{time.perf_counter():.6f}|{self.pid or ''}"
        with self.lock:
            self.ws.send(json.dumps(payload))


def workers_holding(sockets, server_port: int) -> None:
    """Set each socket's `pid`: the server process holding the other end of its connection
    (Linux: /proc/net/tcp names the connection's inode, /proc/PID/fd the process holding it)."""
    by_port = {sock.ws.sock.getsockname()[1]: sock for sock in sockets}
    inodes = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                local, remote = (
                    int(fields[1].rsplit(":", 1)[1], 16),
                    int(fields[2].rsplit(":", 1)[1], 16),
                )
                if local == server_port and remote in by_port:
                    inodes[f"socket:[{fields[9]}]"] = by_port[remote]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    sock = inodes.get(os.readlink(f"/proc/{pid}/fd/{fd}"))
                    if sock is not None:
                        sock.pid = int(pid)


HOP_RECEIVER = """
import asyncio, sys, time, django
django.setup()
from channels.layers import get_channel_layer

async def main(count):
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("bench.hop", channel)
    print("ready", flush=True)
    for _ in range(count):
        message = await layer.receive(channel)
        print(time.time() - message["sent_at"], flush=True)

asyncio.run(main(int(sys.argv[1])))
"""


def hop(args, env) -> None:
    """Layer only: sync group_send here, receive in another process (see the module's doc)."""
    from channels.layers import get_channel_layer

    receiver = subprocess.Popen(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", HOP_RECEIVER, str(args.messages)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert receiver.stdout.readline().strip() == "ready"
    layer = get_channel_layer()
    send = getattr(layer, "group_send_sync", None)
    if send is None:
        from asgiref.sync import async_to_sync

        send = async_to_sync(layer.group_send)
    start = time.perf_counter()
    for n in range(args.messages):
        send("bench.hop", {"type": "bench", "sent_at": time.time()})
        delay = start + (n + 1) / args.rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
    latencies = []
    for _ in range(args.messages):
        line = receiver.stdout.readline()
        if not line:
            break
        latencies.append(float(line))
    receiver.wait(timeout=30)
    print(f"{type(layer).__name__}: one process to another, sent from synchronous code")
    print(
        f"hop latency at {args.rate:g} msg/s over {len(latencies)} messages "
        f"(lost {args.messages - len(latencies)}): p50 {percentile(latencies, 50):.2f} ms, "
        f"p99 {percentile(latencies, 99):.2f} ms, max {max(latencies) * 1000:.2f} ms"
    )
    print("command:", " ".join(["bench/messaging.py", *sys.argv[1:]]))


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
    parser.add_argument("--via", choices=("socket", "http"), default="socket")
    parser.add_argument("--redis", default="", help="use the Redis channel layer and cache")
    parser.add_argument("--hop", action="store_true", help="time the channel layer alone")
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="crossnote-bench-msg-")
    env = {**os.environ, "CROSSNOTE_DATA_DIR": data, "REDIS_URL": args.redis}
    env.pop("DATABASE_URL", None)
    env["CELERY_BROKER_URL"] = ""
    os.environ.update({k: v for k, v in env.items() if k in ("CROSSNOTE_DATA_DIR", "REDIS_URL")})
    os.environ.pop("DATABASE_URL", None)
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    cli = [sys.executable, "-m", "crossnote.cli"]
    if args.hop:
        import django

        env["DJANGO_SETTINGS_MODULE"] = "crossnote.settings"
        django.setup()
        hop(args, env)
        return
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
        sockets = [
            Socket(f"ws://127.0.0.1:{port}/ws/messages/", base, p, results, args.via)
            for p in people
        ]
        time.sleep(1)
        workers_holding(sockets, port)
        senders = sockets[::2] + sockets[1::2]

        # Warm-up (language detector, dictionary, connections): one message per sender.
        for sock in senders:
            threading.Thread(target=sock.send, daemon=True).start()
        deadline = time.perf_counter() + 60
        while len(results) < len(senders) and time.perf_counter() < deadline:
            time.sleep(0.05)
        results.clear()

        # 1. Latency at a steady rate.
        interval = 1 / args.rate
        start = time.perf_counter()
        for n in range(args.messages):
            sender = random.choice(senders)
            if args.via == "http":  # a post waits for its answer: one thread each
                threading.Thread(target=sender.send, daemon=True).start()
            else:
                sender.send()
            delay = start + (n + 1) * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        deadline = time.perf_counter() + 15
        while len(results) < args.messages and time.perf_counter() < deadline:
            time.sleep(0.05)
        latencies = [lat for _t, lat, _crossed in results]
        crossed = sum(1 for _t, _lat, c in results if c)
        latency_results = list(results)
        pids = {sock.pid for sock in sockets}
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
        under_load = [lat for _t, lat, _crossed in results]
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
    layer = "Redis channel layer" if args.redis else "local-socket channel layer"
    print(f"crossnote serve ({args.workers} worker(s), {layer}, SQLite), sent via {args.via}")
    print(f"open sockets: {len(people)} across {len(pids - {None})} worker process(es)")
    how = (
        f"{crossed} from one worker process to another"
        if args.via == "socket"
        else "posted to whichever worker took the request"
    )
    print(
        f"latency at {args.rate:g} msg/s over {len(latencies)} messages (lost {lost}, {how}): "
        f"p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
        f"mean {statistics.mean(latencies) * 1000:.1f} ms"
    )
    if args.via == "socket" and args.workers > 1:
        for label, wanted in (("across processes", True), ("within one process", False)):
            part = [lat for _t, lat, c in latency_results if c is wanted]
            if part:
                print(
                    f"  {label}: {len(part)} messages, p50 {percentile(part, 50):.1f} ms, "
                    f"p99 {percentile(part, 99):.1f} ms"
                )
    print(
        f"sustained: {delivered / elapsed:.0f} messages/s delivered over {elapsed:.1f} s "
        f"({len(sockets) // 2} senders, one message in flight each); latency under that load "
        f"p50 {percentile(under_load, 50):.1f} ms, p99 {percentile(under_load, 99):.1f} ms"
    )
    print("command:", " ".join(["bench/messaging.py", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
