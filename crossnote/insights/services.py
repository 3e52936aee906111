"""Writes of the insights app: activity marks, translation tallies, operator settings, and the
newcomer-wave alerts (with their optional webhook). Rollups themselves live in rollups.py."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput
from crossnote.core.tasks import enqueue
from crossnote.insights import cohorts
from crossnote.insights.models import ActiveDay, InsightsSettings, TranslationTally, WaveAlert

log = logging.getLogger(__name__)


def mark_active(*, user_id: int, day: date | None = None) -> bool:
    """Record that a person used the site on `day` (today); True when the row is new."""
    day = day or timezone.now().date()
    _row, created = ActiveDay.objects.get_or_create(user_id=user_id, day=day)
    return created


def count_translation_request(*, source: str, target: str, day: date | None = None) -> None:
    """One more translation requested from `source` into `target` today (cached or not)."""
    day = day or timezone.now().date()
    source, target = (source or "und")[:8], (target or "und")[:8]
    rows = TranslationTally.objects.filter(day=day, source=source, target=target)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            TranslationTally.objects.create(day=day, source=source, target=target, count=1)
    except IntegrityError:  # another request made the row first
        rows.update(count=F("count") + 1)


def update_settings(
    *,
    public_summary: bool,
    alert_margin: float,
    spike_factor: float | None = None,
    baseline_days: int | None = None,
) -> InsightsSettings:
    """Save the operator's insights choices (validated here, whatever the entry point)."""
    check_settings(
        alert_margin=alert_margin, spike_factor=spike_factor, baseline_days=baseline_days
    )
    choice = InsightsSettings.current()
    choice.public_summary = public_summary
    choice.alert_margin = alert_margin
    if spike_factor is not None:
        choice.spike_factor = spike_factor
    if baseline_days is not None:
        choice.baseline_days = baseline_days
    choice.save()
    return choice


def check_settings(
    *, alert_margin: float, spike_factor: float | None = None, baseline_days: int | None = None
) -> None:
    """InvalidInput, naming the field, for a choice the alerts cannot work with (the page, the
    API and the admin ask here)."""
    if not 0 <= alert_margin <= 1:
        raise InvalidInput(_("The alert margin must be between 0 and 1."), field="alert_margin")
    if spike_factor is not None and not 1 < spike_factor <= 100:
        raise InvalidInput(
            _("The spike factor must be more than 1 and at most 100."), field="spike_factor"
        )
    if baseline_days is not None and not 7 <= baseline_days <= 365:
        raise InvalidInput(_("The baseline must be between 7 and 365 days."), field="baseline_days")


def dismiss_alert(*, alert_id: int) -> None:
    WaveAlert.objects.filter(pk=alert_id).update(dismissed=True)


def raise_wave_alerts(*, days: int = 120) -> list[WaveAlert]:
    """Compare every recent wave's first-week retention with its baseline's, for everyone and by
    language; record (once) and announce each that falls short by the operator's margin."""
    from crossnote.insights import selectors
    from crossnote.insights.tasks import post_wave_webhook

    margin = InsightsSettings.current().alert_margin
    end = selectors.last_complete_day()
    new = []
    for view in selectors.waves(end - timedelta(days=days), end):
        for row in view.rows:
            wave_rate, base_rate = row.wave.weeks[0], row.baseline.weeks[0]
            if wave_rate is None or base_rate is None:
                continue
            if not cohorts.falls_short(wave_rate, base_rate, margin):
                continue
            alert, created = WaveAlert.objects.get_or_create(
                wave_start=view.wave.start,
                language=row.language,
                defaults={
                    "wave_end": view.wave.end,
                    "wave_size": row.wave.size,
                    "wave_retention": wave_rate,
                    "baseline_retention": base_rate,
                },
            )
            if created:
                new.append(alert)
                if settings.CROSSNOTE_INSIGHTS_WEBHOOK_URL:
                    enqueue(post_wave_webhook, alert.pk)
    return new


def alert_payload(alert: WaveAlert) -> dict:
    return {
        "event": "insights.wave_retention_below_baseline",
        "wave_start": alert.wave_start.isoformat(),
        "wave_end": alert.wave_end.isoformat(),
        "language": alert.language or None,
        "wave_size": alert.wave_size,
        "wave_first_week_retention": round(alert.wave_retention, 4),
        "baseline_first_week_retention": round(alert.baseline_retention, 4),
        "margin": InsightsSettings.current().alert_margin,
    }


def send_wave_webhook(*, alert: WaveAlert) -> str:
    """POST the alert as JSON to CROSSNOTE_INSIGHTS_WEBHOOK_URL; the outcome is kept on the row."""
    import httpx

    url = settings.CROSSNOTE_INSIGHTS_WEBHOOK_URL
    if not url:
        return ""
    try:
        response = httpx.post(url, json=alert_payload(alert), timeout=10.0)
        status = f"HTTP {response.status_code}"
    except httpx.HTTPError as exc:
        log.warning("insights webhook to %s failed: %s", url, exc)
        status = f"failed: {type(exc).__name__}"[:80]
    WaveAlert.objects.filter(pk=alert.pk).update(webhook_status=status)
    return status
