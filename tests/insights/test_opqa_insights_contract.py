"""The insights operations a visitor may call while the operator publishes the summary answer a
visitor 401 otherwise: /api/docs lists that answer (it listed 200, 400, 403 and 422 only)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

OPEN_WHEN_PUBLISHED = [
    ("/api/v1/insights/charts", "/api/v1/insights/charts"),
    ("/api/v1/insights/series/{name}", "/api/v1/insights/series/signups_region"),
    ("/api/v1/insights/summary", "/api/v1/insights/summary"),
]


@pytest.mark.parametrize("documented, called", OPEN_WHEN_PUBLISHED)
def test_a_visitors_401_is_in_the_schema(documented, called):
    schema = Client().get("/api/openapi.json").json()
    answer = Client().get(called)

    assert answer.status_code == 401
    assert "detail" in answer.json()
    responses = schema["paths"][documented]["get"]["responses"]
    assert "401" in {str(code) for code in responses}
