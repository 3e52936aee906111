"""Federation: inbox activities verified and stored per second, fan-out deliveries per second to
N followers on M servers, and the time from posting a note to a remote follower's inbox.

    .venv/bin/python bench/federation.py [--activities 300] [--followers 200] [--servers 4]
        [--posts 5] [--port 8123]

Runs in one process over a throwaway data folder (file SQLite, migrated first), with this
instance as crossnote.example and the development setting that lets plain HTTP reach loopback:
1. inbox: `--activities` Create(Note) activities from a followed Mastodon-shaped actor, each signed
   with its own RSA key (draft-cavage, as Mastodon signs), through Django's full request path
   (`POST /ap/inbox` with the test client: middleware, signature check, replay check, sanitising,
   storing); activities per second;
2. fan-out: `--followers` remote followers spread over `--servers` real HTTP servers on loopback
   (ports from --port), each follower with its own inbox (no shared inbox: one delivery per
   follower), then with shared inboxes (one per server); a note's Create is signed and POSTed to
   every inbox by the delivery task, in this thread one after another; deliveries per second;
3. post to inbox: `--posts` notes posted through the service (one photo each), each timed from
   the call until the remote server has received the signed Create (photos processed inline).
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECEIVED: list[tuple[float, bytes]] = []


class Inbox(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        RECEIVED.append((time.perf_counter(), body))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def setup(data: Path) -> None:
    os.environ.update(
        CROSSNOTE_DATA_DIR=str(data),
        DJANGO_SETTINGS_MODULE="crossnote.settings",
        CROSSNOTE_FEDERATION_DOMAIN="crossnote.example",
        CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK="true",
        CROSSNOTE_TASKS_INLINE="true",
        CROSSNOTE_SCHEDULER="false",
        CROSSNOTE_TRANSLATION_BACKENDS="dictionary",
        CROSSNOTE_RATE_LIMITS_ENABLED="false",
        REDIS_URL="",
        CELERY_BROKER_URL="",
        LOG_LEVEL="ERROR",
        LOG_REQUESTS="false",
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def remote_actor(name: str, inbox: str, shared: str | None = None):
    from crossnote.federation.services import store_actor
    from crossnote.federation.signatures import new_key_pair

    private, public = new_key_pair()
    uri = f"https://{name}.example/users/{name}"
    doc = {
        "id": uri,
        "type": "Person",
        "preferredUsername": name,
        "inbox": inbox,
        "publicKey": {"id": f"{uri}#main-key", "owner": uri, "publicKeyPem": public},
        "endpoints": {"sharedInbox": shared} if shared else {},
    }
    return store_actor(doc, fetched_from=uri), private


def bench_inbox(count: int) -> float:
    from django.test import Client

    from crossnote.accounts.models import User
    from crossnote.federation.models import RemoteFollow, RemoteNote
    from crossnote.federation.signatures import sign_request

    reader = User.objects.create(username="reader", email="reader@example.com")
    actor, private = remote_actor("alice", "https://alice.example/users/alice/inbox")
    RemoteFollow.objects.create(
        user=reader, actor=actor, activity_id="https://crossnote.example/f/1", state="accepted"
    )
    client = Client()
    bodies = []
    for i in range(count):
        note = {
            "id": f"{actor.uri}/statuses/{i}",
            "type": "Note",
            "attributedTo": actor.uri,
            "content": f"<p>Hello number {i} <a href='https://ok.example'>link</a><script>x</script></p>",
            "contentMap": {"en": "..."},
            "published": "2026-12-01T10:00:00Z",
            "tag": [{"type": "Hashtag", "name": "#cats"}],
            "attachment": [
                {
                    "type": "Image",
                    "mediaType": "image/jpeg",
                    "url": "https://alice.example/m.jpg",
                    "name": "alt",
                }
            ],
        }
        activity = {
            "id": f"{note['id']}/activity",
            "type": "Create",
            "actor": actor.uri,
            "object": note,
        }
        bodies.append(json.dumps(activity).encode())
    client.get("/.well-known/nodeinfo", HTTP_HOST="crossnote.example")  # load the URLconf first
    started = time.perf_counter()
    for body in bodies:
        headers = sign_request(method="POST", url="https://crossnote.example/ap/inbox", body=body,
                               key_id=actor.key_id, private_pem=private)  # fmt: skip
        extra = {f"HTTP_{k.upper()}": v for k, v in headers.items() if k != "Host"}
        response = client.post("/ap/inbox", body, content_type="application/activity+json",
                               HTTP_HOST="crossnote.example", **extra)  # fmt: skip
        assert response.status_code == 202, response.content
    elapsed = time.perf_counter() - started
    assert RemoteNote.objects.count() == count
    return count / elapsed


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def start_servers(count: int, first_port: int) -> list[str]:
    bases = []
    for port in range(first_port, first_port + count):
        server = ThreadingHTTPServer(("127.0.0.1", port), Inbox)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        bases.append(f"http://127.0.0.1:{port}")
    return bases


def bench_fanout(followers: int, bases: list[str], shared: bool) -> tuple[int, float]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from crossnote.accounts.models import User
    from crossnote.federation import activities, tasks
    from crossnote.federation.models import RemoteActor, RemoteFollower
    from crossnote.notes.services import create_note

    author = User.objects.create(
        username=f"author_{int(shared)}", email=f"a{int(shared)}@example.com"
    )
    RemoteActor.objects.filter(username__startswith="f").delete()
    for i in range(followers):
        base = bases[i % len(bases)]
        actor, _key = remote_actor(
            f"f{i}", f"{base}/users/f{i}/inbox", f"{base}/inbox" if shared else None
        )
        RemoteFollower.objects.create(actor=actor, user=author, activity_id=f"{actor.uri}#follow")
    from django.conf import settings

    settings.CROSSNOTE_FEDERATION_DOMAIN = (
        ""  # post without federating; then time the fan-out alone
    )
    note = create_note(
        author=author, title="Fan-out", images=[SimpleUploadedFile("p.jpg", jpeg(), "image/jpeg")]
    )
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    activity = activities.create_note(note)
    RECEIVED.clear()
    started = time.perf_counter()
    sent = tasks.deliver_to_followers(author.pk, activity)
    elapsed = time.perf_counter() - started
    assert len(RECEIVED) == sent, (len(RECEIVED), sent)
    return sent, sent / elapsed


def bench_post_to_inbox(posts: int, base: str) -> list[float]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from crossnote.accounts.models import User
    from crossnote.federation.models import RemoteFollower
    from crossnote.notes.services import create_note

    author = User.objects.create(username="poster", email="poster@example.com")
    actor, _key = remote_actor("watcher", f"{base}/users/watcher/inbox")
    RemoteFollower.objects.create(actor=actor, user=author, activity_id=f"{actor.uri}#follow")
    image = jpeg()
    times = []
    for i in range(posts):
        RECEIVED.clear()
        started = time.perf_counter()
        with transaction.atomic():  # on commit: variants, then the Create is delivered
            create_note(
                author=author,
                title=f"Post {i}",
                images=[SimpleUploadedFile("p.jpg", image, "image/jpeg")],
            )
        deadline = time.monotonic() + 30
        while not RECEIVED and time.monotonic() < deadline:
            time.sleep(0.001)
        assert RECEIVED, "the Create never arrived"
        assert json.loads(RECEIVED[0][1])["type"] == "Create"
        times.append((RECEIVED[0][0] - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--followers", type=int, default=200)
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--posts", type=int, default=5)
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crossnote-federation-bench-") as folder:
        setup(Path(folder))
        rate = bench_inbox(args.activities)
        print(
            f"inbox: {args.activities} signed Create(Note) verified and stored: {rate:.0f} activities/s"
        )
        bases = start_servers(args.servers, args.port)
        sent, per_second = bench_fanout(args.followers, bases, shared=False)
        print(
            f"fan-out: {args.followers} followers on {args.servers} servers, own inboxes: {sent} deliveries, {per_second:.0f} deliveries/s"
        )
        sent, per_second = bench_fanout(args.followers, bases, shared=True)
        print(
            f"fan-out: {args.followers} followers on {args.servers} servers, shared inboxes: {sent} deliveries, {per_second:.0f} deliveries/s"
        )
        times = bench_post_to_inbox(args.posts, bases[0])
        print(
            f"post to remote inbox ({args.posts} posts, one photo each, inline): median {statistics.median(times):.0f} ms, max {max(times):.0f} ms"
        )


if __name__ == "__main__":
    main()
