"""The `crossnote` operator command: every sub-command has --help, and bad input is a message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

CROSSNOTE = Path(sys.executable).parent / "crossnote"
SUBCOMMANDS = ["serve", "migrate", "createsuperuser", "demo", "manage"]


def run(*args, env=None, timeout=60):
    return subprocess.run(  # noqa: S603 - our own installed script
        [str(CROSSNOTE), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def test_the_crossnote_script_is_installed():
    assert CROSSNOTE.exists(), f"{CROSSNOTE} is missing; is the package installed?"


def test_top_level_help_lists_every_sub_command():
    result = run("--help")
    assert result.returncode == 0, result.stderr
    for name in SUBCOMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_sub_command_has_help(name):
    result = run(name, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage" in result.stdout.lower()
    assert "Traceback" not in result.stderr


def test_no_sub_command_is_an_error_with_usage():
    result = run()
    assert result.returncode != 0
    assert "usage" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_demo_with_zero_users_is_refused_with_a_message(tmp_path):
    result = run(
        "demo",
        "--users",
        "0",
        env={
            "CROSSNOTE_DATA_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        },
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "users" in result.stderr.lower()


def test_a_database_never_migrated_gets_a_message_not_a_traceback(tmp_path):
    env = {"CROSSNOTE_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"}
    result = run("moderation", "suite", env=env)
    assert result.returncode != 0
    assert "run `crossnote migrate` first" in result.stderr
    assert "Traceback" not in result.stderr
