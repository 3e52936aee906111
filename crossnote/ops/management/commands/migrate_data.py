"""`manage.py migrate_data` (`crossnote migrate-data`): move every row to another database."""

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.ops.datamigration import migrate_data


class Command(BaseCommand):
    help = (
        "Copy every row from one database into a new one (e.g. the embedded SQLite file into "
        "PostgreSQL), then compare row counts and checksums table by table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="sqlite:///path/db")
        parser.add_argument("--to", dest="target", required=True, help="postgres://…/name")
        parser.add_argument("--verify-only", action="store_true", help="compare only; copy nothing")
        parser.add_argument("--chunk", type=int, default=1000, help="rows per batch (1000)")

    def handle(self, *args, source, target, verify_only=False, chunk=1000, **options):
        try:
            reports = migrate_data(
                source, target, verify_only=verify_only, chunk=chunk, out=self.stdout.write
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        bad = [r for r in reports if not r.ok]
        rows = sum(r.source_rows for r in reports)
        self.stdout.write(f"{'table':<40} {'source':>8} {'target':>8}  checksum")
        for report in reports:
            if report.source_rows or report.target_rows or not report.ok:
                mark = "ok" if report.ok else "MISMATCH"
                self.stdout.write(
                    f"{report.table:<40} {report.source_rows:>8} {report.target_rows:>8}  "
                    f"{report.source_checksum[:12]} {mark}"
                )
        if bad:
            names = ", ".join(r.table for r in bad)
            raise CommandError(f"{len(bad)} table(s) differ between source and target: {names}")
        self.stdout.write(
            f"Verified: {len(reports)} tables, {rows} rows; counts and checksums match."
        )
