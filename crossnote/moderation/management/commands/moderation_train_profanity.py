"""Choose alt-profanity-check's label threshold on the English validation splits.

    manage.py moderation_train_profanity [--precision 0.9] [--dry-run]

The objective is classifier.PROFANITY_OBJECTIVE (the lowest threshold with precision at least
--precision in every English validation source: davidson_validation and olid_validation, which
no model of ours was trained on). Writes trained/profanity_thresholds.json beside our model,
with the objective, the package version it holds for and each source's figures there; the
"profanity" layer's signals carry the threshold, and the policy engine acts only at or above
both it and the policy's min_score.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from crossnote.moderation.datasets import VALIDATION_SPLITS, default_data_dir, starter_splits
from crossnote.moderation.detectors import classifier


class Command(BaseCommand):
    help = "Choose alt-profanity-check's label threshold on the English validation splits."

    def add_arguments(self, parser):
        parser.add_argument("--precision", type=float, default=classifier.PROFANITY_PRECISION)
        parser.add_argument("--dry-run", action="store_true", help="print it, save nothing")

    def handle(self, *args, **options):
        if not 0.5 <= options["precision"] < 1.0:
            raise CommandError("--precision takes a value from 0.5 to below 1")
        splits = starter_splits(default_data_dir())
        missing = [name for name in VALIDATION_SPLITS["en"] if name not in splits]
        if missing:
            raise CommandError(f"validation splits missing: {', '.join(missing)}")
        validation = {name: splits[name] for name in VALIDATION_SPLITS["en"]}
        fitted = classifier.fit_profanity_thresholds(validation, precision=options["precision"])
        self.stdout.write(json.dumps(fitted, indent=2, ensure_ascii=False))
        if not options["dry_run"]:
            classifier.save_profanity_thresholds(fitted)
            self.stdout.write(f"saved {classifier.PROFANITY_THRESHOLDS_PATH}")
