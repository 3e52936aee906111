"""Celery tasks of the insights app: the periodic rollup and the wave-alert webhook (thin)."""

from celery import shared_task


@shared_task
def rollup_recent() -> None:
    """Periodic (CELERY_BEAT_SCHEDULE): roll up the days since the last run, then check waves."""
    from crossnote.insights import rollups, services

    rollups.rollup_recent()
    services.raise_wave_alerts()


@shared_task
def post_wave_webhook(alert_id: int) -> None:
    from crossnote.insights import services
    from crossnote.insights.models import WaveAlert

    alert = WaveAlert.objects.filter(pk=alert_id).first()
    if alert is None:
        return
    services.send_wave_webhook(alert=alert)
