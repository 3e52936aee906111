"""Export requests, deletion requests, login history, access logs and operator actions.

Export and deletion are long workflows: each row keeps an explicit `status`, and the sweeper in
crossnote.privacy.tasks re-queues rows whose worker died (STYLE.md: explicit status + sweeper).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossnote.core.models import TimestampedModel


class ExportRequest(TimestampedModel):
    """One archive of everything Crossnote holds about a person (GDPR Art. 15/20 in spirit)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="export_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text=_("percent"))
    step = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=10, default="en")
    via = models.CharField(max_length=10, default="page")
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "updated_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_export_in_progress_per_user",
            )
        ]
        verbose_name = _("export request")
        verbose_name_plural = _("export requests")

    def __str__(self):
        return f"export {self.pk} of {self.user_id}: {self.status}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class DeletionRequest(TimestampedModel):
    """A person asked for their account to be erased. The account is deactivated at once and
    erased after the grace period unless they log in again. After erasure the row stays as a
    pseudonymous receipt (`subject_ref`, no user) proving when the erasure happened."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the grace period to end")
        CANCELLED = "cancelled", _("Cancelled")
        ERASING = "erasing", _("Being erased")
        DONE = "done", _("Erased")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion_requests",
    )
    subject_ref = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    via = models.CharField(max_length=10, default="page")
    erase_after = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["pending", "erasing"]),
                name="one_open_deletion_per_user",
            )
        ]
        indexes = [models.Index(fields=["status", "erase_after"])]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")

    def __str__(self):
        return f"deletion of {self.subject_ref}: {self.status}"


class LoginEvent(models.Model):
    """A successful log-in (kept CROSSNOTE_LOGIN_HISTORY_DAYS days; in the person's export)."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("login event")
        verbose_name_plural = _("login events")

    def __str__(self):
        return f"{self.user_id} at {self.at:%Y-%m-%d %H:%M}"


class AccessLog(models.Model):
    """Someone on the staff looked at a person's private data (email, IP addresses...): who,
    whose, what, where and when. The person sees these rows in their export."""

    viewer = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    viewer_name = models.CharField(max_length=150)
    subject = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="access_logs"
    )
    what = models.CharField(max_length=200)
    where = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log")
        verbose_name_plural = _("access logs")

    def __str__(self):
        return f"{self.viewer_name} viewed {self.what} of {self.subject_id}"


class OperatorAction(models.Model):
    """An operator's privacy action (CLI export or erasure, data-region change). Kept after the
    subject's erasure with only a pseudonymous reference (`subject_ref`, e.g. "user #42")."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Exported an archive")
        ERASE = "erase", _("Scheduled erasure")
        ERASE_NOW = "erase_now", _("Erased at once")
        REGION = "region", _("Changed the data region")

    operator = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=Action.choices)
    subject = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_operator_actions",
    )
    subject_ref = models.CharField(max_length=40)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("operator action")
        verbose_name_plural = _("operator actions")

    def __str__(self):
        return f"{self.operator}: {self.action} {self.subject_ref}"
