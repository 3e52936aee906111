"""Detection accuracy on Crossnote's short-sentence sets, per language and per half, and speed.

    .venv/bin/python bench/language_detection.py [--misses]

The sets (tests/language/data) are split by a hash of each sentence into a tuning half and a
held-out half (tests/language/detection_sets.py); every language in CROSSNOTE_LANGUAGES is
enabled, as on a default install.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    os.environ["CROSSNOTE_DATA_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.conf import settings

    from crossnote.language.detection import detect_language
    from tests.language.detection_sets import accuracy, fresh, half, hard, labelled, mixed

    codes = tuple(settings.CROSSNOTE_LANGUAGES)
    print(f"enabled languages: {', '.join(codes)}")
    detect_language("warm up", codes)
    pairs = labelled()
    sets = [
        ("tuning", half(pairs, held_out=False)),
        ("held-out", half(pairs, held_out=True)),
        ("fresh", fresh()),
        ("loanwords", hard()),
    ]
    for name, subset in sets:
        scores = accuracy(subset, lambda t: detect_language(t, codes).code)
        for code, (right, total, misses) in scores.items():
            print(f"{name:9} {code}: {right}/{total} = {right / total:.2%}")
            if args.misses:
                for text, got in misses:
                    print(f"    {got:5} {text}")
    posts = mixed()
    right = sum(detect_language(text, codes).code == code for code, text in posts)
    print(f"posts mixing Chinese and English: {right}/{len(posts)} labelled as expected")
    texts = [text for _code, text in pairs]
    started = time.perf_counter()
    for text in texts:
        detect_language(text, codes)
    seconds = time.perf_counter() - started
    print(
        f"speed: {len(texts) / seconds:,.0f} sentences/s ({seconds / len(texts) * 1e6:.0f} µs each)"
    )


if __name__ == "__main__":
    main()
