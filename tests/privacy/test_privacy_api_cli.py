"""The privacy API is documented and guarded; the operator commands are wired and logged."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.test import Client

from crossnote.cli import build_parser
from crossnote.privacy.models import ExportRequest, OperatorAction

pytestmark = pytest.mark.django_db

OPERATIONS = [
    ("get", "/api/v1/me/privacy"),
    ("patch", "/api/v1/me/privacy"),
    ("get", "/api/v1/me/exports"),
    ("post", "/api/v1/me/exports"),
    ("get", "/api/v1/me/exports/{export_id}"),
    ("get", "/api/v1/me/exports/{export_id}/download"),
    ("post", "/api/v1/me/deletion"),
    ("get", "/api/v1/me/logins"),
    ("post", "/api/v1/users/{username}/block"),
    ("delete", "/api/v1/users/{username}/mute"),
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_privacy_operations_are_in_the_openapi_schema(method, path):
    schema = Client().get("/api/openapi.json").json()
    assert method in schema["paths"][path]
    assert "privacy" in schema["paths"][path][method]["tags"]


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if "{" not in op[1]])
def test_privacy_operations_need_a_login(method, path):
    response = getattr(Client(), method)(path, content_type="application/json")
    assert response.status_code == 401


def test_the_privacy_page_needs_a_login():
    assert Client().get("/settings/privacy/").status_code == 302


def test_the_cli_has_a_privacy_command():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert "privacy" in commands


def test_operator_export_writes_the_archive_and_is_logged(mia, tmp_path, capsys):
    out = tmp_path / "mia.zip"
    call_command("privacy", "export", "mia_ms@example.com", "--output", str(out))
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert json.loads(archive.read("data.json"))["profile"]["username"] == "mia_ms"
    assert ExportRequest.objects.get(user=mia).status == "ready"
    action = OperatorAction.objects.get(subject=mia)
    assert action.action == "export" and action.subject_ref == f"user #{mia.pk}"
    assert "bytes" in capsys.readouterr().out


def test_operator_export_follows_the_one_at_a_time_rule(mia, tmp_path):
    from django.core.management.base import CommandError

    from crossnote.privacy import services

    ExportRequest.objects.create(user=mia, via="page")  # the person's own, still queued
    with pytest.raises(CommandError, match="already being prepared"):
        call_command("privacy", "export", "mia_ms", "--output", str(tmp_path / "x.zip"))
    with pytest.raises(services.Conflict):
        services.export_now(user=mia)
    assert ExportRequest.objects.filter(user=mia).count() == 1


def test_operator_sweep_reports_what_it_did(capsys):
    call_command("privacy", "sweep")
    assert "exports_expired: 0" in capsys.readouterr().out
