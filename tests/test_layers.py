"""The app order is a contract (pyproject.toml, [tool.importlinter]): an app imports only the
apps below it, function-local imports included; a new upward import fails `make test`. So does a
new function-local import of another app (it hides a cycle from a reader, and from the app-order
contract until it runs): the ones left are a baseline that can only go down."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _linter() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _app_order() -> dict:
    found = [c for c in _linter()["contracts"] if c["type"] == "layers" and not c.get("containers")]
    assert len(found) == 1, "one layers contract for the app order"
    return found[0]


def _lint(config: Path | None = None) -> subprocess.CompletedProcess:
    argv = [str(LINT_IMPORTS), "--no-cache"]
    if config is not None:
        argv += ["--config", str(config)]
    return subprocess.run(  # noqa: S603 - the venv's own tool
        argv, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def _layers_config(tmp_path: Path, layers: list[str], containers: list[str] | None = None) -> Path:
    quoted = ", ".join(f'"{layer}"' for layer in layers)
    inside = f"containers = {containers!r}\n".replace("'", '"') if containers else ""
    config = tmp_path / "layers.toml"
    config.write_text(
        f'[tool.importlinter]\nroot_package = "{_linter()["root_package"]}"\n\n'
        f'[[tool.importlinter.contracts]]\nname = "order"\ntype = "layers"\n{inside}'
        f"layers = [{quoted}]\n"
    )
    return config


@pytest.fixture(scope="module", autouse=True)
def _tool():
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is missing: `make install` installs the test extra")


def test_the_apps_keep_their_order():
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_upward_import_is_excused():
    """The app order has no exceptions left: code that needs a higher app moves up, or the
    higher app hands it what it needs at start-up. Adding one back fails here."""
    for contract in _linter()["contracts"]:
        assert not contract.get("ignore_imports"), contract["name"]


# Imports that go down the app order today, one per pair of layers it proves: read upside down,
# each is an upward import the contract must name.
DOWNWARD = (
    ("crossnote.notes.services", "crossnote.accounts"),
    ("crossnote.social.selectors", "crossnote.accounts"),
    ("crossnote.accounts.services", "crossnote.security"),
    ("crossnote.moderation", "crossnote.notes"),
    ("crossnote.privacy", "crossnote.social"),
)


def test_the_contract_fails_an_upward_import(tmp_path):
    """The same layers upside down are broken, naming imports that go the right way now: so the
    contract does see Crossnote's imports, and an app importing one above it would fail it."""
    upside_down = list(reversed(_app_order()["layers"]))
    result = _lint(_layers_config(tmp_path, upside_down))
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    for importer, imported in DOWNWARD:
        assert re.search(rf"{re.escape(importer)}\S* -> {re.escape(imported)}", result.stdout), (
            f"{importer} -> {imported} not named"
        )


@pytest.mark.parametrize("container", ["crossnote.moderation", "crossnote.privacy"])
def test_an_apps_inner_layers_fail_upside_down(tmp_path, container):
    """Each app's inner contract (services above the work they queue or read) sees that app's
    imports: upside down it is broken, so a module importing a layer above its own would be."""
    contract = next(c for c in _linter()["contracts"] if c.get("containers") == [container])
    upside_down = list(reversed(contract["layers"]))
    result = _lint(_layers_config(tmp_path, upside_down, [container]))
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert f"{container}.services" in result.stdout


# --- function-local imports of another app ---------------------------------------------------

# Per module, the function-local imports of another Crossnote module (another app, or the
# project's top-level modules) counted when this test came in. A module may only go down: move
# the import to the top (or the code to the layer it belongs to) and lower its number here.
# Not counted: apps.py (Django loads hook handlers in AppConfig.ready, once the registry exists)
# and migrations (a migration's function imports what it runs).
LOCAL_IMPORT_BASELINE = {
    "crossnote/cli.py": 2,
    "crossnote/core/scheduler.py": 1,
    "crossnote/core/tasks.py": 1,
    "crossnote/federation/api.py": 1,
    "crossnote/federation/flags.py": 5,
    "crossnote/federation/hooks.py": 2,
    "crossnote/federation/inbox.py": 3,
    "crossnote/federation/management/commands/federation.py": 1,
    "crossnote/federation/moving.py": 4,
    "crossnote/federation/replies.py": 11,
    "crossnote/federation/reply_views.py": 1,
    "crossnote/federation/selectors.py": 3,
    "crossnote/federation/tasks.py": 6,
    "crossnote/federation/templatetags/federation.py": 1,
    "crossnote/federation/views.py": 1,
    "crossnote/insights/simulation.py": 1,
    "crossnote/messaging/consumers.py": 1,
    "crossnote/ops/doctor.py": 1,
    "crossnote/ops/probes.py": 1,
    "crossnote/settings.py": 2,
    "crossnote/vision/management/commands/vision.py": 1,
    "crossnote/vision/services.py": 1,
    "crossnote/vision/templatetags/vision.py": 1,
    "crossnote/vision/video.py": 1,
}

_LOCAL = re.compile(r"^\s+(?:from|import) crossnote(?:\.(\w+))?")


def _local_imports() -> dict[str, int]:
    counts: dict[str, int] = {}
    package = ROOT / "crossnote"
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts or path.name == "apps.py":
            continue
        inside = path.relative_to(package).parts
        app = inside[0] if len(inside) > 1 else path.stem
        for line in path.read_text().splitlines():
            match = _LOCAL.match(line)
            if match and match.group(1) != app:
                counts[relative] = counts.get(relative, 0) + 1
    return counts


def test_no_new_function_local_import_of_another_app():
    found = _local_imports()
    grown = {
        path: f"{count} (baseline {LOCAL_IMPORT_BASELINE.get(path, 0)})"
        for path, count in found.items()
        if count > LOCAL_IMPORT_BASELINE.get(path, 0)
    }
    assert not grown, (
        "function-local imports of another app: import at the top of the module (an upward "
        "import is then the contract's to refuse: move the code, or use a hook):\n"
        + "\n".join(f"  {path}: {what}" for path, what in sorted(grown.items()))
    )


def test_the_function_local_import_baseline_only_goes_down():
    found = _local_imports()
    fewer = {
        path: f"{found.get(path, 0)} (baseline {count})"
        for path, count in LOCAL_IMPORT_BASELINE.items()
        if found.get(path, 0) < count
    }
    assert not fewer, "fewer function-local imports now: lower LOCAL_IMPORT_BASELINE to\n" + (
        "\n".join(f"  {path}: {what}" for path, what in sorted(fewer.items()))
    )


def test_the_scan_sees_function_local_imports(tmp_path):
    """The scan counts an indented import of another app and not one of the module's own app,
    so the baseline above is not vacuous."""
    assert sum(_local_imports().values()) > 0 or not LOCAL_IMPORT_BASELINE
    assert _LOCAL.match("    from crossnote.notes.models import Note").group(1) == "notes"
    assert _LOCAL.match("from crossnote.notes.models import Note") is None
