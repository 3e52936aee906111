"""The docs site tells the truth and builds: every setting, CLI command and API operation is in
it (the reference pages are generated from the code and must be current), and `mkdocs build
--strict` passes. README.md stays short: what Crossnote is, the two commands, links."""

import re
import subprocess
import sys
from pathlib import Path

from crossnote.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
DOCS = ROOT / "docs"
CONFIGURATION = (DOCS / "operating" / "configuration.md").read_text()
SETTINGS_SOURCE = (ROOT / "crossnote" / "settings.py").read_text()


def _settings_names() -> set[str]:
    names = set(
        re.findall(r'env\.(?:str|bool|int|float|list|json|db_url)\(\s*"([A-Z_]+)"', SETTINGS_SOURCE)
    )
    names |= set(re.findall(r'"([A-Z_]+)" in env', SETTINGS_SOURCE))
    assert names, "the settings reader changed shape; update this test"
    return names


def test_every_environment_variable_read_by_settings_is_documented():
    missing = sorted(n for n in _settings_names() if f"`{n}`" not in CONFIGURATION)
    assert not missing, f"docs/operating/configuration.md lacks {missing}"


def test_the_configuration_table_names_no_variable_the_code_does_not_read():
    """A row for a setting that is gone misleads an operator as much as a missing one."""
    read_elsewhere = set()
    for path in (ROOT / "crossnote").rglob("*.py"):
        read_elsewhere |= set(
            re.findall(r'environ(?:\.get\(|\.setdefault\(|\[)\s*"([A-Z_]+)"', path.read_text())
        )
    for path in list((ROOT / "tests").rglob("*.py")) + list((ROOT / "scripts").glob("*")):
        if path.is_file():
            text = path.read_text(errors="ignore")
            read_elsewhere |= set(re.findall(r"\b([A-Z][A-Z0-9_]{3,})\b", text))
    rows = re.findall(r"^\| `([A-Z_]+)`((?: / `[A-Z_]+`)*)", CONFIGURATION, flags=re.M)
    listed = set()
    for first, rest in rows:
        listed.add(first)
        listed |= set(re.findall(r"`([A-Z_]+)`", rest))
    stale = sorted(n for n in listed if n not in _settings_names() and n not in read_elsewhere)
    assert not stale, f"docs/operating/configuration.md lists settings nothing reads: {stale}"


def test_every_cli_command_is_documented():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    page = (DOCS / "operating" / "cli.md").read_text()
    missing = sorted(c for c in commands if f"crossnote {c}" not in page)
    assert not missing, f"docs/operating/cli.md lacks CLI commands {missing}"


def test_the_generated_reference_pages_are_current():
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "scripts" / "docs_reference.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_docs_site_builds_strictly(tmp_path):
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(  # noqa: S603 - the venv's own mkdocs
        [str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "reference" / "api" / "index.html").exists()


def test_readme_is_short_and_points_at_the_docs():
    assert "make run" in README and "make test" in README
    assert "/api/docs" in README and "/api/openapi.json" in README
    assert "docs/" in README
    assert len(README.splitlines()) <= 80, "README grows again: reference belongs in docs/"
    assert not re.search(r"/work/|\bsession \d\b", README), "machine paths or journals in README"
