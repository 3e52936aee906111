"""`crossnote language`: language detection from the command line: backfill the rows written
before detection existed (language_backfill), or detect the language of one text."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from crossnote.language.detection import detect_language


class Command(BaseCommand):
    help = "Language detection: backfill rows written before detection, or detect one text."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        backfill = sub.add_parser("backfill", help="detect the language of existing rows")
        backfill.add_argument("--all", action="store_true", help="redo rows that have one")
        backfill.add_argument("--batch", type=int, default=500, help="rows per batch (500)")
        detect = sub.add_parser("detect", help="detect the language of one text")
        detect.add_argument("text")

    def handle(self, *args, action, **options):
        if action == "backfill":
            call_command(
                "language_backfill", all=options["all"], batch=options["batch"], stdout=self.stdout
            )
            return
        result = detect_language(options["text"])
        parts = ", ".join(f"{p['lang']} {p['share']:.0%}" for p in result.parts)
        self.stdout.write(
            f"{result.code} (confidence {result.confidence:.2f}){' — ' + parts if parts else ''}"
        )
