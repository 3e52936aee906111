"""Choose the classifier's alone threshold per language group on the validation splits.

    manage.py moderation_fit_alone [--output FILE] [--dry-run]

Runs the validation halves (COLD dev's, Davidson's 20%'s, OLID's 15%: datasets.VALIDATION_SPLITS)
through the whole synchronous pipeline with the classifier the pipeline loads (the active version,
else the shipped model), and chooses per language group the threshold at which the classifier
acts on a text no other layer acts on (classifier.ALONE_OBJECTIVE). Stores it with that model
(thresholds[group]["label_alone"], the objective and each source's figures in metrics["alone"]),
in its own file unless --output names another. The test halves are not read.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossnote.moderation.datasets import VALIDATION_SPLITS, default_data_dir, starter_splits
from crossnote.moderation.detectors import classifier
from crossnote.moderation.evaluation import pipeline_records
from crossnote.moderation.model_store import active_model_path


class Command(BaseCommand):
    help = "Choose the classifier's alone threshold per language on the validation splits."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="default: the model's file")
        parser.add_argument("--dry-run", action="store_true", help="print it, save nothing")

    def handle(self, *args, **options):
        path = active_model_path()
        try:
            model = classifier.load(path)
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read the classifier at {path}: {error}") from None
        splits = starter_splits(default_data_dir())
        names = [name for names in VALIDATION_SPLITS.values() for name in names]
        missing = [name for name in names if name not in splits]
        if missing:
            raise CommandError(f"validation splits missing: {', '.join(missing)}")
        validation = {}
        for name in names:
            self.stderr.write(f"{name}: {len(splits[name]):,} texts through the pipeline")
            validation[name] = pipeline_records(splits[name], progress=sys.stderr)
        chosen = classifier.fit_alone_thresholds(validation)
        self.stdout.write(json.dumps(chosen, indent=2, ensure_ascii=False))
        if options["dry_run"]:
            return
        classifier.record_alone_thresholds(model, chosen)
        output = options["output"] or path
        classifier.save(model, output)
        self.stdout.write(f"saved {output} ({model.version})")
