"""Operator commands for federation: domain blocks (block, unblock, list, import a blocklist CSV),
look someone up, and show whether federation is on."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.federation import activities, services
from crossnote.federation.models import DomainBlock


class Command(BaseCommand):
    help = "Federation (ActivityPub): domain blocks, blocklist import, address lookup, status."

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
        blocked, problems = services.import_blocklist(path.read_text(encoding="utf-8-sig"))
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"blocked {blocked} domains")

    def _lookup(self, options):
        actor = services.lookup_address(options["address"])
        self.stdout.write(f"{actor.address}\t{actor.uri}\t{actor.name}")
