"""Security writes: the sign-up surge mode, invite codes, the approval queue, rate rules."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossnote.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, RateLimited
from crossnote.security.models import (
    InviteCode,
    RateLimitRule,
    SignupApplication,
    SurgeMode,
    SurgeSettings,
)
from crossnote.security.ratelimits import DEFAULT_RATES, check_instance_rate, validate_rate


class SignupsPaused(RateLimited):
    """The limited mode's hourly cap is reached: the waiting page explains (429, Retry-After)."""

    page_template = "security/waiting.html"


class InviteRequired(PermissionDenied):
    default_message = gettext_lazy("Sign-up is by invitation right now: enter a valid invite code.")


def surge_settings() -> SurgeSettings:
    """The current surge settings (the row is made with the defaults on first use)."""
    row, _created = SurgeSettings.objects.get_or_create(pk=1)
    return row


def set_surge_mode(
    *, mode: str, by: str = "", signups_per_hour: int | None = None, notice: str | None = None
) -> SurgeSettings:
    """Switch the sign-up mode (open, limited, approval, invite); takes effect at once."""
    if mode not in SurgeMode.values:
        raise InvalidInput(
            _("Unknown sign-up mode “%(mode)s”: use %(modes)s.")
            % {"mode": mode, "modes": ", ".join(SurgeMode.values)},
            field="mode",
        )
    row = surge_settings()
    row.mode = mode
    if signups_per_hour is not None:
        if signups_per_hour < 1:
            raise InvalidInput(_("Sign-ups per hour must be at least 1."), field="signups_per_hour")
        row.signups_per_hour = signups_per_hour
    if notice is not None:
        row.notice = notice.strip()[:300]
    row.updated_by = by[:150]
    row.save()
    return row


@dataclass(frozen=True)
class Admission:
    """How a sign-up may proceed: `active` accounts log in at once; others wait for review."""

    mode: str
    active: bool
    invite_id: int | None = None


def _usable_invites():
    now = timezone.now()
    return InviteCode.objects.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        revoked_at__isnull=True,
        uses__lt=F("max_uses"),
    )


def admit_signup(*, invite_code: str = "") -> Admission:
    """Decide whether a sign-up may go ahead under the current surge mode (no writes)."""
    row = surge_settings()
    if row.mode == SurgeMode.INVITE:
        code = (invite_code or "").strip()
        invite = _usable_invites().filter(code=code).first() if code else None
        if invite is None:
            raise InviteRequired(field="invite_code")
        return Admission(mode=row.mode, active=True, invite_id=invite.pk)
    if row.mode == SurgeMode.LIMITED:
        check_instance_rate(
            "signup",
            f"{row.signups_per_hour}/h",
            _(
                "So many people are joining right now that sign-ups are paused for a while. "
                "Please try again in %(wait)s."
            ),
            error=SignupsPaused,
        )
    return Admission(mode=row.mode, active=row.mode != SurgeMode.APPROVAL)


def complete_signup(*, user, admission: Admission, language: str = "", reason: str = "") -> None:
    """Inside the sign-up's transaction: spend the invite, or file the application."""
    if admission.invite_id is not None:
        spent = _usable_invites().filter(pk=admission.invite_id).update(uses=F("uses") + 1)
        if not spent:  # used up by a concurrent sign-up since admit_signup looked
            raise InviteRequired(field="invite_code")
    if not admission.active:
        SignupApplication.objects.create(
            user=user, username=user.username, language=language[:12], reason=reason[:500]
        )


# Letters and digits only: a code from token_urlsafe could begin with "-" and then read as an
# option on a command line (`crossnote security invites revoke -h4k...`), and "_"/"-" are easy
# to mistype when a code is read out or copied from a chat.
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
INVITE_LENGTH = 14  # 56 symbols: about 81 bits


def new_invite_code() -> str:
    """A random invite code of letters and digits (no look-alikes such as 0/O or 1/l/I)."""
    return "".join(secrets.choice(INVITE_ALPHABET) for _position in range(INVITE_LENGTH))


MAX_INVITE_USES = 10_000


def create_invite(
    *, created_by=None, max_uses: int = 1, days: int | None = None, note: str = ""
) -> InviteCode:
    """A new invite code (random, URL-safe) good for `max_uses` sign-ups."""
    if not 1 <= max_uses <= MAX_INVITE_USES:
        raise InvalidInput(_("An invite allows 1 to 10,000 uses."), field="max_uses")
    if days is not None and not 1 <= days <= 365:
        raise InvalidInput(_("An invite lasts 1 to 365 days."), field="days")
    expires = timezone.now() + timedelta(days=days) if days else None
    return InviteCode.objects.create(
        code=new_invite_code(),
        created_by=created_by,
        max_uses=max_uses,
        expires_at=expires,
        note=(note or "").strip()[:200],
    )


def revoke_invite(*, code: str) -> InviteCode:
    """Stop an invite code from admitting anyone else."""
    invite = InviteCode.objects.filter(
        Q(code=code) | Q(pk=int(code) if code.isdigit() else -1)
    ).first()
    if invite is None:
        raise NotFound(_("No such invite code."))
    if invite.revoked_at is None:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at", "updated_at"])
    return invite


def decide_application(*, application_id: int, approve: bool, by: str = "") -> SignupApplication:
    """Approve (the account becomes active) or reject (the waiting account is deleted)."""
    with transaction.atomic():
        application = (
            SignupApplication.objects.select_for_update().filter(pk=application_id).first()
        )
        if application is None:
            raise NotFound(_("No such application."))
        if application.status != SignupApplication.Status.PENDING:
            raise Conflict(_("This application has already been decided."))
        application.status = (
            SignupApplication.Status.APPROVED if approve else SignupApplication.Status.REJECTED
        )
        application.decided_by = by[:150]
        application.decided_at = timezone.now()
        user = application.user
        if user is not None:
            if approve:
                type(user).objects.filter(pk=user.pk).update(is_active=True)
            else:
                application.user = None
                # Never used: the held username and email become free again.
                user.delete()
        application.save()
    return application


def set_rate_rule(*, action: str, scope: str, rate: str | None) -> RateLimitRule | None:
    """Override one rate limit (rate None or "" removes the override: back to the default)."""
    if action not in DEFAULT_RATES:
        raise InvalidInput(
            _("Unknown action “%(action)s”: use %(actions)s.")
            % {"action": action, "actions": ", ".join(DEFAULT_RATES)},
            field="action",
        )
    if scope not in RateLimitRule.Scope.values:
        raise InvalidInput(_("The scope is ip or user."), field="scope")
    if not rate:
        RateLimitRule.objects.filter(action=action, scope=scope).delete()
        return None
    try:
        rate = validate_rate(rate)
    except Exception as exc:  # ValidationError carries the message
        raise InvalidInput(" ".join(getattr(exc, "messages", [str(exc)])), field="rate") from exc
    rule, _created = RateLimitRule.objects.update_or_create(
        action=action, scope=scope, defaults={"rate": rate}
    )
    return rule
