"""Operator choices that change at run time (surge mode, rate overrides), invites, applications
and the session index that lets an account's sessions be ended at once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossnote.core.models import TimestampedModel


class SurgeMode(models.TextChoices):
    """How sign-up behaves; chosen by the operator at run time (admin, CLI, staff page, API)."""

    OPEN = "open", _("Open")
    LIMITED = "limited", _("Open, with an hourly cap on sign-ups")
    APPROVAL = "approval", _("Approval queue")
    INVITE = "invite", _("Invite codes only")


class SurgeSettings(models.Model):
    """The one row (pk=1) holding the sign-up surge mode."""

    mode = models.CharField(
        _("sign-up mode"), max_length=10, choices=SurgeMode.choices, default=SurgeMode.OPEN
    )
    signups_per_hour = models.PositiveIntegerField(
        _("sign-ups per hour (limited mode)"),
        default=500,
        help_text=_("In the limited mode, sign-ups beyond this many an hour wait."),
    )
    notice = models.CharField(
        _("notice on the sign-up page"),
        max_length=300,
        blank=True,
        help_text=_("Optional words from the operator shown on the sign-up and waiting pages."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("sign-up surge settings")
        verbose_name_plural = _("sign-up surge settings")

    def __str__(self):
        return str(self.get_mode_display())

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)


class InviteCode(TimestampedModel):
    """A code that admits `max_uses` sign-ups while the surge mode is invite-only."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(
        pgettext_lazy("remark kept with an invite code", "note"), max_length=200, blank=True
    )
    max_uses = models.PositiveIntegerField(_("uses allowed"), default=1)
    uses = models.PositiveIntegerField(_("uses so far"), default=0)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invite code")
        verbose_name_plural = _("invite codes")  # not "invite codes": Chinese takes no "s"

    def __str__(self):
        return self.code


class SignupApplication(TimestampedModel):
    """A sign-up waiting for a staff decision (approval mode); the account stays inactive."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="signup_application",
    )
    username = models.CharField(max_length=30)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    language = models.CharField(max_length=12, blank=True)
    reason = models.CharField(_("why they want to join"), max_length=500, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("sign-up application")
        verbose_name_plural = _(
            "sign-up applications"
        )  # not "sign-up applications": Chinese takes no "s"

    def __str__(self):
        return f"{self.username} ({self.status})"


class RateLimitRule(TimestampedModel):
    """An operator's override of one rate limit (`action` × `scope`), taking effect at once."""

    class Scope(models.TextChoices):
        IP = "ip", _("per IP address (IPv6: per /64)")
        USER = "user", _("per account")

    action = models.CharField(_("action"), max_length=20)
    scope = models.CharField(_("scope"), max_length=4, choices=Scope.choices)
    rate = models.CharField(
        _("rate"),
        max_length=20,
        help_text=_("Requests per period, e.g. 25/5m, 300/3h, 1000/d; 0/s blocks the action."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "scope"], name="security_one_rule_per_scope")
        ]
        verbose_name = _("rate limit")
        verbose_name_plural = _("rate limits")  # not "rate limits": Chinese takes no "s"

    def __str__(self):
        return f"{self.action}.{self.scope} = {self.rate}"


class AccountSession(models.Model):
    """Which session keys belong to which account, so that ending them all needs no scan."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=True
    )
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id}:{self.session_key[:6]}…"
