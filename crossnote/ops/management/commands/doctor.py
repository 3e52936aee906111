"""`manage.py doctor` (`crossnote doctor`): check the configuration and say what to fix."""

import json

from django.core.management.base import BaseCommand, CommandError

from crossnote.ops.doctor import ERROR, WARNING, diagnose, summary

MARKS = {"ok": "  ok   ", "info": "  info ", "warning": "  WARN ", "error": "  ERROR"}


class Command(BaseCommand):
    help = "Check this configuration: production rules, services, storage, Django's deploy checks."
    requires_system_checks = []  # it runs them itself and reports them as findings

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the findings as JSON")
        parser.add_argument(
            "--strict", action="store_true", help="fail (exit 1) on warnings too, not only errors"
        )

    def handle(self, *args, strict=False, **options):
        findings = diagnose()
        errors = sum(f.level == ERROR for f in findings)
        warnings = sum(f.level == WARNING for f in findings)
        if options.get("json"):
            self.stdout.write(
                json.dumps(
                    {"summary": summary(), "findings": [f.as_dict() for f in findings]},
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            self.stdout.write(f"Crossnote doctor — {summary()}\n")
            for finding in findings:
                self.stdout.write(f"{MARKS[finding.level]}  [{finding.area}] {finding.message}")
                if finding.fix and finding.level != "ok":
                    self.stdout.write(f"           → {finding.fix}")
            self.stdout.write(f"\n{errors} error(s), {warnings} warning(s).")
        if errors or (strict and warnings):
            raise CommandError(f"{errors} error(s), {warnings} warning(s): see above.")
