"""A future moment reads as the span it was set to: an export link kept 7 days, shown a moment
after it was made, expires "in 7 days" (it read "in 6 days": future spans were rounded down)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from crossnote.core.timefmt import relative_time
from crossnote.privacy.models import ExportRequest

NOW = timezone.now()

AHEAD = [
    (timedelta(seconds=59), "in a moment", "马上"),
    (timedelta(seconds=60), "in 1 minute", "1 分钟后"),
    (timedelta(minutes=5) - timedelta(seconds=1), "in 5 minutes", "5 分钟后"),
    (timedelta(minutes=5, seconds=29), "in 5 minutes", "5 分钟后"),
    (timedelta(hours=1) - timedelta(seconds=1), "in 1 hour", "1 小时后"),
    (timedelta(hours=3) - timedelta(minutes=2), "in 3 hours", "3 小时后"),
    (timedelta(days=1) - timedelta(seconds=1), "in 1 day", "1 天后"),
    (timedelta(days=7) - timedelta(seconds=1), "in 7 days", "7 天后"),
    (timedelta(days=7) - timedelta(hours=3), "in 7 days", "7 天后"),
    (timedelta(days=6, hours=11), "in 6 days", "6 天后"),
    (timedelta(days=10), "in 10 days", "10 天后"),
    (timedelta(days=14) - timedelta(seconds=1), "in 2 weeks", "2 周后"),
    (timedelta(days=30) - timedelta(seconds=1), "in 1 month", "1 个月后"),
    (timedelta(days=183) - timedelta(seconds=1), "in 6 months", "6 个月后"),
    (timedelta(days=365) - timedelta(seconds=1), "in 1 year", "1 年后"),
]


@pytest.mark.parametrize(("ahead", "english", "chinese"), AHEAD)
def test_a_future_moment_reads_as_the_span_it_was_set_to(ahead, english, chinese):
    with translation.override("en"):
        assert relative_time(NOW + ahead, now=NOW) == english
    with translation.override("zh-hans"):
        assert relative_time(NOW + ahead, now=NOW) == chinese


def test_past_moments_are_still_rounded_down():
    with translation.override("en"):
        assert relative_time(NOW - timedelta(days=7) + timedelta(seconds=1), now=NOW) == (
            "6 days ago"
        )
        assert relative_time(NOW - timedelta(minutes=2) + timedelta(seconds=1), now=NOW) == (
            "1 minute ago"
        )


@pytest.mark.django_db
def test_a_ready_export_made_now_expires_in_7_days_on_the_privacy_page(mia, client_for):
    ExportRequest.objects.create(
        user=mia, status="ready", size=1024, expires_at=timezone.now() + timedelta(days=7)
    )
    page = client_for(mia).get(reverse("privacy:settings")).content.decode()
    assert "link expires in 7 days" in page
    page = client_for(mia, HTTP_ACCEPT_LANGUAGE="zh-Hans").get(reverse("privacy:settings"))
    assert "7 天后" in page.content.decode()
