"""Base model every domain model derives from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    """Rows that know when they were created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LanguageTagged(models.Model):
    """Rows whose text has a detected language (set on write by the language bridge)."""

    language = models.CharField(max_length=8, blank=True, db_index=True)
    language_confidence = models.FloatField(default=0.0)
    language_parts = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True


class FailedTask(models.Model):
    """A dead letter: a background task that kept failing after all its retries (visible in admin,
    `crossnote tasks failed`). The same task with the same arguments failing again updates its
    row, so a job that fails on every beat tick is one row with a growing count."""

    task_name = models.CharField(max_length=200)
    signature = models.CharField(max_length=64, unique=True)  # sha256 of name + arguments
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    exception = models.TextField()
    traceback = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)  # tries in all, over every dead-lettering
    failures = models.PositiveIntegerField(default=1)  # times it ran out of retries
    first_failed_at = models.DateTimeField()
    last_failed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_failed_at"]
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)!r}"


class TaskClaim(models.Model):
    """Who holds a piece of background work (a row being built, a text being judged): the key is
    unique, so two deliveries of the same job cannot both take it, and a message delivered
    again after its worker died (acks late) takes back the claim its own task id holds."""

    key = models.CharField(max_length=200, unique=True)
    task_id = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.key
