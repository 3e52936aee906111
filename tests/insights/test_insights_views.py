"""Insights pages: who may see them, the range picker, chart downloads, settings, both languages."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.insights.models import InsightsSettings
from crossnote.insights.rollups import rollup_days
from crossnote.notes.models import Comment, Note
from tests.conftest import make_user


@pytest.fixture
def operator(db):
    return make_user("olga_ops", is_staff=True, region="DE", languages=["en", "de"])


@pytest.fixture
def world(mia, lin):
    """Mia (US, en) posts; Lin (CN, zh) comments on it: one cross-border interaction today."""
    note = Note.objects.create(author=mia, title="My cat", language="en")
    Comment.objects.create(note=note, author=lin, body="好可爱", language="zh")
    today = timezone.now().date()
    rollup_days(start=today - timedelta(days=2), end=today)
    return note


def test_operator_sees_every_chart_with_titles_and_downloads(client_for, operator, world):
    response = client_for(operator).get("/insights/?weeks=4")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("signups_region", "active_users", "cross_border", "retention", "wave"):
        assert f'data-testid="chart-{name}"' in html
        assert f"/insights/charts/{name}.csv?from=" in html
    assert "Cross-border interactions per day" in html
    assert "<title>" in html and 'role="img"' in html
    # Nothing is loaded from another origin (no CDN): every script, style sheet and image is
    # the site's own. (Searching the page for "cdn" failed once on a random CSRF token.)
    loaded = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]*)"', html)
    assert loaded and all(not re.match(r"(?:https?:)?//", url) for url in loaded), loaded


def test_people_who_are_not_operators_are_refused(client, client_for, mia, world):
    assert client_for(mia).get("/insights/").status_code == 403
    response = client.get("/insights/?weeks=4")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert client.get("/insights/charts/retention.csv").status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        "from=2025-13-01",
        "from=2025-02-01&to=2025-01-01",
        "weeks=5",
        "from=2020-01-01&to=2025-01-01",
        "region=1!",
    ],
)
def test_a_bad_range_is_a_400_with_a_message(client_for, operator, query):
    response = client_for(operator).get(f"/insights/?{query}")
    assert response.status_code == 400
    assert b"error" in response.content.lower() or response.content


def test_csv_download_matches_the_rollup(client_for, operator, world):
    today = timezone.now().date()
    response = client_for(operator).get(
        f"/insights/charts/cross_border.csv?from={today}&to={today}"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Day (UTC)", "Comments"]
    assert rows[1] == [today.isoformat(), "1"]


def test_svg_and_png_downloads(client_for, operator, world):
    client = client_for(operator)
    svg = client.get("/insights/charts/active_users.svg?weeks=4")
    assert svg.status_code == 200 and svg.content.startswith(b"<svg")
    png = client.get("/insights/charts/retention.png?weeks=4")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get("/insights/charts/nothing.svg").status_code == 404
    assert client.get("/insights/charts/retention.gif").status_code == 400


def test_public_summary_follows_the_operators_switch(client, client_for, operator, world):
    assert client.get("/insights/public/").status_code == 404
    assert client.get("/insights/charts/active_users.csv").status_code == 401
    response = client_for(operator).post(
        "/insights/settings/",
        {
            "public_summary": "on",
            "alert_margin": "0.15",
            "spike_factor": "3",
            "baseline_days": "28",
        },
    )
    assert response.status_code == 302
    choice = InsightsSettings.current()
    assert choice.public_summary and choice.alert_margin == pytest.approx(0.15)
    page = client.get("/insights/public/")
    assert page.status_code == 200
    assert b'data-testid="chart-active_users"' in page.content
    assert b'data-testid="chart-signups_region"' not in page.content  # operators only
    assert client.get("/insights/charts/active_users.csv").status_code == 200
    assert client.get("/insights/charts/signups_region.csv").status_code == 401


def test_bad_settings_are_a_400(client_for, operator):
    response = client_for(operator).post(
        "/insights/settings/", {"alert_margin": "7", "spike_factor": "3", "baseline_days": "28"}
    )
    assert response.status_code == 400
    assert InsightsSettings.current().alert_margin == pytest.approx(0.10)


def test_the_dashboard_reads_in_chinese(client_for, operator, world):
    client = client_for(operator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get("/insights/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()


def test_the_operator_navigation_links_to_insights(client_for, operator, mia):
    assert b'data-testid="insights-link"' in client_for(operator).get("/").content
    assert b'data-testid="insights-link"' not in client_for(mia).get("/").content


def test_a_wave_alert_shows_until_the_operator_dismisses_it(client_for, operator):
    from datetime import date

    from crossnote.insights.models import WaveAlert

    alert = WaveAlert.objects.create(
        wave_start=date(2025, 1, 13),
        wave_end=date(2025, 1, 19),
        language="en",
        wave_size=320,
        wave_retention=0.21,
        baseline_retention=0.48,
    )
    client = client_for(operator)
    html = client.get("/insights/").content.decode()
    assert 'data-testid="wave-alert"' in html and "kept 21% in its first week" in html
    assert client.post(f"/insights/alerts/{alert.pk}/dismiss/").status_code == 302
    assert 'data-testid="wave-alert"' not in client.get("/insights/").content.decode()
