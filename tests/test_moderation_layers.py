"""Moderation's own layers are a contract (pyproject.toml, the "Moderation: ..." layers contract):
models < selectors < services < presenters < pages, API, CLI and tasks; a module that imports
one above its own layer (function-local imports included) fails `make test`."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contract() -> tuple[str, dict]:
    linter = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    found = [c for c in linter["contracts"] if c.get("containers") == ["crossnote.moderation"]]
    assert len(found) == 1, "one layers contract for crossnote.moderation"
    return linter["root_package"], found[0]


def _lint(root: str, contract: dict, tmp_path) -> subprocess.CompletedProcess:
    layers = ", ".join(f'"{layer}"' for layer in contract["layers"])
    config = tmp_path / "moderation-layers.toml"
    config.write_text(
        f'[tool.importlinter]\nroot_package = "{root}"\n\n'
        f'[[tool.importlinter.contracts]]\nname = "moderation"\ntype = "layers"\n'
        f'containers = ["crossnote.moderation"]\nlayers = [{layers}]\n'
    )
    return subprocess.run(  # noqa: S603 - the venv's own tool
        [str(LINT_IMPORTS), "--no-cache", "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module", autouse=True)
def _tool():
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is missing: `make install` installs the test extra")


def test_moderation_keeps_its_layers(tmp_path):
    root, contract = _contract()
    assert contract["type"] == "layers"
    assert not contract.get("ignore_imports"), "no known debts inside moderation"
    order = [layer.split()[0] for layer in contract["layers"]]
    for lower, upper in (("models", "selectors"), ("selectors", "services")):
        assert order.index(upper) < order.index(lower), f"{upper} sits above {lower}"
    assert order.index("presenters") < order.index("services")
    result = _lint(root, contract, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_moderation_contract_sees_real_imports(tmp_path):
    """Upside down, the same layers are broken, naming the imports that go the right way now
    (views on services, services on selectors, selectors on models): so the contract does see
    moderation's imports, and a module importing upwards would fail it."""
    root, contract = _contract()
    upside_down = {**contract, "layers": list(reversed(contract["layers"]))}
    result = _lint(root, upside_down, tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    for module in ("crossnote.moderation.views", "crossnote.moderation.services"):
        assert module in result.stdout, module


def test_moderation_imports_crossnote_at_module_level():
    """A function-local import hides a cycle the contract would otherwise catch: inside
    moderation only Django's own places keep them (apps.ready loads the hook handlers once the
    registry exists; a migration's function imports what it runs)."""
    package = ROOT / "crossnote" / "moderation"
    allowed = {package / "apps.py"}
    found = []
    for path in sorted(package.rglob("*.py")):
        if path in allowed or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            stripped = line.lstrip()
            indented = line != stripped
            if indented and stripped.startswith(("from crossnote", "import crossnote")):
                found.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert not found, "move these imports to the top of their module:\n" + "\n".join(found)
