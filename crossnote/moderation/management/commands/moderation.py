"""Operator commands for trust & safety: eval, policies, hash lists, withholding, check,
training and classifier versions."""

import csv
import json
import sys
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from crossnote.accounts.models import User
from crossnote.core.errors import DomainError, NotFound
from crossnote.moderation import presenters, selectors, services
from crossnote.moderation.evaluation import evaluate_file
from crossnote.moderation.models import AuditEntry
from crossnote.moderation.roles import is_moderator
from crossnote.moderation.services import training
from crossnote.moderation.services.enforcement import NoSuspensionInForce
from crossnote.moderation.services.suite_runs import ERRORS_KEPT
from crossnote.moderation.suite import CASES_DIR, cases_directory, run_suite
from crossnote.moderation.suite.runner import format_report
from crossnote.notes.models import Note


def _label_map(text: str) -> dict[str, str]:
    """--label-map "1=offensive,0=ok" as {"1": "offensive", "0": "ok"}; a pair without "=" is
    refused with the form to use (dict() said only "dictionary update sequence element #0")."""
    pairs = [pair.strip() for pair in text.split(",") if pair.strip()]
    for pair in pairs:
        if "=" not in pair or not pair.split("=", 1)[1].strip():
            raise CommandError(
                f'--label-map: {pair!r} is not RAW=LABEL; write e.g. "1=offensive,0=ok"'
            )
    return dict((raw.strip(), label.strip()) for raw, label in (p.split("=", 1) for p in pairs))


class Command(BaseCommand):
    help = (
        "Moderation: eval a labelled CSV, run the regression suite, import/export policies and "
        "hash lists, withhold."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser(
            "eval", help="score the pipeline on a labelled CSV (text,label[,language])"
        )
        ev.add_argument("file")
        ev.add_argument("--label-map", default="", help='e.g. "1=offensive,0=ok" (default: as is)')
        ev.add_argument("--json", action="store_true")
        ev.add_argument("--limit", type=int, default=0, help="only the first N rows")
        ev.add_argument(
            "--layer", default="", help="score one layer's signals alone (e.g. classifier, terms)"
        )
        ev.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="with --layer: flagged when its signal scores at least this (default: where "
            "an enabled policy would act on the signal: its min_score and the model's own "
            "threshold for the text's language)",
        )
        ev.add_argument(
            "--errors",
            type=int,
            default=0,
            metavar="N",
            help="print the N worst false positives and false negatives with their scores",
        )
        suite = sub.add_parser(
            "suite",
            help="run the built-in regression cases (evasions, look-alikes, newcomer posts): "
            "catch and false-positive rates per group, and the failing cases",
        )
        suite.add_argument("--json", action="store_true")
        suite.add_argument(
            "--group", default="", help="only one set, kind or language (e.g. pinyin, zh)"
        )
        suite.add_argument(
            "--errors", type=int, default=20, metavar="N", help="list at most N failures per side"
        )
        suite.add_argument(
            "--cases",
            default="suite",
            metavar="SET",
            help="which cases: suite (the default, held to floors by the tests), a held-out set "
            "beside it (holdout … holdout17: each written once before the rules "
            "were tuned; train9: written to train on) or a folder of cases_*.csv files; a run of the suite is "
            "kept as the last run the suite page shows",
        )
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
        sub.add_parser("sweep", help="end timed suspensions whose time is up (run daily)")
        unsuspend = sub.add_parser(
            "unsuspend", help="lift a person's suspensions in force and reactivate the account"
        )
        unsuspend.add_argument("username", help="whose (any case; a leading @ is ignored)")
        unsuspend.add_argument("--reason", required=True, help="why (kept in the audit log)")
        audit = sub.add_parser("audit", help="export the audit log as CSV")
        audit.add_argument("file", nargs="?", default="-")
        check = sub.add_parser("check", help="what the pipeline would do with a text")
        check.add_argument("text")
        item = sub.add_parser(
            "item",
            help="one review item as its moderator sees it: each layer's score against the "
            "policies' thresholds and the AI's suggestion, the note a comment sits under, an "
            "appeal and the original reason translated",
        )
        item.add_argument("item_id", type=int)
        item.add_argument("--as", dest="moderator", required=True, help="a moderator's username")
        item.add_argument("--target", default="", help="translate into (default: theirs)")
        item.add_argument("--json", action="store_true", help="the API's ItemDetailOut as JSON")
        train = sub.add_parser(
            "train",
            help="retrain the shipped classifier (see moderation_train), or with "
            "--from-decisions train a new version from moderators' decisions",
        )
        train.add_argument("--from-decisions", action="store_true")
        train.add_argument("--data-dir", default=None, help="starter data (COLD + Davidson)")
        train.add_argument(
            "--fine-tune", action="store_true", help="fine-tune the shipped model, no starter data"
        )
        train.add_argument("--seed", type=int, default=0)
        train.add_argument("--holdout", type=float, default=0.2, help="share of decisions held out")
        train.add_argument("--activate", action="store_true", help="activate the new version")
        versions = sub.add_parser("classifier", help="list, activate or roll back versions")
        versions.add_argument("step", choices=["list", "activate", "rollback"])
        versions.add_argument("version", nargs="?", default="")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        except UnicodeDecodeError as exc:  # a policies YAML or hash list CSV in another encoding
            name = options.get("file") or "the input"
            raise CommandError(
                f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from exc
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _open(self, name, mode="r"):
        if name == "-":
            return sys.stdin if "r" in mode else sys.stdout
        return open(name, mode, encoding="utf-8", newline="")  # noqa: SIM115 - closed by caller

    def _eval(self, options):
        label_map = _label_map(options["label_map"])
        if options["threshold"] is not None and not options["layer"]:
            raise CommandError("--threshold needs --layer")
        if options["errors"] < 0:
            raise CommandError("--errors takes a count of 0 or more")
        report = evaluate_file(
            Path(options["file"]),
            label_map=label_map or None,
            limit=options["limit"] or None,
            progress=self.stderr,
            layer=options["layer"] or None,
            threshold=options["threshold"],
            errors=options["errors"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(report["text"])

    def _suite(self, options):
        if options["errors"] < 0:
            raise CommandError("--errors takes a count of 0 or more")
        try:
            directory = cases_directory(options["cases"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        shipped = directory == CASES_DIR
        errors = max(options["errors"], ERRORS_KEPT) if shipped else options["errors"]
        started = time.perf_counter()
        result = run_suite(group=options["group"], errors=errors, directory=directory)
        if shipped:  # the suite page's last run is the shipped cases', whoever ran them
            services.remember_suite_run(
                result, group=options["group"], seconds=time.perf_counter() - started
            )
            failures = result["failures"]
            for key in ("missed", "false_alarms"):
                failures[key] = failures[key][: options["errors"]]
            result["text"] = format_report(result)
        if options["json"]:
            result.pop("text")
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(result["text"])

    def _policies(self, options):
        if options["direction"] == "export":
            stream = self._open(options["file"], "w")
            stream.write(services.export_policies())
            return
        stream = self._open(options["file"])
        count = services.import_policies(stream.read(), replace=options["replace"])
        self.stdout.write(f"{count} policies imported")

    def _hashes(self, options):
        if options["direction"] == "export":
            services.export_hash_list(self._open(options["file"], "w"))
            return
        count = services.import_hash_list(
            self._open(options["file"]), category=options["category"], source=options["source"]
        )
        self.stdout.write(f"{count} hashes imported")

    def _withhold(self, options):
        note = Note.objects.filter(pk=options["note_id"]).first()
        if note is None:
            raise CommandError(f"No note {options['note_id']}.")
        services.withhold_note(
            note=note,
            regions=options["regions"].split(","),
            legal_basis=options["basis"],
            reference=options["reference"],
        )
        self.stdout.write(f"note {note.pk} withheld in {options['regions']}")

    def _audit(self, options):
        writer = csv.writer(self._open(options["file"], "w"))
        writer.writerow(["created_at", "actor", "action", "target", "before", "after"])
        for entry in AuditEntry.objects.order_by("created_at").iterator():
            writer.writerow(
                [
                    entry.created_at.isoformat(),
                    entry.actor_name,
                    entry.action,
                    entry.target,
                    json.dumps(entry.before, ensure_ascii=False),
                    json.dumps(entry.after, ensure_ascii=False),
                ]
            )

    def _sweep(self, options):
        self.stdout.write(f"{services.lift_expired_suspensions()} suspensions ended")

    def _unsuspend(self, options):
        # The API's lookup (any case, "@" stripped) and refusals, in the command's own words.
        try:
            person, count = services.lift_suspensions_of(
                options["username"], None, options["reason"]
            )
        except NotFound as exc:
            raise CommandError(f"no user named {options['username']!r}") from exc
        except NoSuspensionInForce as exc:
            raise CommandError(f"{exc.person.username} has no suspension in force") from exc
        self.stdout.write(f"{count} suspension(s) of {person.username} lifted; account active")

    def _check(self, options):
        signals, verdict = selectors.screen_text(options["text"], kind="note")
        for signal in signals:
            self.stdout.write(
                f"{signal.layer:<11} {signal.category:<13} {signal.score:.2f} "
                f"{signal.rule} {signal.detail}"
            )
        self.stdout.write(
            f"→ {verdict.action}" + (f" ({verdict.policy})" if verdict.policy else "")
        )

    def _item(self, options):
        moderator = User.objects.filter(username=options["moderator"]).first()
        if moderator is None or not is_moderator(moderator):
            raise CommandError(f"{options['moderator']!r} is not a moderator.")
        try:
            api = presenters.item_context(moderator, options["item_id"], target=options["target"])[
                "api"
            ]
        except NotFound:
            raise CommandError(f"No review item {options['item_id']}.") from None
        if options["json"]:
            self.stdout.write(json.dumps(api, ensure_ascii=False, indent=2, default=str))
            return
        out = self.stdout.write
        out(f"#{api['id']} {api['kind']} {api['object_id']} · {api['source']} · {api['status']}")
        if api["note"]:
            out(
                f"under the note {api['note']['id']}: {api['note']['title']} ({api['note']['url']})"
            )
        suggestion = api["suggestion"]
        for layer in suggestion["layers"]:
            score = "—" if layer["score"] is None else f"{layer['score']:.2f}"
            out(f"  {layer['layer']:<11} {score:>5}  {layer['rule']}")
            for policy in layer["policies"]:
                threshold = policy["threshold"]
                mark = "reached" if policy["reached"] else "below"
                shown = "never alone" if threshold is None else f"{threshold:.2f}"
                out(f"      {mark:<7} {shown} ({policy['threshold_from']}) {policy['policy']}")
        out(f"AI suggests {suggestion['action']}: {suggestion['why']}")
        if api["appeal"]:
            for label, text in (
                ("appeal", api["appeal"]["text"]),
                ("original reason", api["appeal"]["decision"]["reason"]),
            ):
                out(f"{label}: {text['original']}")
                if text["translation"]:
                    out(f"  → {text['translation']} ({text['engine']})")

    def _train(self, options):
        if not options["from_decisions"]:
            call_command("moderation_train")
            return
        row = training.train_version(
            starter_dir=options["data_dir"],
            seed=options["seed"],
            holdout=options["holdout"],
            fine_tune=True if options["fine_tune"] else None,
        )
        metrics = row.metrics
        self.stdout.write(
            f"trained {row.version} ({metrics['mode']}) on {metrics['decisions']['train']} "
            f"decisions; held out {metrics['decisions']['held_out']}"
        )
        self.stdout.write(f"{'':<8}{'version':<28}precision  recall     F1")
        for name in ("active", "new"):
            m = metrics["held_out"][name]
            scores = (
                f"{m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f}" if m["n"] else "—"
            )
            self.stdout.write(f"{name:<8}{m['version']:<28}{scores}")
        for name in ("cold_dev", "davidson_held_out"):  # retrained: the starter's own checks
            if name in metrics:
                m = metrics[name]
                self.stdout.write(
                    f"{name} (new): precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                    f"F1 {m['f1']:.3f}  (n={m['n']:,})"
                )
        if options["activate"]:
            training.activate_version(row.version)
            self.stdout.write(f"{row.version} is now active")
        else:
            self.stdout.write(
                f"activate it with: crossnote moderation classifier activate {row.version}"
            )

    def _classifier(self, options):
        if options["step"] == "activate":
            if not options["version"]:
                raise CommandError("name the version to activate (see: classifier list)")
            row = training.activate_version(options["version"])
            self.stdout.write(f"{row.version} is now active")
        elif options["step"] == "rollback":
            row = training.rollback()
            self.stdout.write(f"rolled back: {row.version} is now active")
        else:
            for row in training.list_versions():
                f1 = row.metrics.get("held_out", {}).get("new", {}).get("f1")
                held = f"held-out F1 {f1:.3f}" if f1 is not None else ""
                mark = "*" if row.active else " "
                self.stdout.write(f"{mark} {row.version:<28} {row.created_at:%Y-%m-%d} {held}")
