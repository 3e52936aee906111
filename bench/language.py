"""Language bridge costs: detection throughput, translation cache hits, a cold translation.

    .venv/bin/python bench/language.py [--texts 2000]

Detection runs on short posts in Chinese, English and mixed text; the translation figures use
the engines configured (by default the offline dictionary gloss, since no model is installed).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

POSTS = [
    "今天的火锅太好吃了！",
    "My cat sleeps all day on the sofa",
    "I love 火锅 so much",
    "lol 好可爱",
    "Weekend in Shanghai: coffee, old streets and too many dumplings",
    "学习英语的第30天，今天背了50个单词",
    "Anyone know a good hotpot place in Chengdu?",
    "😂😂😂",
    "这家店yyds，强烈推荐",
    "Bonjour, je suis à Paris cette semaine",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    args = parser.parse_args()
    os.environ["CROSSNOTE_DATA_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from crossnote.language.detection import detect_language
    from crossnote.language.services import translate_text

    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    texts = [rng.choice(POSTS) + f" {i}" for i in range(args.texts)]
    started = time.perf_counter()
    detect_language(texts[0])
    print(f"detector first call (model load): {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    for text in texts:
        detect_language(text)
    seconds = time.perf_counter() - started
    print(
        f"detection: {len(texts) / seconds:,.0f} short posts/s ({seconds / len(texts) * 1e6:.0f} µs each)"
    )

    cold = []
    for text in POSTS[:7]:
        started = time.perf_counter()
        translate_text(text, "en" if any("\u4e00" <= c <= "\u9fff" for c in text) else "zh")
        cold.append((time.perf_counter() - started) * 1000)
    print(f"cold translation (first is dictionary load): {', '.join(f'{c:.0f}' for c in cold)} ms")
    hits = []
    for _ in range(200):
        for text in POSTS[:7]:
            started = time.perf_counter()
            result = translate_text(
                text, "en" if any("\u4e00" <= c <= "\u9fff" for c in text) else "zh"
            )
            hits.append((time.perf_counter() - started) * 1000)
            assert result.cached or result.unchanged
    hits.sort()
    print(f"cache hit: p50 {hits[len(hits) // 2]:.2f} ms, p95 {hits[int(len(hits) * 0.95)]:.2f} ms")


if __name__ == "__main__":
    main()
