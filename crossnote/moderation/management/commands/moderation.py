"""Operator commands for trust & safety: eval, policies, hash lists, withholding, check."""

import json
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError


class Command(BaseCommand):
    help = "Moderation: eval a labelled CSV, import/export policies and hash lists, withhold."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser(
            "eval", help="score the pipeline on a labelled CSV (text,label[,language])"
        )
        ev.add_argument("file")
        ev.add_argument("--label-map", default="", help='e.g. "1=offensive,0=ok" (default: as is)')
        ev.add_argument("--json", action="store_true")
        ev.add_argument("--limit", type=int, default=0, help="only the first N rows")
        pol = sub.add_parser("policies", help="export or import the policy set as YAML")
        pol.add_argument("direction", choices=["export", "import"])
        pol.add_argument("file", nargs="?", default="-")
        pol.add_argument("--replace", action="store_true", help="delete policies not in the file")
        hashes = sub.add_parser("hashes", help="import or export a hash list (ThreatExchange CSV)")
        hashes.add_argument("direction", choices=["export", "import"])
        hashes.add_argument("file", nargs="?", default="-")
        hashes.add_argument("--category", default="illegal_goods")
        hashes.add_argument("--source", default="imported")
        wh = sub.add_parser("withhold", help="withhold a note in some regions")
        wh.add_argument("note_id", type=int)
        wh.add_argument("--regions", required=True, help="comma-separated ISO codes, e.g. DE,FR")
        wh.add_argument("--basis", required=True, help="the legal basis or order")
        wh.add_argument("--reference", default="")
        check = sub.add_parser("check", help="what the pipeline would do with a text")
        check.add_argument("text")
        sub.add_parser("train", help="retrain the shipped classifier (see moderation_train)")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _open(self, name, mode="r"):
        if name == "-":
            return sys.stdin if "r" in mode else sys.stdout
        return open(name, mode, encoding="utf-8", newline="")  # noqa: SIM115 - closed by caller

    def _eval(self, options):
        from crossnote.moderation.evaluation import evaluate_file

        label_map = dict(pair.split("=", 1) for pair in options["label_map"].split(",") if pair)
        report = evaluate_file(
            Path(options["file"]),
            label_map=label_map or None,
            limit=options["limit"] or None,
            progress=self.stderr,
        )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(report["text"])

    def _policies(self, options):
        from crossnote.moderation.policy_yaml import export_policies, import_policies

        if options["direction"] == "export":
            stream = self._open(options["file"], "w")
            stream.write(export_policies())
            return
        stream = self._open(options["file"])
        count = import_policies(stream.read(), replace=options["replace"])
        self.stdout.write(f"{count} policies imported")

    def _hashes(self, options):
        from crossnote.moderation.services import export_hash_list, import_hash_list

        if options["direction"] == "export":
            export_hash_list(self._open(options["file"], "w"))
            return
        count = import_hash_list(
            self._open(options["file"]), category=options["category"], source=options["source"]
        )
        self.stdout.write(f"{count} hashes imported")

    def _withhold(self, options):
        from crossnote.moderation.services import withhold_note
        from crossnote.notes.models import Note

        note = Note.objects.filter(pk=options["note_id"]).first()
        if note is None:
            raise CommandError(f"No note {options['note_id']}.")
        withhold_note(
            note=note,
            regions=options["regions"].split(","),
            legal_basis=options["basis"],
            reference=options["reference"],
        )
        self.stdout.write(f"note {note.pk} withheld in {options['regions']}")

    def _check(self, options):
        from crossnote.moderation.services import screen_text

        signals, verdict = screen_text(options["text"], kind="note")
        for signal in signals:
            self.stdout.write(
                f"{signal.layer:<11} {signal.category:<13} {signal.score:.2f} "
                f"{signal.rule} {signal.detail}"
            )
        self.stdout.write(
            f"→ {verdict.action}" + (f" ({verdict.policy})" if verdict.policy else "")
        )

    def _train(self, options):
        call_command("moderation_train")
