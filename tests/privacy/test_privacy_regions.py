"""Data regions are tags on accounts; a database per region is not supported, and says so.

The router that used to place a region's accounts on a database of their own misplaced rows (an
account routed there could not log in; a note written for it landed in the default database under
another person's id). Configured now, CROSSNOTE_REGION_DATABASES sets up no database and no
router: `crossnote serve` refuses to start, `crossnote doctor` and `crossnote manage check`
report privacy.E001, and every account keeps logging in with its notes under its own id.
"""

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from django.core.management import call_command

from crossnote.privacy.checks import REGION_DATABASES_UNSUPPORTED, region_databases

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client

assert list(settings.DATABASES) == ["default"], settings.DATABASES
assert not settings.DATABASE_ROUTERS, settings.DATABASE_ROUTERS
assert settings.CROSSNOTE_REGION_DATABASES == {"cn": "sqlite:///%(cn)s"}
call_command("migrate", verbosity=0)

from crossnote.accounts.models import User
from crossnote.notes.models import Note

mia = User(username="mia_ms", email="mia@example.com", data_region="us")
mia.set_password("correct horse battery"); mia.save()
lin = User(username="lin_sh", email="lin@example.com", data_region="cn")
lin.set_password("correct horse battery"); lin.save()
note = Note(author=lin, title="火锅"); note.save()
row = Note.objects.get(title="火锅")
assert row.author_id == lin.pk and row.author.username == "lin_sh", row.author
assert User.objects.get(username="lin_sh").data_region == "cn"
client = Client(HTTP_HOST="localhost")
assert client.login(username="lin_sh", password="correct horse battery")
assert client.get("/api/v1/me").json()["username"] == "lin_sh"
print("ONE DATABASE OK")
"""


@pytest.fixture
def region_databases_set(settings):
    settings.CROSSNOTE_REGION_DATABASES = {"cn": "postgres://db-cn/crossnote"}


def test_configured_region_databases_set_up_nothing_and_everyone_logs_in(tmp_path):
    """In a process started with CROSSNOTE_REGION_DATABASES: one database, no router; an
    account tagged cn logs in and its note carries its own id."""
    cn = tmp_path / "cn.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crossnote.settings",
        "PYTHONPATH": str(ROOT),
        "CROSSNOTE_DATA_DIR": str(tmp_path / "data"),
        "CROSSNOTE_REGION_DATABASES": f"cn=sqlite:///{cn}",
        "CROSSNOTE_SCHEDULER": "false",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        env.pop(name, None)
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", SCRIPT % {"cn": cn}],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ONE DATABASE OK" in result.stdout
    assert not cn.exists()  # nothing was written to the region's database


def test_the_check_is_silent_without_region_databases(settings):
    settings.CROSSNOTE_REGION_DATABASES = {}
    assert region_databases() == []


def test_the_check_explains_that_residency_per_database_is_not_supported(region_databases_set):
    (error,) = region_databases()
    assert error.id == REGION_DATABASES_UNSUPPORTED and error.is_serious()
    assert "cn" in error.msg and "not supported" in error.msg
    assert "postgres://" not in error.msg  # no database URL (or password) in the message
    assert "separate Crossnote instance" in error.hint


@pytest.mark.django_db
def test_doctor_reports_it_as_an_error(region_databases_set):
    from crossnote.ops.doctor import ERROR, diagnose

    found = [f for f in diagnose() if REGION_DATABASES_UNSUPPORTED in f.area]
    assert [f.level for f in found] == [ERROR]
    assert "not supported" in found[0].message
    assert not [f for f in diagnose() if f.area == "database:cn"]  # no "cn database ok"


def test_serve_refuses_to_start(region_databases_set, monkeypatch):
    from crossnote import cli

    monkeypatch.setattr(cli.os, "execv", lambda *a: pytest.fail("the server was started"))
    args = types.SimpleNamespace(
        migrate=False, threads=1, host="127.0.0.1", port=8000, workers=1, no_websockets=True
    )
    with pytest.raises(SystemExit) as exited:
        cli.cmd_serve(args)
    assert "not supported" in str(exited.value)
    assert "separate Crossnote instance" in str(exited.value)


def test_the_region_command_says_only_the_tag_changed(mia, capsys):
    call_command("privacy", "region", "mia_ms", "cn")
    out = capsys.readouterr().out
    assert "data-region tag global -> cn (recorded)" in out
    assert "No data was moved" in out
    mia.refresh_from_db()
    assert mia.data_region == "cn"


def test_region_databases_do_not_add_known_regions(region_databases_set, settings):
    from crossnote.privacy.services import known_regions

    settings.CROSSNOTE_REGION_DATABASES = {"mars": "sqlite:///mars.sqlite3"}
    assert "mars" not in known_regions()
