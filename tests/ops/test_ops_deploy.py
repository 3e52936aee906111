"""deploy/: the docker-compose file, Dockerfile and systemd units stay consistent with the code."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from crossnote.cli import build_parser

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMMANDS = next(a for a in build_parser()._actions if a.dest == "command").choices


def test_compose_has_every_process_and_each_runs_a_real_command():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "migrate"} <= set(services)
    for name in ("web", "worker", "beat", "migrate"):
        command = services[name]["command"]
        assert command[0] in COMMANDS, f"{name}: crossnote {command[0]} does not exist"
        env = services[name]["environment"]
        assert env["CROSSNOTE_PRODUCTION"] == "true"
        assert (
            env["DATABASE_URL"].startswith("postgres://")
            and "@postgres:5432/" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"].startswith("redis://redis:")
        assert env["PROMETHEUS_MULTIPROC_DIR"] == "/metrics"
    assert services["web"]["healthcheck"]["test"][-1].count("/readyz") == 1


def test_settings_read_by_compose_and_units_exist_in_settings():
    settings_source = (DEPLOY.parent / "crossnote" / "settings.py").read_text()
    known = set(re.findall(r'env\.\w+\(\s*"([A-Z_0-9]+)"', settings_source)) | {"SECRET_KEY"}
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    used = set(compose["services"]["web"]["environment"]) - {"PROMETHEUS_MULTIPROC_DIR"}
    for unit in (DEPLOY / "systemd").glob("*.service"):
        used |= set(re.findall(r"^Environment=([A-Z_0-9]+)=", unit.read_text(), re.M))
    used -= {"PROMETHEUS_MULTIPROC_DIR"}  # read by prometheus_client (and settings)
    assert used - known == set()


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed")
def test_docker_compose_accepts_the_file():
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "notes.example.com",
        "POSTGRES_PASSWORD": "p",
    }
    result = subprocess.run(  # noqa: S603
        ["docker-compose", "-f", str(DEPLOY / "docker-compose.yml"), "config", "-q"],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    missing = subprocess.run(  # noqa: S603
        ["docker-compose", "-f", str(DEPLOY / "docker-compose.yml"), "config", "-q"],  # noqa: S607
        env={k: v for k, v in env.items() if k != "SECRET_KEY"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode != 0 and "set SECRET_KEY" in missing.stderr


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is missing")
def test_systemd_units_verify(tmp_path):
    crossnote = Path(os.sys.executable).parent / "crossnote"
    names = []
    for unit in sorted((DEPLOY / "systemd").glob("crossnote*")):
        text = unit.read_text().replace("/opt/crossnote/.venv/bin/crossnote", str(crossnote))
        (tmp_path / unit.name).write_text(text.replace("/opt/crossnote", str(DEPLOY.parent)))
        names.append(str(tmp_path / unit.name))
    assert len(names) == 4
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", "--man=no", *names],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for unit in names:
        if unit.endswith(".service"):
            command = re.search(r"^ExecStart=\S+ (\w+)", Path(unit).read_text(), re.M).group(1)
            assert command in COMMANDS
