"""Latency of the hot read paths, in-process through Django's test client (no network).

    .venv/bin/python bench/reads.py [--users 60] [--notes 320] [--requests 200]
    .venv/bin/python bench/reads.py --data-dir /work/bench-data/world-1m --requests 200

Builds the demo in a throwaway data folder (or reads a world made by bench/generate.py with
--data-dir, or DATABASE_URL's database as is with --reuse), then times each path with Django's
test client and prints p50/p95/max and the SQL queries one request makes. Signed-in paths run
with the browser session; "explore API token" with a personal access token (Bearer).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--notes", type=int, default=320)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="use the configured database as is")
    parser.add_argument("--data-dir", default="", help="a world's data folder (bench/generate.py)")
    parser.add_argument("--paths", default="", help="comma-separated names to time (default all)")
    parser.add_argument(
        "--spread",
        type=int,
        default=1,
        help="note page, note and comments API: rotate over this many public notes (most comments first)",
    )
    parser.add_argument("--query", default="hotpot", help="what the search rows search for")
    args = parser.parse_args()

    if args.data_dir:
        os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
        os.environ.pop("DATABASE_URL", None)
    elif not args.reuse:
        os.environ["CROSSNOTE_DATA_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-")
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    import logging

    logging.getLogger("crossnote.request").setLevel(logging.WARNING)  # one line per request
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from crossnote.accounts.models import User
    from crossnote.accounts.services import create_api_token
    from crossnote.notes.models import Note

    if not args.reuse and not args.data_dir:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("demo", users=args.users, notes=args.notes, seed=1, if_empty=False)
        print(f"demo built in {time.perf_counter() - started:.1f} s")

    if args.data_dir:  # a world: a typical reader, not the one who follows everyone
        reader = User.objects.filter(following_count__gte=20).order_by("pk").first()
    else:
        reader = User.objects.order_by("-following_count").first()
    notes = list(
        Note.objects.filter(visibility="public", moderation="visible").order_by("-comment_count")[
            : max(args.spread, 1)
        ]
    )
    note = notes[0]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader)
    token = reader.api_tokens.filter(name="bench/reads.py").first()
    if token is not None:
        token.delete()
    _token, secret = create_api_token(user=reader, name="bench/reads.py")
    bearer = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
    visitor = Client(HTTP_HOST="127.0.0.1")
    paths = {
        "explore page": (client, "/"),
        "explore API": (client, "/api/v1/feeds/explore"),
        "explore API token": (bearer, "/api/v1/feeds/explore"),
        "explore API visitor": (visitor, "/api/v1/feeds/explore"),
        "following API": (client, "/api/v1/feeds/following"),
        "note page": (client, [f"/notes/{n.pk}/" for n in notes]),
        "note API": (client, [f"/api/v1/notes/{n.pk}" for n in notes]),
        "comments API": (client, [f"/api/v1/notes/{n.pk}/comments" for n in notes]),
        "profile page": (client, f"/u/{note.author.username}/"),
        "profile API": (client, f"/api/v1/users/{note.author.username}/notes"),
        "search API": (client, f"/api/v1/search?q={quote(args.query)}"),
        "search page": (client, f"/search?q={quote(args.query)}"),
    }
    wanted = [p.strip() for p in args.paths.split(",") if p.strip()]
    conn_max_age = settings.DATABASES["default"].get("CONN_MAX_AGE", 0)
    print(f"{Note.objects.count():,} notes; CONN_MAX_AGE={conn_max_age}")
    print(f"{'path':<22}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'CPU ms':>9}{'queries':>9}")
    for name, (who, rotation) in paths.items():
        if wanted and name not in wanted:
            continue
        rotation = rotation if isinstance(rotation, list) else [rotation]
        for path in rotation:
            who.get(path)  # warm caches and templates
        path = rotation[0]
        reset_queries()  # the test client's request_started clears the log: count from 0
        with CaptureQueriesContext(connection) as queries:
            who.get(path)
        count = len(queries)  # read now: the log is cleared by the next request
        times, cpu = [], []
        for i in range(args.requests):
            path = rotation[i % len(rotation)]
            started, started_cpu = time.perf_counter(), time.process_time()
            response = who.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"{name:<22}{statistics.median(times):>9.2f}{p95:>9.2f}{times[-1]:>9.1f}"
            f"{statistics.median(cpu):>9.2f}{count:>9}"
        )
    print("command: .venv/bin/python bench/reads.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
