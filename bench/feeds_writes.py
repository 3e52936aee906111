"""Write throughput through the real services, in-process: notes posted per second (image
processing, moderation, language detection and search indexing included) and likes per second.

    .venv/bin/python bench/feeds_writes.py --data-dir /work/bench-data/world-1m --notes 200 --likes 5000
    .venv/bin/python bench/feeds_writes.py --fresh --notes 100 --likes 2000

Runs in one process and thread on the world's database (it adds the notes and likes it makes:
use a copy you can throw away), or with --fresh on a new throwaway data folder with 500 people.
Notes are timed twice: acknowledged (what a client waits for: photos verified, hashed and their
clean source stored; the background tasks it queues, WebP variants and indexing, are collected
and then run and timed on their own, as a worker or the web process's thread would), and with
every task inline (CROSSNOTE_TASKS_INLINE=1: the whole cost of a note, as before issue 19).
States the SQLite durability setting it ran with.
"""

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/work/bench-data/world-1m")
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--likes", type=int, default=5000)
    parser.add_argument("--fresh", action="store_true", help="a new throwaway data folder")
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="also post acknowledged notes from this many threads at once (a server's threads "
        "share SQLite's one write lock): notes/s and p50/p99 per note; 0 skips it",
    )
    args = parser.parse_args()
    if args.fresh:
        import subprocess
        import tempfile

        args.data_dir = tempfile.mkdtemp(prefix="crossnote-bench-writes-")
        subprocess.run(  # noqa: S603 - our own CLI
            [sys.executable, "-m", "crossnote.cli", "migrate", "-v", "0"],
            env={**os.environ, "CROSSNOTE_DATA_DIR": args.data_dir, "CELERY_BROKER_URL": ""},
            check=True,
        )
    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ["CROSSNOTE_TASKS_INLINE"] = "1"
    os.environ["CROSSNOTE_RATE_LIMITS_ENABLED"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from PIL import Image

    from crossnote.accounts.models import User
    from crossnote.core import tasks as core_tasks
    from crossnote.core.images import process_image, verify_image
    from crossnote.notes.models import Note
    from crossnote.notes.services import create_note, like_note

    rng = random.Random(1)
    if args.fresh:
        User.objects.bulk_create(
            User(username=f"writer{i}", email=f"writer{i}@example.com", password="!")
            for i in range(500)
        )
    authors = list(User.objects.filter(is_active=True).order_by("pk")[:500])
    out = io.BytesIO()
    Image.new("RGB", (1080, 1440), (90, 140, 200)).save(out, format="JPEG", quality=85)
    photo = out.getvalue()
    texts = [
        ("周末的咖啡店", "拿铁很香，窗边的位置晒得到太阳。#coffee"),
        ("Sunday market haul", "Peaches, bread and far too many flowers. #weekend"),
    ]
    # One note first, not timed: it loads the language detector, classifier and sentence
    # encoder (seconds, once per process), which is start-up, not throughput.
    create_note(
        author=authors[-1],
        title="warm-up",
        body=texts[0][1],
        images=[SimpleUploadedFile("p.jpg", photo, "image/jpeg")],
    )

    def post_notes(tag: str) -> float:
        started = time.perf_counter()
        for i in range(args.notes):
            title, body = texts[i % 2]
            create_note(
                author=authors[i % len(authors)],
                title=f"{title} {tag}{i}",
                body=body,
                images=[SimpleUploadedFile("p.jpg", photo, "image/jpeg")],
            )
        return args.notes / (time.perf_counter() - started)

    # Acknowledged: tasks are queued on commit as on a server, collected here instead of run.
    settings.CROSSNOTE_TASKS_INLINE = False
    queued = []
    dispatch, core_tasks.dispatch = (
        core_tasks.dispatch,
        lambda task, *a, **k: queued.append((task, a, k)),
    )
    try:
        cpu = time.thread_time()
        acked_s = post_notes("ack")
        acked_cpu_ms = 1000 * (time.thread_time() - cpu) / args.notes
        threaded = (
            post_threaded(args.threads, args.notes, authors, texts, photo) if args.threads else None
        )
    finally:
        core_tasks.dispatch = dispatch
    started = time.perf_counter()
    for task, task_args, task_kwargs in queued:
        core_tasks.run_now(task, *task_args, **task_kwargs)
    posted = args.notes * (2 if args.threads else 1)  # the threads posted as many again
    background_ms = 1000 * (time.perf_counter() - started) / posted
    settings.CROSSNOTE_TASKS_INLINE = True
    notes_s = post_notes("inline")
    # The same photo through the image intake alone: all of it at once (verify, strip, two WebP
    # variants, PDQ, blurhash: what a note waited for before), and the part a note waits for now.
    started = time.perf_counter()
    for _ in range(args.notes):
        process_image(SimpleUploadedFile("p.jpg", photo, "image/jpeg"))
    image_ms = 1000 * (time.perf_counter() - started) / args.notes
    started = time.perf_counter()
    for _ in range(args.notes):
        verify_image(SimpleUploadedFile("p.jpg", photo, "image/jpeg"))
    verify_ms = 1000 * (time.perf_counter() - started) / args.notes

    pool = list(
        Note.objects.filter(visibility="public", moderation="visible")
        .order_by("-pk")
        .values_list("pk", flat=True)[:20000]
    )
    people = list(User.objects.filter(is_active=True).order_by("?")[:2000])
    notes = {n.pk: n for n in Note.objects.select_related("author").filter(pk__in=pool)}
    pairs = [(rng.choice(people), notes[rng.choice(pool)]) for _ in range(args.likes)]
    started = time.perf_counter()
    made = sum(bool(like_note(user=user, note=note)) for user, note in pairs)
    likes_s = args.likes / (time.perf_counter() - started)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            sync = cursor.execute("PRAGMA synchronous").fetchone()[0]
            durability = (
                f"journal_mode={mode}, synchronous={sync} (1 = NORMAL: a commit is durable once "
                "the WAL is checkpointed; survives a crash of the process, not of the machine's "
                "power)"
            )
        else:
            cursor.execute("SHOW synchronous_commit")
            sync = cursor.fetchone()[0]
            cursor.execute("SHOW fsync")
            fsync = cursor.fetchone()[0]
            durability = (
                f"synchronous_commit={sync}, fsync={fsync} (on/on: every commit is on disk "
                "before it returns)"
            )
    note_ms = 1000 / notes_s
    print(
        f"notes acknowledged: {args.notes} at {acked_s:.1f} notes/s, {1000 / acked_s:.0f} ms each "
        f"(1 photo 1080x1440 verified, hashed and stored; moderation and language detection); "
        f"their queued background tasks (WebP variants, indexing, embedding) "
        f"{background_ms:.0f} ms per note afterwards"
    )
    print(f"  CPU time of this thread per acknowledged note: {acked_cpu_ms:.1f} ms")
    if threaded:
        rate, p50, p99 = threaded
        print(
            f"notes acknowledged from {args.threads} threads at once: {rate:.1f} notes/s, "
            f"p50 {p50:.0f} ms, p99 {p99:.0f} ms per note (SQLite's one write lock shared)"
        )
    print(
        f"notes posted with every task inline: {notes_s:.1f} notes/s, {note_ms:.0f} ms each "
        f"(the whole cost of a note, as a note waited for before)"
    )
    print(
        f"  image intake alone per photo: all at once {image_ms:.0f} ms (what a note waited for "
        f"before), verified and hashed {verify_ms:.0f} ms (what it waits for now)"
    )
    print(
        f"likes: {args.likes} calls ({made} new) at {likes_s:.0f} likes/s "
        f"(each one transaction: like row, counter, notification)"
    )
    print(f"database: {connection.vendor}, {durability}")
    print("command: .venv/bin/python bench/feeds_writes.py " + " ".join(sys.argv[1:]))


def post_threaded(threads: int, notes: int, authors, texts, photo) -> tuple[float, float, float]:
    """`notes` acknowledged notes posted by `threads` threads at once, as a server's threads
    post them: (notes/s, p50 ms, p99 ms). Each thread has its own database connection."""
    import threading

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connections

    from crossnote.notes.services import create_note

    times: list[float] = []
    lock = threading.Lock()

    def worker(offset: int) -> None:
        try:
            for i in range(offset, notes, threads):
                title, body = texts[i % 2]
                started = time.perf_counter()
                create_note(
                    author=authors[(i * 7) % len(authors)],
                    title=f"{title} t{i}",
                    body=body,
                    images=[SimpleUploadedFile("p.jpg", photo, "image/jpeg")],
                )
                with lock:
                    times.append(1000 * (time.perf_counter() - started))
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    rate = len(times) / (time.perf_counter() - started)
    times.sort()
    return rate, times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


if __name__ == "__main__":
    main()
