"""Train the offensive-language n-gram model from COLD + Davidson (+ moderators' decisions).

    manage.py moderation_train [--cold-dir DIR] [--extra decisions.csv] [--output FILE]

Held-out checks: COLD's dev split (never trained on) and a seeded 20% of Davidson. The data
ships in the package (crossnote/moderation/data, see crossnote.moderation.datasets).
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossnote.moderation.datasets import (
    OFFENSIVE_LABELS,
    default_data_dir,
    read_cold,
    split_davidson,
)
from crossnote.moderation.detectors import classifier
from crossnote.moderation.evaluation import LabelledRow, offensive_metrics, read_labelled_csv

__all__ = ["Command", "default_data_dir", "offensive_metrics", "read_cold", "split_davidson"]

MISSING_DATA = (
    "No training data there (the package ships it in crossnote/moderation/data); pass --cold-dir"
)


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
        parser.add_argument("--analyzer", choices=["char", "char_wb"], default=defaults.analyzer)
        parser.add_argument("--ngram-max", type=int, default=defaults.ngram_max)
        parser.add_argument("--features-log2", type=int, default=20)
        parser.add_argument("--c", type=float, default=defaults.C, dest="C")
        parser.add_argument("--dry-run", action="store_true", help="report metrics, save nothing")

    def handle(self, *args, **options):
        data_dir = options["cold_dir"] or default_data_dir()
        needed = [data_dir / n for n in ("cold_train.csv", "cold_dev.csv", "davidson_labeled.csv")]
        if not all(path.is_file() for path in needed):
            raise CommandError(f"{MISSING_DATA} (looked in {data_dir})")
        seed = options["seed"]
        try:
            cold_train, cold_dev = read_cold(needed[0]), read_cold(needed[1])
            davidson_train, davidson_held_out = split_davidson(needed[2], seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        extra = self._read_extra(options["extra"])
        rows = cold_train + davidson_train + extra
        self.stdout.write(
            f"training on {len(rows):,} rows: {len(cold_train):,} COLD, "
            f"{len(davidson_train):,} Davidson, {len(extra):,} extra"
        )
        ngram_settings = classifier.NgramSettings(
            analyzer=options["analyzer"],
            ngram_max=options["ngram_max"],
            n_features=2 ** options["features_log2"],
            C=options["C"],
        )
        started = time.perf_counter()
        model = classifier.train(
            rows,
            settings=ngram_settings,
            seed=seed,
            description=self._description(
                cold_train, davidson_train, options["extra"], extra, seed
            ),
        )
        self.stdout.write(f"trained {model.version} in {time.perf_counter() - started:.0f} s")
        model.metrics.update(
            {
                "threshold": 0.5,
                "seed": seed,
                "cold_dev": offensive_metrics(model, cold_dev),
                "davidson_held_out": offensive_metrics(model, davidson_held_out),
            }
        )
        self._report(model)
        if options["dry_run"]:
            return
        classifier.save(model, options["output"])
        size = options["output"].stat().st_size
        self.stdout.write(f"saved {options['output']} ({size / 1e6:.1f} MB)")

    def _report(self, model: classifier.OffensiveModel) -> None:
        for name in ("cold_dev", "davidson_held_out"):
            m = model.metrics[name]
            self.stdout.write(
                f"{name:>18}: precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                f"F1 {m['f1']:.3f}  accuracy {m['accuracy']:.3f}  (n={m['n']:,})"
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
    def _description(cold_train, davidson_train, extra_paths, extra, seed) -> str:
        parts = [
            f"COLD cold_train.csv ({len(cold_train):,} zh rows; Apache-2.0)",
            f"Davidson davidson_labeled.csv, 80% stratified split seed {seed} "
            f"({len(davidson_train):,} en rows; classes 0,1 offensive, 2 safe; MIT)",
        ]
        if extra:
            names = ", ".join(p.name for p in extra_paths)
            parts.append(f"{len(extra):,} extra rows from {names}")
        return " + ".join(parts)
