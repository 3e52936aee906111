"""Operator commands for federation: domain blocks (block, unblock, list, import a blocklist CSV),
look someone up, and show whether federation is on."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.federation import activities, moving, services
from crossnote.federation.models import AccountMove, DomainBlock, ReceivedMove


class Command(BaseCommand):
    help = "Federation (ActivityPub): domain blocks, blocklist import, address lookup, account moves, status."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="whether federation is on, and for which domain")
        block = sub.add_parser("block", help="refuse a server's activities and hide its content")
        block.add_argument("domain")
        block.add_argument("--severity", default="suspend", choices=DomainBlock.Severity.values)
        block.add_argument("--reason", default="", help="a public reason")
        unblock = sub.add_parser("unblock", help="lift a domain block")
        unblock.add_argument("domain")
        sub.add_parser("blocks", help="list blocked domains")
        imp = sub.add_parser(
            "import-blocks", help="import a blocklist CSV (#domain,#severity,... or one a line)"
        )
        imp.add_argument("file")
        lookup = sub.add_parser("lookup", help="find @name@server through WebFinger and keep them")
        lookup.add_argument("address")
        alias = sub.add_parser(
            "alias", help="a person's old accounts elsewhere (alsoKnownAs), so they can move here"
        )
        alias.add_argument("username")
        alias.add_argument("address", nargs="?", help="@name@server to add (omit to list)")
        alias.add_argument("--remove", action="store_true", help="remove the alias instead")
        move = sub.add_parser(
            "move", help="move a person to their account elsewhere, with their followers"
        )
        move.add_argument("username")
        move.add_argument(
            "address", nargs="?", help="the new account, @name@server (must name them)"
        )
        move.add_argument("--cancel", action="store_true", help="cancel their redirect instead")
        sub.add_parser("moves", help="recent moves: people here who moved, Moves received")

    def handle(self, *args, **options):
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _status(self, options):
        if activities.enabled():
            self.stdout.write(f"federation: on, as {activities.base_url()}")
        else:
            self.stdout.write("federation: off (set CROSSNOTE_FEDERATION_DOMAIN to turn it on)")

    def _block(self, options):
        row = services.block_domain(
            domain=options["domain"], severity=options["severity"], reason=options["reason"]
        )
        self.stdout.write(f"blocked {row.domain} ({row.severity})")

    def _unblock(self, options):
        if not services.unblock_domain(domain=options["domain"]):
            raise CommandError(f"{options['domain']} is not blocked")
        self.stdout.write(f"unblocked {options['domain']}")

    def _blocks(self, options):
        for row in DomainBlock.objects.all():
            reason = f"  {row.reason}" if row.reason else ""
            self.stdout.write(f"{row.domain}\t{row.severity}{reason}")

    def _import_blocks(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from exc
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        blocked, problems = services.import_blocklist(text)
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"blocked {blocked} domains")

    def _lookup(self, options):
        actor = services.lookup_address(options["address"])
        self.stdout.write(f"{actor.address}\t{actor.uri}\t{actor.name}")

    def _person(self, username: str):
        from crossnote.accounts.models import User

        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no such person: {username}")
        return user

    def _alias(self, options):
        user = self._person(options["username"])
        address = options["address"]
        if address and options["remove"]:
            if not moving.remove_alias(user=user, address=address):
                raise CommandError(f"{address} is not an alias of {user.username}")
            self.stdout.write(f"removed alias {address}")
        elif address:
            alias = moving.add_alias(user=user, address=address)
            self.stdout.write(f"{user.username} is also known as {alias.address}\t{alias.uri}")
        for row in moving.aliases_of(user) if not address else ():
            self.stdout.write(f"{row.address}\t{row.uri}")

    def _move(self, options):
        user = self._person(options["username"])
        if options["cancel"]:
            cancelled = moving.cancel_move(user=user, by_operator=True)
            self.stdout.write(f"{user.username}: redirect to {cancelled.target_uri} cancelled")
            return
        if not options["address"]:
            raise CommandError("give the new account's address (or --cancel)")
        move = moving.move_account(user=user, address=options["address"], by_operator=True)
        self.stdout.write(
            f"{user.username} moved to {move.target_address}: {move.local_followers} followers "
            f"here switched, {move.remote_followers} servers told"
        )

    def _moves(self, options):
        for out in AccountMove.objects.select_related("user")[:50]:
            self.stdout.write(
                f"moved away\t{out.user.username}\t{out.target_uri}\t{out.created_at:%Y-%m-%d}"
            )
        for got in ReceivedMove.objects.all()[:50]:
            self.stdout.write(
                f"received\t{got.origin_uri}\t{got.target_uri}\t{got.followers_moved} followers\t{got.created_at:%Y-%m-%d}"
            )
