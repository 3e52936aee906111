"""Translation engines for operators: install Argos models, list engines, translate a text,
score engines on a parallel file (chrF and BLEU)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.language import backends
from crossnote.language.detection import enabled_languages


def _progress_bar(stream):
    def show(done: int, total: int | None) -> None:
        if total:
            filled = int(30 * done / total)
            stream.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {done * 100 // total:3d}% "
                f"{done / 1e6:.1f}/{total / 1e6:.1f} MB"
            )
        else:
            stream.write(f"\r{done / 1e6:.1f} MB")
        stream.flush()

    return show


class Command(BaseCommand):
    help = "Manage translation engines: install, list, translate, eval."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        install = sub.add_parser("install", help="download and install an Argos Translate model")
        install.add_argument("source", nargs="?", help="language to translate from, e.g. zh")
        install.add_argument("target", nargs="?", help="language to translate into, e.g. en")
        install.add_argument("--file", help="install from a local .argosmodel file (offline)")
        sub.add_parser("list", help="the engines in the order they are tried, and their pairs")
        translate = sub.add_parser("translate", help="translate a text through the chain")
        translate.add_argument("text")
        translate.add_argument("--to", required=True, dest="to")
        translate.add_argument("--from", dest="source")
        evaluate = sub.add_parser(
            "eval", help="score engines on a parallel file (TSV or JSONL) with chrF and BLEU"
        )
        evaluate.add_argument("file", help="parallel file: TSV (header zh<TAB>en) or JSONL")
        evaluate.add_argument("--from", dest="source", default="zh", help="default: zh")
        evaluate.add_argument("--to", dest="to", default="en", help="default: en")
        evaluate.add_argument(
            "--engines", help="comma-separated engine names (default: the configured chain)"
        )
        evaluate.add_argument("--examples", type=int, default=3, help="examples to print")
        evaluate.add_argument("--limit", type=int, help="score only the first N pairs")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _install(self, options):
        from crossnote.language.backends import argos

        models_dir = settings.CROSSNOTE_TRANSLATION_OPTIONS["argos"]["models_dir"]
        if not options["file"] and not (options["source"] and options["target"]):
            raise CommandError("Name the two languages (e.g. `install zh en`) or give --file PATH.")
        try:
            if options["file"]:
                path = argos.install_from_file(options["file"], models_dir=models_dir)
            else:
                path = argos.install_package(
                    options["source"],
                    options["target"],
                    models_dir=models_dir,
                    index_url=settings.CROSSNOTE_ARGOS_INDEX_URL,
                    progress=_progress_bar(sys.stdout),
                )
        except (argos.ModelInstallError, OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"\nInstalled at {path}")

    def _list(self, options):
        enabled = enabled_languages()
        for backend in backends.chain():
            pairs = [
                f"{s}→{t}" for s in enabled for t in enabled if s != t and backend.supports(s, t)
            ]
            where = "local" if backend.info.is_local else "remote"
            self.stdout.write(
                f"{backend.info.name:<15} {where:<7} {', '.join(pairs) or '(no pairs ready)'}"
            )
        self.stdout.write("")
        self.stdout.write("pair    served by       then")
        for row in backends.serving_pairs(enabled):
            pair = f"{row['source']}→{row['target']}"
            engine = row["engine"] or "(none: not translated)"
            if row["is_gloss"]:
                engine += " (word-by-word gloss)"
            self.stdout.write(f"{pair:<7} {engine:<15} {', '.join(row['fallbacks']) or '-'}")

    def _translate(self, options):
        from crossnote.language.services import translate_text

        try:
            result = translate_text(options["text"], options["to"], source=options["source"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(result.text)
        kind = ", word-by-word glosses, not a translation" if result.is_gloss else ""
        self.stderr.write(f"[{result.backend}{kind}{', cached' if result.cached else ''}]")

    def _eval(self, options):
        from crossnote.language import evaluation

        engines = [n.strip() for n in (options["engines"] or "").split(",") if n.strip()]
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        try:
            pairs = evaluation.load_pairs(options["file"], options["source"], options["to"])
            pairs = pairs[: options["limit"]] if options["limit"] else pairs
            chosen = evaluation.engines_named(engines or None)
            scores = evaluation.evaluate(pairs, options["source"], options["to"], chosen)
        except evaluation.EvaluationError as exc:
            raise CommandError(str(exc)) from exc
        lines = evaluation.report(
            pairs, scores, options["source"], options["to"], examples=max(0, options["examples"])
        )
        self.stdout.write("\n".join(lines))
