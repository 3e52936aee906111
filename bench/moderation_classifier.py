"""Classifier-layer throughput on one core: our n-gram model (with its stack: the sentence
encoder runs only for posts stage 1 does not clear) and alt-profanity-check.

    .venv/bin/python bench/moderation_classifier.py [--texts 10000]

Posts mix Chinese, English and both, a few of them abusive (so some get evidence spans).
Times include the folding (normalise) and, for Chinese, jieba's word segmentation.
alt-profanity-check only runs on en/mixed/und posts; its figure counts every post offered.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

# One core: keep BLAS from spreading the batch scoring over every CPU.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

POSTS = [
    ("今天的火锅太好吃了！", "zh"),
    ("周末去爬山，风景很美，推荐大家去", "zh"),
    ("学习英语的第30天，今天背了50个单词", "zh"),
    ("这家店yyds，强烈推荐", "mixed"),
    ("I love 火锅 so much", "mixed"),
    ("My cat sleeps all day on the sofa", "en"),
    ("Weekend in Shanghai: coffee, old streets and too many dumplings", "en"),
    ("Anyone know a good hotpot place in Chengdu?", "en"),
    ("你这个傻逼，滚出去", "zh"),
    ("you are a fucking idiot", "en"),
]


def rate(label: str, count: int, seconds: float, cpu: float) -> None:
    # CPU time too: on a shared machine the wall clock also counts other processes' turns.
    print(
        f"{label:<52} {count / seconds:>10,.0f} texts/s  ({seconds / count * 1e6:,.1f} µs each; "
        f"CPU {count / cpu:,.0f} texts/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=10_000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from crossnote.moderation.detectors.classifier import (
        ClassifierDetector,
        ProfanityCheckDetector,
        get_model,
    )

    rng = random.Random(1)
    posts = [rng.choice(POSTS) for _ in range(args.texts)]
    texts = [f"{text} {i}" for i, (text, _) in enumerate(posts)]
    languages = [language for _, language in posts]

    started = time.perf_counter()
    model = get_model()
    ngram, profanity = ClassifierDetector(), ProfanityCheckDetector()
    ngram.detect("warm up")
    ngram.detect("you are a fucking idiot")  # past stage 1: loads the sentence encoder too
    print(f"n-gram model {model.version}: load + first call {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    profanity.detect("warm up", language="en")
    print(f"alt-profanity-check: import + first call {time.perf_counter() - started:.2f} s")

    for label, run in [
        ("classifier  model.score, one text at a time", lambda: [model.score(t) for t in texts]),
        (
            "classifier  detect(), one at a time (with spans)",
            lambda: [
                ngram.detect(t, language=lang) for t, lang in zip(texts, languages, strict=True)
            ],
        ),
        (
            "classifier  detect_many(), one batch",
            lambda: ngram.detect_many(texts, languages=languages),
        ),
        (
            "profanity   detect(), one at a time",
            lambda: [
                profanity.detect(t, language=lang) for t, lang in zip(texts, languages, strict=True)
            ],
        ),
        (
            "profanity   detect_many(), one batch",
            lambda: profanity.detect_many(texts, languages=languages),
        ),
    ]:
        started, cpu = time.perf_counter(), time.process_time()
        run()
        rate(label, len(texts), time.perf_counter() - started, time.process_time() - cpu)
    labelled = sum(
        1
        for signals in ngram.detect_many(texts, languages=languages)
        if signals[0].score >= signals[0].thresholds["label"]
    )
    if model.stack is not None:
        print(
            f"stack: the sentence encoder ran for {_embedded(model, texts, languages):.1%} of posts"
        )
    print(f"thresholds: {model.metrics.get('thresholds', 'none (0.5)')}")
    print(f"{len(texts):,} posts, {labelled:,} at the model's label threshold; one core")
    print(f"reproduce: .venv/bin/python bench/moderation_classifier.py --texts {args.texts}")


def _embedded(model, texts, languages) -> float:
    """The share of posts whose stage-1 score sends them to the encoder (classifier_stack)."""
    from crossnote.moderation.detectors.classifier import language_group, profanity_logits

    z, apc = model.logits(texts), profanity_logits(texts)
    groups = [language_group(t, lang) for t, lang in zip(texts, languages, strict=True)]
    stack = model.stack
    sent = [
        bool(stack.needs_embedding(g, stack.stage1(g, z[i : i + 1], apc[i : i + 1]))[0])
        for i, g in enumerate(groups)
    ]
    return sum(sent) / max(len(sent), 1)


if __name__ == "__main__":
    main()
