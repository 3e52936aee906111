"""The insights API: the same series as JSON, cohorts, waves, settings and rollups; 4xx on bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.insights.models import DailyMetric, InsightsSettings
from crossnote.notes.models import Comment, Note
from tests.conftest import make_user


@pytest.fixture
def operator(db):
    return make_user("olga_api", is_staff=True, region="DE", languages=["de", "en"])


@pytest.fixture
def today():
    return timezone.now().date()


@pytest.fixture
def api(client_for, operator):
    return client_for(operator)


def test_rollup_then_series_as_json(api, mia, lin, today):
    note = Note.objects.create(author=mia, title="cat", language="en")
    Comment.objects.create(note=note, author=lin, body="猫", language="zh")
    response = api.post(
        "/api/v1/insights/rollup",
        {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["days"] == 2
    assert (
        DailyMetric.objects.filter(day=today, metric="cross_border", key="comment").get().value == 1
    )

    data = api.get(f"/api/v1/insights/series/cross_border_share?from={today}&to={today}").json()
    assert data["kind"] == "line" and data["percent"] is True
    assert data["x"] == [today.isoformat()]
    assert data["series"][0]["values"] == [1.0]
    summary = api.get(f"/api/v1/insights/summary?from={today}&to={today}").json()
    assert summary["signups"] == 3 and summary["cross_border"] == 1 and summary["notes"] == 1


def test_cohorts_and_waves_answer_lists(api, mia, today):
    cohorts = api.get("/api/v1/insights/cohorts?weeks=4").json()
    assert sum(row["retention"]["size"] for row in cohorts) == 2  # mia and the operator
    assert api.get("/api/v1/insights/waves?weeks=26").json() == []


@pytest.mark.parametrize(
    "url,status",
    [
        ("/api/v1/insights/series/nope", 404),
        ("/api/v1/insights/series/active_users?from=2025-02-30", 422),
        ("/api/v1/insights/series/active_users?from=2025-02-01&to=2025-01-01", 400),
        ("/api/v1/insights/series/active_users?weeks=9", 400),
        ("/api/v1/insights/cohorts?region=12", 400),
    ],
)
def test_bad_input_is_a_4xx_with_detail(api, url, status):
    response = api.get(url)
    assert response.status_code == status
    assert response.json()["detail"]


def test_only_operators_unless_published(client, client_for, mia, api):
    assert client.get("/api/v1/insights/series/active_users").status_code == 401
    assert client_for(mia).get("/api/v1/insights/cohorts").status_code == 403
    response = api.put(
        "/api/v1/insights/settings",
        {"public_summary": True, "alert_margin": 0.2, "spike_factor": 4, "baseline_days": 21},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert InsightsSettings.current().baseline_days == 21
    assert client.get("/api/v1/insights/series/active_users").status_code == 200
    assert client.get("/api/v1/insights/series/signups_region").status_code == 401
    assert [c["name"] for c in client.get("/api/v1/insights/charts").json()] == [
        "signups_language",
        "active_users",
        "cross_border_share",
    ]


def test_bad_settings_and_huge_rollups_are_refused(api):
    bad = api.put(
        "/api/v1/insights/settings",
        {"public_summary": True, "alert_margin": 3, "spike_factor": 4, "baseline_days": 21},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "margin" in bad.json()["detail"]
    huge = api.post(
        "/api/v1/insights/rollup",
        {"from": "2020-01-01", "to": "2025-01-01"},
        content_type="application/json",
    )
    assert huge.status_code == 400
