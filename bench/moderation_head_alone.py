"""Would the classifier's embedding head alone catch what the cascade never shows it? Rates only.

    .venv/bin/python bench/moderation_head_alone.py [--sets holdout8,holdout9] [--cuts 0.8,0.9]

The stack (crossnote.moderation.detectors.classifier_stack) runs the sentence encoder only where
stage 1 (n-grams + alt-profanity-check) is at or above its group's `skip_below`. For each case set
named (its offensive-kind evasions, look-alikes and newcomer posts) this prints how many the
cascade skips and how many the head alone scores at or above each cut (of them, skipped); for the
starter test splits (never trained or tuned on) the shipped verdicts' recall and false-positive
rate, then with "head alone >= cut where skipped" added. No case is printed: a blind set may be
named (rates only). Needs a migrated CROSSNOTE_DATA_DIR (the model is read from the package).
"""

import argparse
import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="holdout8,holdout9")
    parser.add_argument("--cuts", default="0.7,0.8,0.9")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    import numpy as np

    from crossnote.moderation import datasets
    from crossnote.moderation.detectors import classifier
    from crossnote.moderation.suite.runner import cases_directory

    model = classifier.get_model()
    stack = model.stack
    cuts = [float(c) for c in args.cuts.split(",")]

    def head_and_skipped(texts, languages):
        groups = [
            classifier.language_group(t, lang) for t, lang in zip(texts, languages, strict=True)
        ]
        vectors = classifier.sentence_vectors(texts)
        z, apc = model.logits(texts), classifier.profanity_logits(texts)
        head, skipped = np.zeros(len(texts)), np.zeros(len(texts), dtype=bool)
        for group in set(groups):
            rows = np.array([i for i, g in enumerate(groups) if g == group])
            head[rows] = 1 / (1 + np.exp(-stack.head_for(group).logits(vectors[rows])))
            p1 = stack.stage1(group, z[rows], apc[rows])
            skipped[rows] = p1 < stack.groups[group]["skip_below"]
        return head, skipped, groups

    for name in filter(None, args.sets.split(",")):
        folder = cases_directory(name)
        for part in ("evasions", "lookalikes", "newcomers"):
            with open(folder / f"cases_{part}.csv", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            if part == "evasions":
                rows = [r for r in rows if r["kind"] not in datasets.NOT_OFFENSIVE_KINDS]
            languages = [r["language"] if r["language"] in ("zh", "en") else "" for r in rows]
            head, skipped, _groups = head_and_skipped([r["text"] for r in rows], languages)
            cells = ", ".join(
                f">= {c}: {int((head >= c).sum())} ({int(((head >= c) & skipped).sum())} skipped)"
                for c in cuts
            )
            print(f"{name} {part}: {len(rows)}, skipped {int(skipped.sum())}; head alone {cells}")

    splits = datasets.starter_splits(datasets.DATA_DIR)
    for name in ("cold_test", "davidson_test", "olid_held_out"):
        rows = splits.get(name)
        if not rows:
            continue
        texts = [r.text for r in rows]
        languages = [getattr(r, "language", "") or "" for r in rows]
        y = np.array([r.label for r in rows])
        head, skipped, groups = head_and_skipped(texts, languages)
        label = np.array([model.thresholds(g)["label"] for g in groups])
        now = model.score_many(texts, languages) >= label
        cells = "; ".join(
            f"+ head >= {c} where skipped: {(now | ((head >= c) & skipped))[y == 1].mean():.3f} / "
            f"{(now | ((head >= c) & skipped))[y == 0].mean():.3f}"
            for c in cuts
        )
        print(
            f"{name} ({len(rows)}): recall / false positives now {now[y == 1].mean():.3f} / "
            f"{now[y == 0].mean():.3f}; {cells}"
        )


if __name__ == "__main__":
    main()
