"""The synchronous moderation layers together: texts/s on one core, and the latency they add to
posting a note (p50/p99).

    .venv/bin/python bench/moderation_pipeline.py [--texts 5000] [--notes 200]

Aim (issue 5): ≥ 2,000 texts/s and ≤ 5 ms added at p99.
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=200)
    args = parser.parse_args()
    os.environ["CROSSNOTE_DATA_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from PIL import Image

    from crossnote.accounts.models import User
    from crossnote.core import hooks
    from crossnote.moderation import pipeline
    from crossnote.moderation.services import screen_text
    from crossnote.notes.services import create_note

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
    author = User.objects.create_user("bench", "bench@example.com", "x" * 12)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (120, 90, 60)).save(buffer, "JPEG")
    photo = buffer.getvalue()
    added = []
    handlers = list(hooks._handlers["content_created"])

    def timed(text: str, moderated: bool) -> float:
        hooks._handlers["content_created"] = handlers if moderated else []
        started = time.perf_counter()
        create_note(
            author=author,
            title="t",
            body=text,
            images=[SimpleUploadedFile("p.jpg", photo, "image/jpeg")],
        )
        return time.perf_counter() - started

    for _ in range(args.notes):
        text = rng.choice(POSTS)
        plain = timed(text, moderated=False)
        added.append((timed(text, moderated=True) - plain) * 1000)
    hooks._handlers["content_created"] = handlers
    added.sort()
    p99 = added[min(len(added) - 1, int(len(added) * 0.99))]
    print(
        f"added to create_note: p50 {added[len(added) // 2]:.2f} ms, p99 {p99:.2f} ms "
        f"(paired runs with and without the moderation hook)"
    )


if __name__ == "__main__":
    main()
