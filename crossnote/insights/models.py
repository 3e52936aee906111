"""Rolled-up daily figures, per-person active days, translation tallies, operator settings and
the newcomer-wave alerts already raised."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyMetric(models.Model):
    """One figure of one UTC day: `metric` sliced by `key` (a region, a language, a language
    pair, an interaction kind, a moderation action; "" when the metric has no slices).
    Written only by crossnote.insights.rollups, which replaces a whole day at a time."""

    day = models.DateField()
    metric = models.CharField(max_length=40)
    key = models.CharField(max_length=40, blank=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "metric", "key"], name="unique_daily_metric")
        ]
        indexes = [models.Index(fields=["metric", "day"])]
        verbose_name = _("daily metric")
        verbose_name_plural = _("daily metrics")

    def __str__(self):
        return f"{self.day} {self.metric}[{self.key}] = {self.value}"


class RolledDay(models.Model):
    """A day whose rollup has been computed (the periodic task resumes after the last one)."""

    day = models.DateField(unique=True)
    computed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.day} rolled up at {self.computed_at:%Y-%m-%d %H:%M}"


class ActiveDay(models.Model):
    """`user` was active on `day` (UTC): posted, commented, liked, followed, logged in, or used
    the site while logged in. Erased with the person (CASCADE)."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="unique_active_day")]

    def __str__(self):
        return f"{self.user_id} active {self.day}"


class TranslationTally(models.Model):
    """How many translations were requested on `day` from `source` into `target` (cached or not);
    fed by the language bridge's `translation_requested` hook."""

    day = models.DateField()
    source = models.CharField(max_length=8)
    target = models.CharField(max_length=8)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "source", "target"], name="unique_tally")
        ]

    def __str__(self):
        return f"{self.day} {self.source}→{self.target}: {self.count}"


class InsightsSettings(models.Model):
    """One row: the operator's run-time choices for insights (admin and the insights page)."""

    public_summary = models.BooleanField(
        _("public summary"),
        default=False,
        help_text=_("Show everyone a summary of the community's figures at /insights/public/."),
    )
    alert_margin = models.FloatField(
        _("alert margin"),
        default=0.10,
        help_text=_(
            "Alert when a newcomer wave's first-week retention falls this far below the "
            "baseline's (0.10 = 10 percentage points)."
        ),
    )
    spike_factor = models.FloatField(
        _("spike factor"),
        default=3.0,
        help_text=_(
            "A day is part of a wave when its sign-ups reach this many times the baseline."
        ),
    )
    baseline_days = models.PositiveSmallIntegerField(
        _("baseline days"),
        default=28,
        help_text=_("How many days before a wave make its baseline."),
    )

    class Meta:
        verbose_name = _("insights settings")
        verbose_name_plural = _("insights settings")

    def __str__(self):
        return str(_("insights settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "InsightsSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class WaveAlert(models.Model):
    """A newcomer wave whose first-week retention fell below its baseline's by the margin;
    raised once per wave and language ("" = everyone), shown on the operator dashboard."""

    wave_start = models.DateField()
    wave_end = models.DateField()
    language = models.CharField(max_length=8, blank=True)
    wave_size = models.PositiveIntegerField()
    wave_retention = models.FloatField()
    baseline_retention = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)
    webhook_status = models.CharField(max_length=80, blank=True)
    dismissed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-wave_start", "language"]
        constraints = [
            models.UniqueConstraint(fields=["wave_start", "language"], name="unique_wave_alert")
        ]
        verbose_name = _("wave alert")
        verbose_name_plural = _("wave alerts")

    def __str__(self):
        return f"wave {self.wave_start} [{self.language or '*'}]"
