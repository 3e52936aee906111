"""What the classifier adds alone, through the whole pipeline (issue 17: false alarms).

    .venv/bin/python bench/moderation_lone_classifier.py --cache /tmp/lone [--sets suite,holdout3]

Runs every synchronous layer and the policy engine (`evaluation.pipeline_records`, language
detected as `crossnote moderation eval` does) over the validation and test halves of the starter data
(COLD dev, Davidson's 20%, OLID's 30%: crossnote.moderation.datasets, seed 0) and, with --sets,
over the regression suite's case sets. Per text it records the classifier's score, its language
group and label threshold, and whether the verdict acts without the classifier's signal (another
layer: a term, a pattern, alt-profanity-check). Cached per split as JSON in --cache.

Then, per language group: the classifier-alone labels (texts only the classifier acts on) and
their precision at the model's label threshold and at higher candidate thresholds, on the
validation halves; and what `classifier.fit_alone_thresholds` chooses there. The test halves
and the case sets are only scored: the flagged/caught counts at the chosen thresholds.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")

VALIDATION = ("cold_validation", "davidson_validation", "olid_validation")
TEST = ("cold_test", "davidson_test", "olid_held_out")


def load_or_screen(cache: Path, name: str, rows) -> list:
    path = cache / f"{name}.json"
    if path.is_file():
        return json.loads(path.read_text())
    from crossnote.moderation.evaluation import LabelledRow, pipeline_records

    print(f"  {name}: {len(rows)} texts", file=sys.stderr, flush=True)
    records = pipeline_records(
        [LabelledRow(r[0], int(r[1]), "") for r in rows], progress=sys.stderr
    )
    path.write_text(json.dumps(records))
    return records


def case_rows(set_name: str):
    from crossnote.moderation.suite.runner import CASE_SETS, load_cases

    return [(c.text, int(c.abusive), c.source) for c in load_cases(CASE_SETS[set_name])]


def alone_table(records: dict[str, list[dict]], groups=("zh", "en")) -> None:
    """Precision and count of the texts only the classifier acts on, by threshold."""
    grid = (None, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
    for group in groups:
        print(f"\n{group}: classifier-alone labels on validation (offensive / labelled)")
        print("  t      " + "  ".join(f"{name:>22}" for name in records))
        for t in grid:
            cells = []
            for recs in records.values():
                mine = [r for r in recs if r["group"] == group and not r["rest_acts"]]
                at = [r for r in mine if r["score"] >= max(r["label_at"], t or 0.0)]
                hits = sum(r["label"] for r in at)
                cells.append(f"{hits:>5}/{len(at):<5} P={hits / max(len(at), 1):.2f}")
            print(
                f"  {('label' if t is None else f'{t:.2f}'):<6} "
                + "  ".join(f"{c:>22}" for c in cells)
            )


def flagged(records: list[dict], alone: dict) -> np.ndarray:
    """Whether the pipeline acts on each text with a classifier-alone threshold per group."""
    out = []
    for r in records:
        t = alone.get(r["group"])
        clf = r["score"] >= r["label_at"] and (t is not None and r["score"] >= t)
        out.append(r["rest_acts"] or clf)
    return np.asarray(out)


def figures(records: list[dict], alone: dict) -> str:
    from crossnote.moderation.detectors.classifier import binary_metrics

    y = np.asarray([r["label"] for r in records])
    m = binary_metrics(y, flagged(records, alone))
    return (
        f"{m['accuracy']:.3f} / {m['macro_f1']:.3f} / {m['precision']:.3f} / "
        f"{m['recall']:.3f} / {m['f1']:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--sets", default="", help="case sets to score too (suite,holdout,...)")
    args = parser.parse_args()

    import django

    django.setup()
    from crossnote.moderation.datasets import default_data_dir, starter_splits
    from crossnote.moderation.detectors import classifier

    args.cache.mkdir(parents=True, exist_ok=True)
    splits = starter_splits(default_data_dir(), 0)
    records = {name: load_or_screen(args.cache, name, splits[name]) for name in VALIDATION + TEST}
    alone_table({name: records[name] for name in VALIDATION})

    validation = {name: records[name] for name in VALIDATION}
    chosen = classifier.fit_alone_thresholds(validation)
    print(f"\nchosen (validation only): {json.dumps(chosen)}")
    no_cut = {g: 0.0 for g in classifier.GROUPS}
    active = {g: chosen[g]["label_alone"] for g in chosen}
    print("\nwhole pipeline, accuracy / macro-F1 / offensive P / R / F1: model's label | alone")
    for name, recs in records.items():
        print(f"  {name:>20} (n={len(recs):>5}): {figures(recs, no_cut)} | {figures(recs, active)}")
    for set_name in [s for s in args.sets.split(",") if s]:
        rows = case_rows(set_name)
        recs = load_or_screen(args.cache, f"cases_{set_name}", rows)
        for label, cut in (("model's label", no_cut), ("alone", active)):
            hit = flagged(recs, cut)
            parts = []
            for source in ("evasions", "lookalikes", "newcomers"):
                idx = [i for i, row in enumerate(rows) if row[2] == source]
                parts.append(f"{source} {int(hit[idx].sum())}/{len(idx)}")
            print(f"  {set_name:>10} {label:>14}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
