"""The API documents itself: an OpenAPI schema and a Swagger page with no third-party assets."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

AREAS = ["accounts", "notes", "comments", "likes", "collects", "follows", "notifications", "feeds"]


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            yield path, method, op


def test_schema_is_openapi_3_json():
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Crossnote API"


def test_schema_covers_every_area_of_the_api_by_tag():
    schema = Client().get("/api/openapi.json").json()
    tags = {tag for _p, _m, op in operations(schema) for tag in op.get("tags", [])}
    assert set(AREAS) <= tags


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/auth/signup"),
        ("post", "/api/v1/auth/login"),
        ("get", "/api/v1/me"),
        ("patch", "/api/v1/me"),
        ("post", "/api/v1/me/tokens"),
        ("delete", "/api/v1/me/tokens/{token_id}"),
        ("post", "/api/v1/notes"),
        ("get", "/api/v1/notes/{note_id}"),
        ("patch", "/api/v1/notes/{note_id}"),
        ("delete", "/api/v1/notes/{note_id}"),
        ("get", "/api/v1/notes/{note_id}/comments"),
        ("post", "/api/v1/notes/{note_id}/comments"),
        ("post", "/api/v1/notes/{note_id}/like"),
        ("post", "/api/v1/comments/{comment_id}/like"),
        ("post", "/api/v1/notes/{note_id}/collect"),
        ("post", "/api/v1/boards"),
        ("post", "/api/v1/users/{username}/follow"),
        ("delete", "/api/v1/users/{username}/follow"),
        ("get", "/api/v1/notifications"),
        ("post", "/api/v1/notifications/read"),
        ("get", "/api/v1/feeds/explore"),
        ("get", "/api/v1/feeds/following"),
    ],
)
def test_schema_lists_the_operation(method, path):
    schema = Client().get("/api/openapi.json").json()
    assert method in schema["paths"].get(path, {}), f"{method.upper()} {path} is not documented"


def test_note_upload_is_documented_as_multipart_with_images():
    schema = Client().get("/api/openapi.json").json()
    body = schema["paths"]["/api/v1/notes"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body
    props = body["multipart/form-data"]["schema"]
    text = str(props) + str(schema.get("components", {}))
    assert "images" in text and "title" in text


def test_schema_declares_the_bearer_token_scheme():
    schema = Client().get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_docs_page_uses_only_local_static_assets():
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assets = re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', html)
    assert assets, "the docs page loads no assets?"
    for url in assets:
        assert url.startswith("/static/"), url
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_docs_page_assets_and_schema_are_served():
    client = Client()
    html = client.get("/api/docs").content.decode()
    for url in re.findall(r'<script\b[^>]*?src="([^"]+)"', html):
        assert client.get(url).status_code == 200, url
    schema_url = re.search(r'"url":\s*"([^"]+)"', html).group(1)
    response = client.get(schema_url)
    assert response.status_code == 200
    assert "/api/v1/notes" in response.json()["paths"]
