"""CPU of ranking one reader's explore pool (crossnote.feeds.ranking.build_first_pool), in-process.

    .venv/bin/python bench/ranking_build.py --data-dir /work/bench-data/world-100k --readers 100
    .venv/bin/python bench/ranking_build.py --data-dir DIR --readers 100 --profile 25

Picks `--readers` signed-in readers of a world made by bench/generate.py (every k-th active
person by id, so runs compare), ranks each one's pool once as the background refresh does, and
prints the median and p90 thread CPU and wall per build and where the CPU went by phase:
candidate ids (recent, popular, picked topics, network), the facts query (visibility, counts),
the cross-language count, scoring and ranking, diversity, and keeping the pool (pickling and
the cache write). The shared parts (the popular list, anything kept per freshness mark) are made
by a warm-up build first, as on a live server where many readers share them.
`--profile N` adds cProfile's top N functions by own time over all builds. `--dump FILE --as-of
ISO` writes each reader's pool ranked at that moment (one JSON line each) and times nothing: run
two trees with the same moment and compare the files to check a change ranks the same.
"""

import os
import sys
from pathlib import Path

# This folder holds bench/profile.py, which would shadow the standard library's (cProfile uses it).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import cProfile  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

PHASES = (
    ("recent_ids", "ids: recent"),
    ("shared_recent_ids", "ids: recent"),
    ("popular_ids", "ids: popular"),
    ("picked_topics", "ids: picked topics"),
    ("topic_note_ids", "ids: topic notes"),
    ("network_note_ids", "ids: network"),
    ("cross_language_counts", "cross-language count"),
    ("rank", "score + rank"),
    ("diversify", "diversify"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, help="a world's data folder")
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1, help="builds per reader")
    parser.add_argument("--profile", type=int, default=0, help="cProfile's top N functions")
    parser.add_argument("--dump", default="", help="write the readers' pools here (JSON lines)")
    parser.add_argument("--as-of", default="", help="with --dump: the pools' moment (ISO 8601)")
    args = parser.parse_args()

    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    os.environ["CROSSNOTE_TASKS_INLINE"] = "1"
    import django

    django.setup()
    from crossnote.accounts.models import User
    from crossnote.feeds import ranking

    active = list(User.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
    step = max(len(active) // args.readers, 1)
    readers = list(User.objects.filter(pk__in=active[::step][: args.readers]).order_by("pk"))
    if args.dump:
        dump(ranking, readers, args.dump, args.as_of)
        return

    spent: dict[str, float] = {}
    timed_fn = {}

    def timed(name, phase, fn):
        def wrapper(*a, **kw):
            started = time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                spent[phase] = spent.get(phase, 0.0) + time.thread_time() - started

        wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
        timed_fn[name] = wrapper
        return wrapper

    for name, phase in PHASES:
        if hasattr(ranking, name):
            setattr(ranking, name, timed(name, phase, getattr(ranking, name)))
    cache_set_many = ranking.cache.set_many
    ranking.cache.set_many = timed("set_many", "keep the pool", cache_set_many)

    def build(reader):
        languages = ranking.reader_languages(reader, "en")
        return ranking.build_first_pool(reader, languages, 20)

    build(readers[0])  # warm-up: the shared parts, imports, compiled statements
    profiler = cProfile.Profile() if args.profile else None
    cpu, wall, sizes = [], [], []
    by_phase: dict[str, list[float]] = {}
    for _round in range(args.rounds):
        for reader in readers:
            spent.clear()
            started, started_cpu = time.perf_counter(), time.thread_time()
            if profiler:
                profiler.enable()
            first = build(reader)
            if profiler:
                profiler.disable()
            total = time.thread_time() - started_cpu
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append(total * 1000)
            sizes.append(first["size"])
            spent["other (facts query, marks, glue)"] = total - sum(spent.values())
            for phase, seconds in spent.items():
                by_phase.setdefault(phase, []).append(seconds * 1000)

    cpu_sorted = sorted(cpu)
    print(
        f"{len(cpu)} builds of {len(readers)} readers; pool size median {statistics.median(sizes):.0f}"
    )
    print(
        f"thread CPU ms per build: median {statistics.median(cpu):.2f}, "
        f"p90 {cpu_sorted[int(len(cpu) * 0.9) - 1]:.2f}; wall median {statistics.median(wall):.2f}"
    )
    print(f"{'phase':<36}{'median ms':>10}{'mean ms':>10}")
    for phase, values in sorted(by_phase.items(), key=lambda kv: -statistics.fmean(kv[1])):
        print(f"{phase:<36}{statistics.median(values):>10.2f}{statistics.fmean(values):>10.2f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.profile)
    print("command: .venv/bin/python bench/ranking_build.py " + " ".join(sys.argv[1:]))


def dump(ranking, readers, path: str, as_of: str) -> None:
    import json
    from datetime import datetime

    from django.core.cache import cache

    moment = datetime.fromisoformat(as_of)
    cache.clear()  # the popular list of that moment, not one kept from a live run
    with open(path, "w") as out:
        for reader in readers:
            languages = ranking.reader_languages(reader, "en")
            pool = ranking._build_pool(reader, moment, languages, 20)
            out.write(json.dumps({"reader": reader.pk, "pool": pool}, sort_keys=True) + "\n")
    print(f"{len(readers)} pools at {moment.isoformat()} written to {path}")


if __name__ == "__main__":
    main()
