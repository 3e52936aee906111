"""Latency of the hot read paths over a demo community (in-process, SQLite by default).

    .venv/bin/python bench/reads.py [--users 60] [--notes 320] [--requests 200]

Builds the demo in a throwaway data folder (or uses DATABASE_URL's database if set and
--reuse is given), then times each path with Django's test client and prints p50/p95/max.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--notes", type=int, default=320)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="use the configured database as is")
    args = parser.parse_args()

    if not args.reuse:
        os.environ["CROSSNOTE_DATA_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-")
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note

    if not args.reuse:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("demo", users=args.users, notes=args.notes, seed=1, if_empty=False)
        print(f"demo built in {time.perf_counter() - started:.1f} s")

    reader = User.objects.order_by("-following_count").first()
    note = Note.objects.order_by("-comment_count").first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(reader)
    paths = {
        "explore page": "/",
        "explore API": "/api/v1/feeds/explore",
        "following API": "/api/v1/feeds/following",
        "note page": f"/notes/{note.pk}/",
        "comments API": f"/api/v1/notes/{note.pk}/comments",
        "profile page": f"/u/{note.author.username}/",
    }
    print(f"{'path':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, path in paths.items():
        client.get(path)  # warm caches and templates
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:<16}{statistics.median(times):>9.1f}{p95:>9.1f}{times[-1]:>9.1f}")


if __name__ == "__main__":
    main()
