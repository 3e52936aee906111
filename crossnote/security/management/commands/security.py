"""Operator commands: the sign-up surge mode, invite codes, the approval queue, rate limits."""

from django.core.management.base import BaseCommand, CommandError

from crossnote.core.errors import DomainError
from crossnote.security.models import InviteCode, SignupApplication, SurgeMode


class Command(BaseCommand):
    help = "Security: sign-up surge mode, invite codes, approval queue, rate limits."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        surge = sub.add_parser("surge", help="show or set the sign-up mode")
        surge.add_argument("mode", nargs="?", choices=SurgeMode.values)
        surge.add_argument("--per-hour", type=int, help="sign-ups per hour in the limited mode")
        surge.add_argument("--notice", help="words shown on the sign-up and waiting pages")

        invites = sub.add_parser("invites", help="create, list or revoke invite codes")
        isub = invites.add_subparsers(dest="invite_action", required=True)
        create = isub.add_parser("create", help="make invite codes and print them")
        create.add_argument("--uses", type=int, default=1, help="sign-ups each code admits (1)")
        create.add_argument("--days", type=int, help="days each code is valid (default: no end)")
        create.add_argument("--count", type=int, default=1, help="how many codes (1)")
        create.add_argument("--note", default="", help="who the codes are for")
        isub.add_parser("list", help="every invite code with its uses")
        revoke = isub.add_parser("revoke", help="stop a code from admitting anyone else")
        revoke.add_argument("code")

        apps = sub.add_parser("applications", help="the approval queue: list, approve, reject")
        asub = apps.add_subparsers(dest="app_action", required=True)
        listing = asub.add_parser("list", help="applications waiting (or --status)")
        listing.add_argument("--status", default="pending", choices=SignupApplication.Status.values)
        for verb in ("approve", "reject"):
            decide = asub.add_parser(verb, help=f"{verb} applications by username")
            decide.add_argument("usernames", nargs="+")

        limits = sub.add_parser("limits", help="show rate limits, or set/unset one")
        limits.add_argument("name", nargs="?", help="action.scope, e.g. signup.ip")
        limits.add_argument("rate", nargs="?", help="count/period, e.g. 25/5m; 'default' unsets")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def _surge(self, options):
        from crossnote.security import services

        if options["mode"]:
            services.set_surge_mode(
                mode=options["mode"],
                by="cli",
                signups_per_hour=options["per_hour"],
                notice=options["notice"],
            )
        row = services.surge_settings()
        self.stdout.write(f"sign-up mode: {row.mode} ({row.get_mode_display()})")
        self.stdout.write(f"limited mode cap: {row.signups_per_hour} sign-ups per hour")
        waiting = SignupApplication.objects.filter(status="pending").count()
        self.stdout.write(f"applications waiting: {waiting}")

    def _invites(self, options):
        from crossnote.security import services

        action = options["invite_action"]
        if action == "create":
            if not 1 <= options["count"] <= 1000:
                raise CommandError("--count: 1 to 1000")
            for _n in range(options["count"]):
                invite = services.create_invite(
                    max_uses=options["uses"], days=options["days"], note=options["note"]
                )
                self.stdout.write(invite.code)
        elif action == "list":
            for invite in InviteCode.objects.all():
                state = "revoked" if invite.revoked_at else f"{invite.uses}/{invite.max_uses}"
                expires = invite.expires_at.date().isoformat() if invite.expires_at else "-"
                self.stdout.write(f"{invite.code}\t{state}\t{expires}\t{invite.note}")
        else:
            invite = services.revoke_invite(code=options["code"])
            self.stdout.write(f"revoked {invite.code}")

    def _applications(self, options):
        from crossnote.security import services

        action = options["app_action"]
        if action == "list":
            for app in SignupApplication.objects.filter(status=options["status"]):
                email = app.user.email if app.user else ""
                self.stdout.write(
                    f"{app.username}\t{email}\t{app.language}\t"
                    f"{app.created_at:%Y-%m-%d %H:%M}\t{app.reason}"
                )
            return
        for username in options["usernames"]:
            app = SignupApplication.objects.filter(username=username, status="pending").first()
            if app is None:
                raise CommandError(f"no application waiting from {username!r}")
            services.decide_application(
                application_id=app.pk, approve=action == "approve", by="cli"
            )
            self.stdout.write(f"{action}d {username}")

    def _limits(self, options):
        from crossnote.security import services
        from crossnote.security.ratelimits import effective_rates

        if options["name"]:
            action, _dot, scope = options["name"].partition(".")
            if not options["rate"]:
                raise CommandError("give a rate (e.g. 25/5m) or 'default'")
            rate = "" if options["rate"] == "default" else options["rate"]
            services.set_rate_rule(action=action, scope=scope, rate=rate)
        for action, scopes in effective_rates().items():
            for scope, rate in scopes.items():
                self.stdout.write(f"{action}.{scope}\t{rate}")
