"""The staff status page (/ops/status/) and GET /api/v1/ops/status: `crossnote doctor` in the
browser and the API."""

import pytest

from tests.conftest import make_user


@pytest.fixture
def staff(db):
    return make_user("ops_admin", is_staff=True)


@pytest.mark.django_db
def test_staff_see_every_finding_with_what_to_do(client_for, staff):
    response = client_for(staff).get("/ops/status/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "System status" in page
    assert 'data-area="database:default"' in page and 'data-area="cache"' in page
    assert 'data-area="media"' in page
    assert "embedded mode" in page
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_page_counts_problems(client_for, staff, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    page = client_for(staff).get("/ops/status/").content.decode()
    import re

    rows = re.findall(r'data-level="(\w+)" data-area="([^"]+)"', page)
    assert ("error", "broker") in rows, rows
    # (e2e's conftest sets DJANGO_ALLOW_ASYNC_UNSAFE, itself an error for Django's checks)
    errors = sum(level == "error" for level, _ in rows)
    assert f"Problems to fix: {errors}" in page


@pytest.mark.django_db
def test_people_who_are_not_staff_are_refused(client_for, mia, client):
    assert client_for(mia).get("/ops/status/").status_code == 403
    anonymous = client.get("/ops/status/")
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


@pytest.mark.django_db
def test_the_api_gives_staff_the_findings(client_for, staff, mia, client):
    response = client_for(staff).get("/api/v1/ops/status")
    assert response.status_code == 200
    body = response.json()
    assert body["summary"].startswith("embedded mode")
    areas = {f["area"]: f["level"] for f in body["findings"]}
    assert areas["database:default"] == "ok" and areas["cache"] == "ok"
    assert body["errors"] == sum(f["level"] == "error" for f in body["findings"])
    denied = client_for(mia).get("/api/v1/ops/status")
    assert denied.status_code == 403 and "staff" in denied.json()["detail"]
    assert client.get("/api/v1/ops/status").status_code == 401
