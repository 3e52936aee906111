"""Insights: rollup time for one day of a big world, and the insights page's render time.

    .venv/bin/python bench/insights.py --world /work/bench-data/world-1m      # a copy of it
    .venv/bin/python bench/insights.py --users 5000                           # a fresh world

--world takes a data folder made by bench/generate.py (50,000 people make 1,000,000 notes) and
works on a copy (--work-dir), so the original stays as it was; --users builds a fresh world
(crossnote.demo.world) in --work-dir. Then it rolls up one busy day (cold: including the 7 days of
activity records its WAU needs; then warm: the same day again), the 12 weeks the page shows, and
times the operator's insights page (and one chart's CSV) in-process through Django's test client.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", help="a data folder holding a world (copied first)")
    parser.add_argument("--users", type=int, default=5000, help="else: build a world of N people")
    parser.add_argument("--work-dir", default="/tmp/crossnote-bench-insights", help="made fresh")
    parser.add_argument("--requests", type=int, default=10, help="page renders to time")
    args = parser.parse_args()

    work = Path(args.work_dir)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if args.world:
        started = time.perf_counter()
        shutil.copy2(Path(args.world) / "crossnote.sqlite3", work / "crossnote.sqlite3")
        print(f"copied {args.world} in {time.perf_counter() - started:.1f} s")
    os.environ["CROSSNOTE_DATA_DIR"] = str(work)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    os.environ["CROSSNOTE_SCHEDULER"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count, Max
    from django.db.models.functions import TruncDate
    from django.test import Client

    from crossnote.accounts.models import User
    from crossnote.insights import rollups
    from crossnote.notes.models import Note

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not args.world:
        from crossnote.demo.world import build_world

        build_world(users=args.users, seed=3)
    notes = Note.objects.count()
    busiest = (
        Note.objects.annotate(d=TruncDate("created_at"))
        .values("d")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("d", "n")
        .first()
    )
    last = Note.objects.aggregate(m=Max("created_at"))["m"].date()
    day, day_notes = busiest
    print(
        f"world: {notes:,} notes, {User.objects.count():,} people; busiest day {day} ({day_notes:,} notes)"
    )

    cold, rows = timed(rollups.rollup_days, start=day, end=day)
    print(
        f"rollup of one day, cold: {cold:.2f} s (records the activity of the 7 days its WAU needs)"
    )
    weeks, _ = timed(rollups.rollup_days, start=last - timedelta(days=83), end=last)
    print(f"rollup of 12 weeks (84 days): {weeks:.1f} s")
    warm, _ = timed(rollups.rollup_days, start=day, end=day)
    only, _ = timed(rollups.compute_day, day)
    print(
        f"rollup of one day, incremental (days before it rolled up): {warm:.2f} s; "
        f"counting alone {only:.2f} s ({rows} figures)"
    )
    operator = User.objects.create(
        username="bench_operator", email="bench@example.com", is_staff=True
    )
    client = Client()
    client.force_login(operator)
    query = f"from={last - timedelta(days=83)}&to={last}"
    samples = []
    for _ in range(args.requests):
        took, response = timed(client.get, f"/insights/?{query}")
        assert response.status_code == 200, response.status_code
        samples.append(took)
    csv_took, response = timed(client.get, f"/insights/charts/cross_border.csv?{query}")
    assert response.status_code == 200
    print(
        f"insights page (12 weeks, 12 charts, cohorts, waves): p50 {statistics.median(samples) * 1000:.0f} ms, "
        f"max {max(samples) * 1000:.0f} ms over {len(samples)} renders; one CSV {csv_took * 1000:.0f} ms"
    )
    print(
        f"machine: {os.cpu_count()} CPU cores, {platform.python_implementation()} {platform.python_version()}; database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
    print("command: .venv/bin/python bench/insights.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
