"""Production mode's refusal to start with unsafe settings, and `crossnote doctor`."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from crossnote.ops import production
from crossnote.ops.production import production_problems, refuse_unsafe_start

ROOT = Path(__file__).resolve().parents[2]
CROSSNOTE = str(Path(sys.executable).parent / "crossnote")
GOOD_KEY = "k3Jx9-pQ2wZ7rT5vB8nM4cL6hF1dS0aG_yU3eI9oP7kJ2xW5qE8rT1"

SAFE = dict(
    DEBUG=False,
    SECRET_KEY=GOOD_KEY,
    ALLOWED_HOSTS=["notes.example.com"],
    DATABASES={"default": {"ENGINE": "django.db.backends.postgresql"}},
    MEDIA_STORAGE="s3",
    METRICS_ALLOWED_IPS=["127.0.0.1"],
    METRICS_TOKEN="",
    CROSSNOTE_ALLOW_SQLITE=False,
    PRODUCTION=True,
)


def codes(**changes):
    config = SimpleNamespace(**{**SAFE, **changes})
    return [p.code for p in production_problems(config, environ={"SECRET_KEY": "x"})]


def test_safe_settings_pass():
    assert codes() == []


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"DEBUG": True}, "debug"),
        ({"SECRET_KEY": "short"}, "secret-key-weak"),
        ({"SECRET_KEY": "django-insecure-" + "a1b2c3d4e5" * 5}, "secret-key-weak"),
        ({"SECRET_KEY": "a" * 60}, "secret-key-weak"),
        ({"ALLOWED_HOSTS": []}, "hosts-empty"),
        ({"ALLOWED_HOSTS": ["notes.example.com", "*"]}, "hosts-wildcard"),
        ({"ALLOWED_HOSTS": ["localhost", "127.0.0.1", "[::1]"]}, "hosts-local"),
        ({"DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3"}}}, "sqlite"),
        ({"METRICS_ALLOWED_IPS": ["0.0.0.0/0"]}, "metrics-open"),
        ({"MEDIA_STORAGE": "ftp"}, "media-storage"),
    ],
)
def test_each_unsafe_setting_is_named(changes, code):
    assert codes(**changes) == [code]


def test_sqlite_may_be_chosen_on_purpose_and_an_open_metrics_needs_a_token():
    sqlite = {"DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3"}}}
    assert codes(**sqlite, CROSSNOTE_ALLOW_SQLITE=True) == []
    assert codes(METRICS_ALLOWED_IPS=["0.0.0.0/0"], METRICS_TOKEN="t" * 40) == []


def test_a_secret_key_must_come_from_the_environment():
    config = SimpleNamespace(**SAFE)
    assert [p.code for p in production_problems(config, environ={})] == ["secret-key-missing"]


def test_refusal_lists_every_problem_with_its_fix(monkeypatch):
    config = SimpleNamespace(**{**SAFE, "DEBUG": True, "ALLOWED_HOSTS": ["*"]})
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    with pytest.raises(ImproperlyConfigured) as caught:
        refuse_unsafe_start(config)
    text = str(caught.value)
    assert "refuses to start in production mode" in text
    assert "Set DEBUG=false" in text and "ALLOWED_HOSTS" in text
    refuse_unsafe_start(SimpleNamespace(**{**SAFE, "PRODUCTION": False, "DEBUG": True}))
    monkeypatch.setattr(production, "REFUSE", False)  # what `crossnote doctor` does
    refuse_unsafe_start(config)


def _run(args, tmp_path, **env_changes):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CROSSNOTE_", "DJANGO_", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"))
        and key not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "MEDIA_STORAGE")
    }
    env.update(CROSSNOTE_DATA_DIR=str(tmp_path / "data"), **env_changes)
    return subprocess.run(  # noqa: S603 - our own command
        [CROSSNOTE, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_every_process_refuses_to_start_with_unsafe_production_settings(tmp_path):
    unsafe = _run(
        ["manage", "check"],
        tmp_path,
        CROSSNOTE_PRODUCTION="true",
        DEBUG="true",
        ALLOWED_HOSTS="*",
    )
    assert unsafe.returncode != 0
    assert "refuses to start in production mode" in unsafe.stderr
    for words in ("DEBUG is on", "SECRET_KEY is not set", "ALLOWED_HOSTS accepts any host"):
        assert words in unsafe.stderr
    assert "The database is SQLite" in unsafe.stderr

    safe = _run(
        ["manage", "check"],
        tmp_path,
        CROSSNOTE_PRODUCTION="true",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="notes.example.com",
        CROSSNOTE_ALLOW_SQLITE="true",
    )
    assert safe.returncode == 0, safe.stderr
    assert "no issues" in safe.stdout


def test_doctor_reports_what_production_mode_would_refuse_and_what_to_do(tmp_path):
    result = _run(
        ["doctor"], tmp_path, CROSSNOTE_PRODUCTION="true", DEBUG="true", ALLOWED_HOSTS="*"
    )
    assert result.returncode == 1
    out = result.stdout
    assert "production mode" in out
    assert "ERROR  [production] DEBUG is on" in out and "→ Set DEBUG=false." in out
    assert "[production] ALLOWED_HOSTS accepts any host name" in out
    # Not migrated yet: the database answers but lacks its tables; the cache table is missing.
    assert "migration(s) not applied" in out and "Run `crossnote migrate`" in out
    assert "ERROR  [cache]" in out
    assert "ok     [media]" in out
    # Django's deployment checks, as warnings in production mode.
    assert "WARN   [django:security." in out


def test_doctor_passes_a_sound_embedded_configuration_and_speaks_json(tmp_path):
    assert _run(["migrate", "-v", "0"], tmp_path).returncode == 0
    result = _run(["doctor", "--json"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["summary"].startswith("embedded mode")
    levels = {f["area"]: f["level"] for f in report["findings"]}
    assert levels["database:default"] == "ok"
    assert levels["cache"] == "ok" and levels["media"] == "ok"
    assert "error" not in levels.values()


def test_doctor_names_an_unreachable_broker_and_redacts_its_password(tmp_path):
    assert _run(["migrate", "-v", "0"], tmp_path).returncode == 0
    result = _run(["doctor"], tmp_path, CELERY_BROKER_URL="amqp://bob:hunter2@127.0.0.1:1//")
    assert result.returncode == 1
    assert "ERROR  [broker] Cannot reach the Celery broker amqp://bob:***@127.0.0.1:1//" in (
        result.stdout
    )
    assert "hunter2" not in result.stdout + result.stderr


def test_doctor_explains_settings_that_cannot_load(tmp_path):
    result = _run(["doctor"], tmp_path, MEDIA_STORAGE="s3")
    assert result.returncode == 1
    assert "MEDIA_STORAGE=s3 needs S3_BUCKET" in result.stderr


def test_doctor_warns_when_the_broker_answers_but_no_worker_does(tmp_path, redis_url):
    # A Redis database of its own: workers of other test runs listen on the shared one.
    redis_url = redis_url.rsplit("/", 1)[0] + "/11"
    assert _run(["migrate", "-v", "0"], tmp_path).returncode == 0
    result = _run(["doctor"], tmp_path, CELERY_BROKER_URL=redis_url)
    assert "ok     [broker] The Celery broker" in result.stdout
    assert "WARN   [workers] No Celery worker answered a ping" in result.stdout
    assert "→ Start `crossnote worker`" in result.stdout
    assert result.returncode == 0  # a warning only
    strict = _run(["doctor", "--strict"], tmp_path, CELERY_BROKER_URL=redis_url)
    assert strict.returncode == 1
