"""Write throughput through the real services, in-process: notes posted per second (image
processing, moderation, language detection and search indexing included) and likes per second.

    .venv/bin/python bench/feeds_writes.py --data-dir /work/bench-data/world-1m --notes 200 --likes 5000

Runs in one process and thread on the world's database (it adds the notes and likes it makes:
use a copy you can throw away). Background tasks run inline (CROSSNOTE_TASKS_INLINE=1), so
indexing is inside the figure. States the SQLite durability setting it ran with.
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
    args = parser.parse_args()
    os.environ["CROSSNOTE_DATA_DIR"] = args.data_dir
    os.environ["CROSSNOTE_TASKS_INLINE"] = "1"
    os.environ["CROSSNOTE_RATE_LIMITS_ENABLED"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from PIL import Image

    from crossnote.accounts.models import User
    from crossnote.core.images import process_image
    from crossnote.notes.models import Note
    from crossnote.notes.services import create_note, like_note

    rng = random.Random(1)
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
    started = time.perf_counter()
    for i in range(args.notes):
        title, body = texts[i % 2]
        create_note(
            author=authors[i % len(authors)],
            title=f"{title} {i}",
            body=body,
            images=[SimpleUploadedFile("p.jpg", photo, "image/jpeg")],
        )
    notes_s = args.notes / (time.perf_counter() - started)
    # The same photo through the image intake alone (verify, strip, two WebP variants, PDQ,
    # blurhash): the share of a note's time that is image work.
    started = time.perf_counter()
    for _ in range(args.notes):
        process_image(SimpleUploadedFile("p.jpg", photo, "image/jpeg"))
    image_ms = 1000 * (time.perf_counter() - started) / args.notes

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
        f"notes posted: {args.notes} at {notes_s:.1f} notes/s, {note_ms:.0f} ms each (1 photo "
        f"1080x1440 each, moderation, language detection, search indexing and embedding inline)"
    )
    print(
        f"  of which image intake {image_ms:.0f} ms; the rest (database, moderation, detection, "
        f"indexing, embedding) {note_ms - image_ms:.0f} ms = {1000 / max(note_ms - image_ms, 1e-3):.0f}"
        " notes/s without the image work, on one core"
    )
    print(
        f"likes: {args.likes} calls ({made} new) at {likes_s:.0f} likes/s "
        f"(each one transaction: like row, counter, notification)"
    )
    print(f"database: {connection.vendor}, {durability}")
    print("command: .venv/bin/python bench/feeds_writes.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
