"""`crossnote portability`: import an archive or a CSV for a person, export their follows or
blocks, list and publish their imported drafts (operators; the pages and API do the same)."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from crossnote.accounts.models import User
from crossnote.core.errors import DomainError
from crossnote.core.tasks import for_command_line
from crossnote.portability import follows, selectors, services


def _user(name: str) -> User:
    user = (
        User.objects.filter(username__iexact=name).first()
        or User.objects.filter(email__iexact=name).first()
    )
    if user is None:
        raise CommandError(f"no such user: {name}")
    return user


class Command(BaseCommand):
    help = "Moving in and out: archives to drafts, follows and blocks as Mastodon CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="import instagram|mastodon ARCHIVE, or follows|blocks CSV"
        )
        imp.add_argument("kind", choices=["instagram", "mastodon", "follows", "blocks"])
        imp.add_argument("user", help="username or email")
        imp.add_argument("file")
        imp.add_argument("--domain", default="", help="this instance's domain (CSV imports)")
        exp = sub.add_parser("export", help="export follows|blocks as Mastodon CSV")
        exp.add_argument("kind", choices=["follows", "blocks"])
        exp.add_argument("user")
        exp.add_argument("--output", default="", help="write here instead of standard output")
        exp.add_argument("--domain", default="")
        drafts = sub.add_parser("drafts", help="list a person's imported drafts")
        drafts.add_argument("user")
        pub = sub.add_parser("publish", help="publish a person's drafts (all, or NOTE_ID ...)")
        pub.add_argument("user")
        pub.add_argument("note_ids", nargs="*", type=int)
        pub.add_argument("--visibility", default="", choices=["", "public", "followers", "private"])

        sweep = sub.add_parser("sweep", help="queue again imports that stopped moving")
        sweep.add_argument("--older-than", type=int, default=900, help="seconds without progress")

    def handle(self, *args, **options):
        for_command_line()
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _import(self, options):
        user, path = _user(options["user"]), Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        kind = options["kind"]
        if kind in ("follows", "blocks"):
            domain = options["domain"] or follows.local_domain()
            result = follows.import_addresses(
                user=user,
                kind=kind,
                data=path.read_bytes()[: follows.CSV_MAX_BYTES + 1],
                domain=domain,
            )
            for key, value in result.as_dict().items():
                if key != "problems":
                    self.stdout.write(f"{key}: {value}")
            for problem in result.problems:
                self.stdout.write(f"  {problem['item']}: {problem['reason']}")
            return
        with path.open("rb") as handle:
            upload = SimpleUploadedFile(path.name, handle.read())
        job = services.start_import(user=user, kind=kind, upload=upload)
        # The command waits for its import (the queued run, if it comes, finds it finished).
        services.run_import(import_id=job.pk)
        job.refresh_from_db()
        self.stdout.write(
            f"import {job.pk}: {job.status}, {job.imported} drafts made, {job.skipped} skipped"
        )
        if job.error:
            self.stdout.write(f"  refused: {job.error}")
        for problem in job.errors:
            self.stdout.write(f"  {problem['item']}: {problem['reason']}")
        if job.status == "failed":
            raise CommandError(job.error or "the import failed")

    def _export(self, options):
        user = _user(options["user"])
        domain = options["domain"] or follows.local_domain()
        if options["kind"] == "follows":
            text = follows.export_following(user=user, domain=domain)
        else:
            text = follows.export_blocks(user=user, domain=domain)
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:  # a missing folder, a folder, no permission: said in one line
                raise CommandError(
                    f"cannot write {options['output']}: {exc.strerror or exc}"
                ) from exc
        else:
            self.stdout.write(text, ending="")

    def _drafts(self, options):
        for draft in selectors.drafts_of(_user(options["user"])):
            note = draft.note
            self.stdout.write(f"{note.pk}\t{note.created_at:%Y-%m-%d}\t{note.title}")

    def _publish(self, options):
        user = _user(options["user"])
        count = services.publish_drafts(
            user=user, note_ids=options["note_ids"] or None, visibility=options["visibility"]
        )
        self.stdout.write(f"{count} published")

    def _sweep(self, options):
        count = services.requeue_stuck_imports(older_than_seconds=options["older_than"])
        self.stdout.write(f"{count} imports queued again")
