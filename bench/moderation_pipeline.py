"""The synchronous moderation layers together: texts/s on one core, and the latency they add to
posting a note (p50/p99), alone and with several people posting at once.

    .venv/bin/python bench/moderation_pipeline.py [--texts 5000] [--notes 400] [--threads 4]
    .venv/bin/python bench/moderation_pipeline.py --tree /tmp/ref   # another checkout, same venv

"Added" is the time create_note spends inside moderation's own hooks (crossnote.moderation.hooks:
the image-hash check before the note is stored and the screening of its text inside the note's
transaction), measured around those handlers in real create_note calls: wall time and the
thread's CPU time, and the SQL queries they run. (Earlier runs subtracted two whole create_note
calls, one with and one without the hook; their p99 was the noise of the image work and SQLite
writes of two posts, not moderation.) With --threads N, N threads post at once (one author each),
as a server's threads do, and the hooks' wall time then includes waiting for the GIL and for
SQLite's write lock held by the other posts' transactions.

Aim (issues 5 and 17): ≥ 2,000 texts/s and ≤ 5 ms added at p99.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

POSTS = [
    "今天的火锅太好吃了！推荐大家去试试 #火锅",
    "My cat sleeps all day on the sofa, so cute",
    "I love 火锅 so much, see you in Chengdu",
    "学习英语的第30天，今天背了50个单词，加油",
    "Weekend in Shanghai: coffee, old streets and too many dumplings",
    "兼职日结，加微信领取福利",
    "you are a f u c k i n g idiot",
    "这家店yyds，老板人超好，环境也很安静",
    "Call me at (415) 555-2671 for the sofa",
    "楼上那个傻逼又在装修",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=400, help="notes posted by one thread")
    parser.add_argument("--threads", type=int, default=4, help="posting at once (0: skip)")
    parser.add_argument("--tree", default="", help="import crossnote from this checkout")
    args = parser.parse_args()
    tree = Path(args.tree).resolve() if args.tree else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(tree))
    os.environ["CROSSNOTE_DATA_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from PIL import Image

    import crossnote
    from crossnote.accounts.models import User
    from crossnote.core import hooks
    from crossnote.moderation import pipeline
    from crossnote.moderation.services import screen_text
    from crossnote.notes.services import create_note

    print(f"tree: {Path(crossnote.__file__).resolve().parent.parent}")
    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    texts = [f"{rng.choice(POSTS)} {i}" for i in range(args.texts)]
    screen_text(texts[0], kind="note", language="zh")  # load models and lists
    started = time.perf_counter()
    for text in texts:
        pipeline.run_text(text, language="zh" if "的" in text else "en")
    seconds = time.perf_counter() - started
    print(
        f"sync layers: {len(texts) / seconds:,.0f} texts/s ({seconds / len(texts) * 1e3:.2f} ms each)"
    )

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (120, 90, 60)).save(buffer, "JPEG")
    photo = buffer.getvalue()

    # Time moderation's own handlers, per note (a note's hooks add up: images, then text).
    local = threading.local()
    counting = {"on": False}

    def timed(handler):
        def run(**kwargs):
            wall, cpu = time.perf_counter(), time.thread_time()
            if counting["on"]:
                with CaptureQueriesContext(connection) as captured:
                    result = handler(**kwargs)
                local.queries += len(captured.captured_queries)
            else:
                result = handler(**kwargs)
            local.wall += time.perf_counter() - wall
            local.cpu += time.thread_time() - cpu
            return result

        return run

    for event in (hooks.SCREEN_IMAGES, hooks.CONTENT_CREATED):
        hooks._handlers[event] = [
            timed(h) if getattr(h, "__module__", "") == "crossnote.moderation.hooks" else h
            for h in hooks._handlers[event]
        ]

    def post(author, text: str) -> tuple[float, float, float]:
        local.wall = local.cpu = 0.0
        local.queries = 0
        started = time.perf_counter()
        note = create_note(
            author=author,
            title="t",
            body=text,
            images=[SimpleUploadedFile("p.jpg", photo, "image/jpeg")],
        )
        wall, cpu, queries = local.wall * 1e3, local.cpu * 1e3, local.queries
        acted = note.moderation != "visible"
        return wall, cpu, (time.perf_counter() - started) * 1e3, queries, acted

    def poster(n: int, seed: int, out: list, barrier=None) -> None:
        author = User.objects.create_user(f"bench{seed}", f"b{seed}@example.com", "x" * 12)
        texts = random.Random(seed)
        if barrier is not None:
            barrier.wait()
        for i in range(n):
            out.append(post(author, f"{texts.choice(POSTS)} {seed}-{i}"))
        connection.close()

    warm: list = []
    poster(20, 0, warm)  # first notes: the database and caches warm up
    counting["on"] = True
    counted: list = []
    poster(len(POSTS) * 3, 1, counted)
    counting["on"] = False
    queries = [row[3] for row in counted]
    print(
        f"queries in moderation's hooks per note: mean {sum(queries) / len(queries):.1f}, "
        f"min {min(queries)}, max {max(queries)} ({len(queries)} notes, 3 of 10 texts act)"
    )

    def report(label: str, rows: list) -> None:
        wall, cpu, total = ([row[k] for row in rows] for k in range(3))
        print(
            f"{label}: added p50 {percentile(wall, 0.5):.2f} ms, p99 {percentile(wall, 0.99):.2f} "
            f"ms (CPU p50 {percentile(cpu, 0.5):.2f}, p99 {percentile(cpu, 0.99):.2f} ms); "
            f"whole create_note p50 {percentile(total, 0.5):.1f}, p99 {percentile(total, 0.99):.1f}"
            f" ms; {len(rows)} notes"
        )
        for acted, name in ((False, "left alone"), (True, "acted on")):
            part = [row for row in rows if row[4] == acted]
            if part:
                print(
                    f"    {name:10}: added p50 {percentile([r[0] for r in part], 0.5):.2f}, "
                    f"p99 {percentile([r[0] for r in part], 0.99):.2f} ms (CPU p50 "
                    f"{percentile([r[1] for r in part], 0.5):.2f}, p99 "
                    f"{percentile([r[1] for r in part], 0.99):.2f} ms); {len(part)} notes"
                )

    alone: list = []
    poster(args.notes, 2, alone)
    report("1 thread ", alone)
    if args.threads:
        together: list = []
        barrier = threading.Barrier(args.threads)
        workers = [
            threading.Thread(target=poster, args=(args.notes // 2, 10 + n, together, barrier))
            for n in range(args.threads)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        report(f"{args.threads} threads", together)


if __name__ == "__main__":
    main()
