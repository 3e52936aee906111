"""Operator commands for data rights: export, erase, data region, sweep. Each is logged."""

import getpass
import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from crossnote.accounts.models import User
from crossnote.core.errors import DomainError
from crossnote.privacy import services, tasks
from crossnote.privacy.models import OperatorAction


def _output_path(value: str | None) -> Path | None:
    """Where --output puts the archive, checked before the export is built: a folder that does
    not exist ended the command in a FileNotFoundError traceback after the work was done."""
    if not value:
        return None
    path = Path(value)
    if not path.is_dir() and not path.parent.is_dir():
        raise CommandError(f"--output: there is no folder {path.parent}")
    return path


def _operator() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


class Command(BaseCommand):
    help = "Privacy: export a person's data, erase an account, set a data region, run the sweeper."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="build a person's export archive now")
        export.add_argument("user", help="username or email")
        export.add_argument("--output", help="copy the zip here (default: print its path)")
        erase = sub.add_parser(
            "erase", help="close an account and erase it after the grace period (or --now)"
        )
        erase.add_argument("user", help="username or email")
        erase.add_argument("--now", action="store_true", help="erase at once, no grace period")
        region = sub.add_parser(
            "region",
            help="change an account's data-region tag (its data stays on this instance's database)",
        )
        region.add_argument("user", help="username or email")
        region.add_argument("region", help="e.g. global, cn, eu, us")
        sub.add_parser(
            "sweep", help="re-queue stuck exports, expire old ones, erase accounts that are due"
        )

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _user(self, name: str):
        user = User.objects.filter(Q(username__iexact=name) | Q(email__iexact=name)).first()
        if user is None:
            raise CommandError(f"no account {name!r}")
        return user

    def _export(self, options):
        user = self._user(options["user"])
        output = _output_path(options["output"])
        services.record_operator_action(
            operator=_operator(), action=OperatorAction.Action.EXPORT, subject=user
        )
        try:
            export = services.export_now(user=user, via="cli")
        except DomainError as exc:
            raise CommandError(f"{user.username}: {exc.message}") from exc
        if output:
            if output.is_dir():  # --output DIR: the archive under its own name there
                output = output / Path(export.file_name).name
            try:
                with services.open_export(export) as source, output.open("wb") as out:
                    shutil.copyfileobj(source, out)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror or exc}") from exc
            where = str(output)
        else:
            try:
                where = services.export_storage().path(export.file_name)
            except NotImplementedError:  # a bucket: no local path
                where = f"{export.file_name} in the exports storage (--output FILE copies it here)"
        self.stdout.write(f"export {export.pk} of {user.username}: {export.size} bytes -> {where}")

    def _erase(self, options):

        user = self._user(options["user"])
        if options["now"]:
            request = services.erase_now(user=user, operator=_operator())
            self.stdout.write(f"{request.subject_ref} erased")
            return
        request = services.schedule_erasure(user=user, via="cli")
        services.record_operator_action(
            operator=_operator(), action=OperatorAction.Action.ERASE, subject=user
        )
        self.stdout.write(
            f"{request.subject_ref} closed; erased after {request.erase_after:%Y-%m-%d %H:%M} UTC"
        )

    def _region(self, options):

        user = self._user(options["user"])
        old = user.data_region
        services.set_data_region(user=user, region=options["region"], operator=_operator())
        self.stdout.write(
            f"{user.username}: data-region tag {old} -> {user.data_region} (recorded). "
            "No data was moved: this instance keeps every account on its one database; "
            "keeping a region's data apart means running a separate Crossnote instance for it."
        )

    def _sweep(self, options):

        done = tasks.sweep(run=tasks.run_inline)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in done.items()))
