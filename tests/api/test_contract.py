"""The OpenAPI contract is honest (crossnote.api.contract): public reads say visitors may call
them, every operation lists the errors it gives with one Error schema, bodies are JSON objects,
and an answer never tells a non-moderator which review items exist."""

import pytest
from django.test import Client

from tests.conftest import make_user

JSON = "application/json"


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return Client().get("/api/openapi.json").json()


def _op(schema, method, path):
    return schema["paths"][f"/api/v1{path}"][method]


def test_public_reads_declare_optional_auth(schema):
    for method, path in [("get", "/users/{username}"), ("get", "/notes/{note_id}")]:
        security = _op(schema, method, path)["security"]
        assert {} in security, (method, path, security)  # visitors may call it
    assert {} not in _op(schema, "get", "/me")["security"]


def test_every_operation_documents_its_errors_with_one_schema(schema):
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            codes = {str(c) for c in spec["responses"]}
            assert "400" in codes, (method, path)
            if spec.get("parameters") or spec.get("requestBody"):
                assert "422" in codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if spec.get("security") and {} not in spec["security"]:
                assert "401" in codes, (method, path)
            error = spec["responses"].get("404") or spec["responses"].get(404)
            if error:
                ref = error["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error"
    signup = _op(schema, "post", "/auth/signup")["responses"]
    assert "Retry-After" in (signup.get("429") or signup.get(429))["headers"]


@pytest.mark.django_db
def test_a_body_that_is_not_a_json_object_is_refused_with_a_clear_message(client_for, mia):
    client = client_for(mia)
    for body in ("42", "[null, null]", '"text"', "null"):
        response = client.patch("/api/v1/me", body, content_type=JSON)
        assert response.status_code == 400, body
        assert "JSON object" in response.json()["detail"]
    assert client.patch("/api/v1/me", {"bio": "hi"}, content_type=JSON).status_code == 200


@pytest.mark.django_db
def test_days_are_written_as_days(client_for):
    staff = make_user("staff_days", is_staff=True)
    client = client_for(staff)
    assert client.get("/api/v1/insights/summary?to=0").status_code == 422
    assert client.get("/api/v1/insights/summary?to=2026-01-31").status_code == 200


@pytest.mark.django_db
def test_claiming_tells_a_non_moderator_nothing_about_which_items_exist(client_for, mia):
    from crossnote.moderation.models import ReviewItem

    item = ReviewItem.objects.create(kind="note", object_id=1, author=mia, source="report")
    client = client_for(mia)
    real = client.post(f"/api/v1/moderation/queue/{item.pk}/claim")
    missing = client.post("/api/v1/moderation/queue/999999/claim")
    assert real.status_code == missing.status_code == 403
    assert real.json() == missing.json()
