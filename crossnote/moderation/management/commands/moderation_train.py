"""Train the offensive-language n-gram model from the starter data (+ moderators' decisions).

    manage.py moderation_train [--cold-dir DIR] [--extra decisions.csv] [--output FILE]
                               [--cross-dataset] [--no-stack] [--ngram-from FILE] [--dry-run]
                               [--own-cases SET,SET... | --no-own-cases]

Trains on COLD train, 80% of Davidson and 70% of OLID train (each source weighted per label);
calibrates and chooses per-language thresholds on COLD dev, the other 20% of Davidson and 15% of
OLID (see classifier.fit_thresholds; COLD dev and the 20% of Davidson are halved: validation and
test); scores the test halves and the last 15% of OLID, which nothing was built or tuned on. By
default a stack goes on top (classifier_stack: a sentence-embedding head and alt-profanity-check,
combined per language group on the validation splits); `--ngram-from` reuses the n-gram weights
of a model trained on the same splits instead of fitting them again (the slow part). `--cross-dataset` also trains on some sources and scores on the others (the table in
trained/ATTRIBUTION.md) and stores that table with the model. The data ships in the package
(crossnote/moderation/data, see crossnote.moderation.datasets).

The stack also learns from the project's own labelled sentences, the regression suite's case
sets (datasets.own_cases; evasions offensive, look-alikes and newcomer posts safe): by default
every set in datasets.OWN_CASE_SETS, never one of datasets.BLIND_CASE_SETS. `--own-cases` names fewer;
the sets left out are scored as held out (own_<set>), which is how the own-case weights were
chosen. The n-gram weights do not read them.
"""

import time
from pathlib import Path
from typing import TypedDict

from django.core.management.base import BaseCommand, CommandError

from crossnote.moderation.datasets import (
    OFFENSIVE_LABELS,
    OWN_CASE_SETS,
    default_data_dir,
    own_cases,
    read_cold,
    split_davidson,
    starter_splits,
)
from crossnote.moderation.detectors import classifier
from crossnote.moderation.evaluation import LabelledRow, offensive_metrics, read_labelled_csv
from crossnote.moderation.services.training import EVALUATED_SPLITS, train_starter_model

__all__ = ["Command", "default_data_dir", "offensive_metrics", "read_cold", "split_davidson"]

MISSING_DATA = (
    "No training data there (the package ships it in crossnote/moderation/data); pass --cold-dir"
)


class CrossCell(TypedDict):
    train_on: dict[str, str]  # source: split trained on
    validate_on: dict[str, tuple[str, ...]]  # language: splits its threshold is chosen on
    unseen: tuple[str, ...]  # splits the model never saw, each scored


# Cross-dataset cells: a model trained on some sources, its thresholds chosen on their held-out
# parts only, scored on a source it never saw (and on COLD dev).
CROSS_CELLS: dict[str, CrossCell] = {
    "COLD+Davidson": {
        "train_on": {"cold": "cold_train", "davidson": "davidson_train"},
        "validate_on": {"zh": ("cold_validation",), "en": ("davidson_validation",)},
        "unseen": ("olid_fit", "olid_validation", "olid_held_out"),
    },
    "COLD+OLID": {
        "train_on": {"cold": "cold_train", "olid": "olid_fit"},
        "validate_on": {"zh": ("cold_validation",), "en": ("olid_validation",)},
        "unseen": ("davidson_train", "davidson_held_out"),
    },
}


class Command(BaseCommand):
    help = "Train the offensive-language n-gram classifier and report held-out metrics."

    def add_arguments(self, parser):
        parser.add_argument("--cold-dir", type=Path, default=None, help="folder with the CSVs")
        parser.add_argument("--output", type=Path, default=classifier.MODEL_PATH)
        parser.add_argument(
            "--extra",
            type=Path,
            action="append",
            default=[],
            help="CSV of text,label[,language] rows to add (e.g. exported moderator decisions)",
        )
        parser.add_argument("--seed", type=int, default=0)
        defaults = classifier.NgramSettings()
        parser.add_argument(
            "--analyzer", choices=["char", "char_wb", "char+words"], default=defaults.analyzer
        )
        parser.add_argument("--ngram-max", type=int, default=defaults.ngram_max)
        parser.add_argument("--word-ngram-max", type=int, default=defaults.word_ngram_max)
        parser.add_argument("--features-log2", type=int, default=20)
        parser.add_argument("--c", type=float, default=defaults.C, dest="C")
        parser.add_argument(
            "--cross-dataset",
            action="store_true",
            help="also train on some sources and score on the others (slow: two more models)",
        )
        parser.add_argument(
            "--no-stack",
            action="store_false",
            dest="stack",
            help="n-grams only: no sentence-embedding stack on top",
        )
        parser.add_argument(
            "--ngram-from",
            type=Path,
            default=None,
            help="reuse this model's n-gram weights (trained on the same splits and seed)",
        )
        parser.add_argument(
            "--own-cases",
            default=",".join(OWN_CASE_SETS),
            help="case sets the stack learns from (comma-separated; the rest of "
            f"{','.join(OWN_CASE_SETS)} are scored as held out)",
        )
        parser.add_argument(
            "--no-own-cases",
            action="store_const",
            const="",
            dest="own_cases",
            help="the stack learns from the starter data only",
        )
        parser.add_argument("--dry-run", action="store_true", help="report metrics, save nothing")

    def handle(self, *args, **options):
        data_dir = options["cold_dir"] or default_data_dir()
        needed = [data_dir / n for n in ("cold_train.csv", "cold_dev.csv", "davidson_labeled.csv")]
        if not all(path.is_file() for path in needed):
            raise CommandError(f"{MISSING_DATA} (looked in {data_dir})")
        seed = options["seed"]
        try:
            splits = starter_splits(data_dir, seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        extra = self._read_extra(options["extra"])
        own = self._own_cases(options["own_cases"], options["stack"])
        for name in OWN_CASE_SETS:
            if name not in own and options["stack"] and own:
                splits[f"own_{name}"] = own_cases([name])[name]  # held out: only scored
        settings = classifier.NgramSettings(
            analyzer=options["analyzer"],
            ngram_max=options["ngram_max"],
            word_ngram_max=options["word_ngram_max"],
            n_features=2 ** options["features_log2"],
            C=options["C"],
        )
        cross = self._cross_dataset(splits, settings, seed) if options["cross_dataset"] else None
        ngram = None
        if options["ngram_from"] is not None:
            if extra:
                raise CommandError("--ngram-from cannot add --extra rows (the weights are fixed)")
            ngram = classifier.load(options["ngram_from"])
            if cross is None and "cross_dataset" in ngram.metrics:
                # The n-gram layer's cells, measured when those weights were trained.
                cross = {**ngram.metrics["cross_dataset"], "from": ngram.version}
        started = time.perf_counter()
        try:
            model = train_starter_model(
                splits,
                extra,
                settings=settings,
                seed=seed,
                description=self._description(splits, options["extra"], extra, seed),
                stack=options["stack"],
                ngram=ngram,
                own=own or None,
                quiet=[
                    row
                    for rows in own_cases(list(own), parts=("newcomers",)).values()
                    for row in rows
                ]
                if own
                else (),
            )
        except (ValueError, RuntimeError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"trained {model.version} in {time.perf_counter() - started:.0f} s")
        if cross is not None:
            model.metrics["cross_dataset"] = cross
        self._report(model)
        if options["dry_run"]:
            return
        classifier.save(model, options["output"])
        size = options["output"].stat().st_size
        self.stdout.write(f"saved {options['output']} ({size / 1e6:.1f} MB)")

    def _cross_dataset(self, splits, settings, seed) -> dict:
        table = {}
        for cell, plan in CROSS_CELLS.items():  # n-gram layer alone
            if not all(name in splits for name in plan["unseen"]):
                continue
            model = train_starter_model(
                {name: rows for name, rows in splits.items()},
                settings=settings,
                seed=seed,
                train_on=plan["train_on"],
                validate_on=plan["validate_on"],
            )
            table[cell] = {
                "thresholds": model.metrics["thresholds"],
                **{
                    name: model.metrics[name]
                    for name in splits
                    if name in model.metrics and name not in plan["train_on"].values()
                },
            }
            for name, m in table[cell].items():
                if name not in ("thresholds", "from"):
                    self._line(f"{cell} → {name}", m)
        return table

    def _report(self, model: classifier.OffensiveModel) -> None:
        self.stdout.write(f"thresholds: {model.metrics['thresholds']}")
        held_out_own = [f"own_{name}" for name in OWN_CASE_SETS]
        for name in (*EVALUATED_SPLITS, *held_out_own):
            if name in model.metrics:
                self._line(name, model.metrics[name])
        for group, m in model.metrics.get("stack", {}).get("own", {}).get("figures", {}).items():
            self._line(f"own cases, {group} (out of fold)", m["label"])

    @staticmethod
    def _own_cases(value: str, stack: bool) -> dict:
        names = [name.strip() for name in value.split(",") if name.strip()]
        if not names or not stack:
            return {}
        try:
            return own_cases(names)
        except ValueError as error:
            raise CommandError(str(error)) from None

    def _line(self, name: str, m: dict) -> None:
        self.stdout.write(
            f"{name:>34}: accuracy {m['accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}  "
            f"offensive precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
            f"F1 {m['f1']:.3f}  (n={m['n']:,})"
        )

    def _read_extra(self, paths: list[Path]) -> list[LabelledRow]:
        rows: list[LabelledRow] = []
        for path in paths:
            try:
                rows += read_labelled_csv(path, OFFENSIVE_LABELS)
            except (OSError, ValueError) as error:
                raise CommandError(str(error)) from None
        return rows

    @staticmethod
    def _description(splits, extra_paths, extra, seed) -> str:
        parts = [
            f"COLD cold_train.csv ({len(splits['cold_train']):,} zh rows; Apache-2.0)",
            f"Davidson davidson_labeled.csv, 80% stratified split seed {seed} "
            f"({len(splits['davidson_train']):,} en rows; classes 0,1 offensive, 2 safe; MIT)",
        ]
        if "olid_fit" in splits:
            parts.append(
                f"OLID olid_train.csv, 70% stratified split seed {seed} "
                f"({len(splits['olid_fit']):,} en rows; Zampieri et al., NAACL 2019)"
            )
        if extra:
            names = ", ".join(p.name for p in extra_paths)
            parts.append(f"{len(extra):,} extra rows from {names}")
        return " + ".join(parts)
