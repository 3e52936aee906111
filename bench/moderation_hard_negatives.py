"""Hard negatives for the n-gram layer (issue 17: false alarms on look-alikes), measured.

    .venv/bin/python bench/moderation_hard_negatives.py --variant lexicon:4 [--variant mined:3]

Trains the n-gram layer on the shipped splits (COLD train, Davidson 80%, OLID 70%, seed 0) with
the safe training rows that are "hard" weighed up within their (source, label) group:
`lexicon:K` the rows holding a word of the starter offensive lexicon (classifier.lexicon_hits),
`mined:K` the rows the shipped model's n-gram layer scores at or above its label threshold.
Calibrates and thresholds each on the validation halves (classifier.fit_thresholds), then
scores it, n-grams alone, on the test halves and on the suite's case sets (look-alikes flagged,
evasions caught at its label threshold), beside the shipped model's n-gram layer refitted the
same way. The n-gram layer alone: the stack, alt-profanity-check and the term lists are not in
these figures.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")

SETS = ("suite", "holdout", "holdout2", "holdout3")


def report(name, model, splits, cases) -> None:
    from crossnote.moderation.detectors import classifier

    print(f"\n{name}: thresholds {model.metrics['thresholds']}")
    for split in ("cold_validation", "davidson_validation", "olid_validation") + (
        "cold_test",
        "davidson_test",
        "olid_held_out",
    ):
        rows = splits[split]
        flags = model.flags([r.text for r in rows], [r.language for r in rows])
        m = classifier.binary_metrics([r.label for r in rows], flags)
        print(
            f"  {split:>20}: acc {m['accuracy']:.3f} macro-F1 {m['macro_f1']:.3f} "
            f"P {m['precision']:.3f} R {m['recall']:.3f}"
        )
    for set_name, rows in cases.items():
        flags = model.flags([c.text for c in rows], [c.language for c in rows])
        parts = []
        for source in ("evasions", "lookalikes", "newcomers"):
            idx = [i for i, c in enumerate(rows) if c.source == source]
            parts.append(f"{source} {int(flags[idx].sum())}/{len(idx)}")
        print(f"  {set_name:>10}: " + ", ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variant", action="append", default=[], help="lexicon:K or mined:K")
    args = parser.parse_args()

    import django

    django.setup()
    from crossnote.moderation.datasets import (
        TRAIN_SPLITS,
        VALIDATION_SPLITS,
        default_data_dir,
        starter_splits,
    )
    from crossnote.moderation.detectors import classifier
    from crossnote.moderation.suite.runner import CASE_SETS, load_cases

    splits = starter_splits(default_data_dir(), 0)
    cases = {name: load_cases(CASE_SETS[name]) for name in SETS}
    validation = {
        group: {name: splits[name] for name in names} for group, names in VALIDATION_SPLITS.items()
    }
    rows, sources = [], []
    for source, name in TRAIN_SPLITS.items():
        rows += splits[name]
        sources += [source] * len(splits[name])
    texts = [r.text for r in rows]
    y = np.asarray([r.label for r in rows])

    shipped = classifier.load(classifier.MODEL_PATH)
    shipped.stack = None  # the n-gram layer alone, refitted as the variants are
    classifier.fit_thresholds(shipped, validation)
    report("shipped n-grams", shipped, splits, cases)

    for variant in args.variant:
        kind, factor = variant.split(":")
        if kind == "lexicon":
            hard = classifier.lexicon_hits(texts) & (y == 0)
        elif kind == "mined":
            p = shipped.score_many(texts, [r.language for r in rows])
            label = np.asarray(
                [
                    shipped.thresholds(classifier.language_group(r.text, r.language))["label"]
                    for r in rows
                ]
            )
            hard = (p >= label) & (y == 0)
        else:
            raise SystemExit(f"unknown variant {variant!r}")
        print(f"\n{variant}: {int(hard.sum())} hard negatives of {int((y == 0).sum())} safe rows")
        started = time.perf_counter()
        model = classifier.train(
            rows,
            settings=classifier.NgramSettings(hard_negatives=float(factor)),
            sources=sources,
            hard_rows=hard,
        )
        print(f"  trained in {time.perf_counter() - started:.0f} s")
        classifier.fit_thresholds(model, validation)
        report(variant, model, splits, cases)
        classifier.save(model, Path(f"/tmp/hard_negatives_{kind}_{factor}.npz"))


if __name__ == "__main__":
    main()
