"""SQL queries per page (a report, no assertion): explore, following, note page, profile, at two
page sizes, as a visitor and signed in, over a world's data folder.

    .venv/bin/python bench/feeds_queries.py --data-dir /work/bench-data/world-1m

Each row is one request through Django's test client with a cold explore pool; the popular-notes
list is cached for a minute and shared by all readers, so it is counted once per minute, not per
page (the first row pays for it). tests/feeds/test_feeds_ranking.py asserts the explore API's
count is the same at every page size.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/work/bench-data/world-1m")
    args = parser.parse_args()
    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note

    reader = User.objects.filter(following_count__gte=20).order_by("pk").first()
    note = Note.objects.filter(visibility="public", comment_count__gt=3).order_by("-pk").first()
    signed_in = Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(reader)
    visitor = Client(HTTP_HOST="127.0.0.1")
    rows = [
        ("explore API, visitor", visitor, "/api/v1/feeds/explore?limit={n}"),
        ("explore API, signed in", signed_in, "/api/v1/feeds/explore?limit={n}"),
        ("explore page, signed in", signed_in, "/"),
        ("following API", signed_in, "/api/v1/feeds/following?limit={n}"),
        ("following page", signed_in, "/following/"),
        ("note page", signed_in, f"/notes/{note.pk}/"),
        ("note API", signed_in, f"/api/v1/notes/{note.pk}"),
        ("profile page", visitor, f"/u/{note.author.username}/"),
    ]
    for _name, client, path in rows:  # warm: templates, the popular list, per-day middleware
        client.get(path.format(n=20))
    print(f"{'page':<26}{'size 10':>9}{'size 50':>9}{'ms':>8}")
    for name, client, path in rows:
        counts = []
        for size in (10, 50):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path.format(n=size))
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            counts.append(len(queries))
        print(f"{name:<26}{counts[0]:>9}{counts[1]:>9}{elapsed:>8.1f}")
    print(f"world: {Note.objects.count():,} notes; reader follows {reader.following_count}")
    print("command: .venv/bin/python bench/feeds_queries.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
