"""The influx simulation tells its story (a wave that fades faster than the baseline), the alert
is raised once, and the webhook reaches a real local HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from crossnote.insights import selectors, services
from crossnote.insights.models import DailyMetric, WaveAlert
from crossnote.insights.simulation import simulate_influx


class Receiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook(settings):
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    Receiver.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CROSSNOTE_INSIGHTS_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/hook"
    yield Receiver.received
    server.shutdown()


def test_the_influx_is_a_wave_that_fades_and_raises_one_alert(
    db, webhook, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        counts = simulate_influx(seed=7, newcomers=240)
    assert counts["newcomers"] >= 200
    start, end = selectors.last_complete_day().replace(day=1), selectors.last_complete_day()
    views = selectors.waves(end.replace(year=end.year - 1), end)
    assert len(views) == 1
    everyone = views[0].everyone
    # The wave's cohort is the newcomers plus the usual trickle of those days.
    assert counts["newcomers"] <= everyone.wave.size <= counts["newcomers"] + 8 * 5
    assert everyone.wave.weeks[0] < everyone.baseline.weeks[0] - 0.1  # it did not last
    assert DailyMetric.objects.filter(metric="cross_border").exists()
    assert DailyMetric.objects.filter(metric="translations").exists()

    alert = WaveAlert.objects.get(language="")
    assert alert.wave_start == views[0].wave.start
    assert alert.webhook_status == "HTTP 204"
    sent = [p for p in webhook if p["language"] is None]
    assert sent[0]["event"] == "insights.wave_retention_below_baseline"
    assert sent[0]["wave_first_week_retention"] == pytest.approx(alert.wave_retention, abs=1e-4)
    # Checking again raises nothing new and posts nothing more.
    before = len(webhook)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.raise_wave_alerts() == []
    assert len(webhook) == before and start <= end


def test_a_webhook_that_is_down_is_recorded_not_raised(db, settings):
    settings.CROSSNOTE_INSIGHTS_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens-here"
    from datetime import date

    alert = WaveAlert.objects.create(
        wave_start=date(2025, 1, 13),
        wave_end=date(2025, 1, 19),
        wave_size=100,
        wave_retention=0.2,
        baseline_retention=0.5,
    )
    status = services.send_wave_webhook(alert=alert)
    assert status.startswith("failed")
    alert.refresh_from_db()
    assert alert.webhook_status == status


def test_the_influx_adds_to_translation_tallies_already_there_and_runs_twice(db):
    """Tallies the bridge (or the demo, or an earlier run) already wrote for a simulated day are
    counted up, not inserted again (a UNIQUE error on insights_translationtally before)."""
    from datetime import timedelta

    from django.db.models import Sum
    from django.utils import timezone

    from crossnote.insights.models import TranslationTally
    from crossnote.insights.simulation import WEEKS

    today = timezone.now().date()
    days = [today - timedelta(days=i) for i in range(WEEKS * 7)]
    for day in days:
        for source, target in (("en", "zh"), ("zh", "en")):
            TranslationTally.objects.create(day=day, source=source, target=target, count=1000)
    simulate_influx(seed=3, newcomers=60, baseline_per_day=1.0)
    after_one = dict(((t.day, t.source, t.target), t.count) for t in TranslationTally.objects.all())
    assert len(after_one) == 2 * len(days)  # no pair of any day made twice
    assert all(n >= 1000 for n in after_one.values())
    added = sum(after_one.values()) - 2000 * len(days)
    assert added > 0  # the simulated requests were counted
    simulate_influx(seed=3, newcomers=60, baseline_per_day=1.0)  # again, on top of the first
    total = TranslationTally.objects.aggregate(n=Sum("count"))["n"]
    assert total > sum(after_one.values())
    assert TranslationTally.objects.count() == 2 * len(days)
