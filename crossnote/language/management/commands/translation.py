"""Translation engines for operators: install Argos models, list engines, translate a text,
score engines on a parallel file (chrF and BLEU)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.language import backends
from crossnote.language.detection import enabled_languages


def _pairs(pairs) -> str:
    return ", ".join(f"{s}→{t}" for s, t in pairs)


def _progress_bar(stdout):
    """Show (bytes so far, total) on one line of a command's stdout, redrawn per 1% or 1 MB."""
    shown = [None]

    def show(done: int, total: int | None) -> None:
        step = done * 100 // total if total else done >> 20
        if step == shown[0]:
            return
        shown[0] = step
        if total:
            filled = int(30 * done / total)
            text = (
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {step:3d}% "
                f"{done / 1e6:.1f}/{total / 1e6:.1f} MB"
            )
        else:
            text = f"\r{done / 1e6:.1f} MB"
        stdout.write(text, ending="")
        stdout.flush()

    return show


class _Reported(Exception):
    """Raised in --if-missing mode once a problem is printed: the command ends with success."""


class Command(BaseCommand):
    help = "Manage translation engines: install, list, translate, eval."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        install = sub.add_parser("install", help="download and install an Argos Translate model")
        install.add_argument("source", nargs="?", help="language to translate from, e.g. zh")
        install.add_argument("target", nargs="?", help="language to translate into, e.g. en")
        install.add_argument("--file", help="install from a local .argosmodel file (offline)")
        install.add_argument(
            "--if-missing",
            action="store_true",
            help="only pairs not installed yet; never fails (offline: a message), for `make run`; "
            "off when CROSSNOTE_TRANSLATION_AUTO_INSTALL=0",
        )
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
        if bool(options["source"]) != bool(options["target"]):
            raise CommandError("Name both languages (e.g. `install zh en`), or none for all pairs.")
        if options["file"]:
            try:
                path = argos.install_from_file(options["file"], models_dir=models_dir)
            except (argos.ModelInstallError, OSError, ValueError) as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Installed at {path}")
            return
        auto = options["if_missing"]
        if auto and not settings.CROSSNOTE_TRANSLATION_AUTO_INSTALL:
            self.stdout.write(
                "Translation models: automatic download is off "
                "(CROSSNOTE_TRANSLATION_AUTO_INSTALL=0); install them with "
                "`crossnote translation install`."
            )
            return
        if "argos" not in settings.CROSSNOTE_TRANSLATION_BACKENDS:
            note = "argos is not in CROSSNOTE_TRANSLATION_BACKENDS: its models would stay unused."
            if auto:
                self.stdout.write(f"Translation models: nothing downloaded; {note}")
                return
            self.stderr.write(note)
        explicit = (options["source"], options["target"]) if options["source"] else None
        try:
            self._install_pairs(argos, models_dir, explicit, auto)
        except _Reported:
            pass  # --if-missing: said on stdout; `make run` goes on
        except Exception as exc:
            if not auto:
                raise
            # Whatever breaks here (a full disk, a bug), `make run` must still start the server.
            self.stdout.write(f"Translation models not installed: {exc!r}")

    def _install_pairs(self, argos, models_dir, explicit, auto):
        """Install the pair asked for, or every enabled pair the index has (skipping installed
        ones). Problems raise CommandError, or in `auto` mode print and raise _Reported."""
        pairs = [explicit] if explicit else argos.enabled_pairs(enabled_languages())
        installed = [p for p in pairs if argos.is_installed(*p, models_dir=models_dir)]
        if auto or not explicit:
            pairs = [p for p in pairs if p not in installed]
        cached = argos.cached_index(models_dir) if auto else None
        if cached is not None:  # what the index offered last time: no network when all is here
            pairs = [p for p in pairs if argos.find_entry(cached, *p)]
        if not pairs:
            if installed:
                done = f"Translation models already installed ({_pairs(installed)})"
            else:
                done = "The Argos index fetched last has no package for the enabled languages"
            self.stdout.write(f"{done}; nothing to do.")
            return
        url = settings.CROSSNOTE_ARGOS_INDEX_URL or argos.DEFAULT_INDEX_URL
        try:
            index = argos.fetch_index(url, keep_in=models_dir)
        except argos.OfflineError as exc:
            message = argos.NO_INTERNET
            if installed:
                message = message.replace(
                    "the offline word-by-word view stays in use",
                    f"{_pairs(installed)} installed, the other pairs keep the offline "
                    "word-by-word view",
                )
            self._fail(f"{message}\n(Cannot reach {exc.url}: {exc.reason})", auto)
        except argos.ModelInstallError as exc:
            self._fail(str(exc), auto)
        available = [p for p in pairs if argos.find_entry(index, *p)]
        absent = [p for p in pairs if p not in available]
        if explicit and absent:
            self._fail(
                f"The Argos Translate package index at {url} has no {_pairs(absent)} package", auto
            )
        if absent:
            named = _pairs(absent[:8]) + (f" and {len(absent) - 8} more" if len(absent) > 8 else "")
            self.stdout.write(
                f"No Argos Translate package for {named}: those pairs use the next engine "
                "(the word-by-word view if none)."
            )
        failed = []
        for number, (source, target) in enumerate(available, 1):
            self.stdout.write(f"Installing {source}→{target} ({number}/{len(available)})")
            try:
                path = argos.install_package(
                    source,
                    target,
                    index_url=url,
                    index=index,
                    models_dir=models_dir,
                    progress=_progress_bar(self.stdout),
                )
            except (argos.ModelInstallError, OSError, ValueError) as exc:
                if explicit:
                    self._fail(str(exc), auto)
                self.stdout.write(f"\n{source}→{target} not installed: {exc}")
                failed.append((source, target))
                continue
            self.stdout.write(f"\nInstalled at {path}")
        if failed:
            self._fail(f"Not installed: {_pairs(failed)} (see above)", auto)

    def _fail(self, message, auto):
        if auto:
            self.stdout.write(message)
            raise _Reported
        raise CommandError(message)

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
        rows = backends.serving_pairs(enabled)
        for row in rows:
            pair = f"{row['source']}→{row['target']}"
            engine = row["engine"] or "(none: not translated)"
            if row["is_gloss"]:
                engine += " (word-by-word gloss)"
            self.stdout.write(f"{pair:<7} {engine:<15} {', '.join(row['fallbacks']) or '-'}")
        if not any(row["engine"] and not row["is_gloss"] for row in rows):
            from crossnote.language.backends.argos import INSTALL_HINT, NO_ENGINE_MESSAGE

            self.stdout.write(f"\n{NO_ENGINE_MESSAGE}\n{INSTALL_HINT}")

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
