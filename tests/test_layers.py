"""The app order is a contract (pyproject.toml, [tool.importlinter]): an app imports only the
apps below it, function-local imports included; a new upward import fails `make test`."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path | None = None) -> subprocess.CompletedProcess:
    argv = [str(LINT_IMPORTS), "--no-cache"]
    if config is not None:
        argv += ["--config", str(config)]
    return subprocess.run(  # noqa: S603 - the venv's own tool
        argv, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module", autouse=True)
def _tool():
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is missing: `make install` installs the test extra")


def test_the_apps_keep_their_order():
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contract_fails_an_upward_import(tmp_path):
    """Without its list of known debts the same contract is broken, and names each of them:
    so it does see upward imports (a contract that could never fail would pass this too)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    linter = pyproject["tool"]["importlinter"]
    layers = next(c for c in linter["contracts"] if c["type"] == "layers")
    debts = layers["ignore_imports"]
    assert debts, "no known debts left: this test needs another way to prove the contract fails"
    quoted = ", ".join(f'"{m}"' for m in layers["layers"])
    config = tmp_path / "layers.toml"
    config.write_text(
        f'[tool.importlinter]\nroot_package = "{linter["root_package"]}"\n\n'
        f'[[tool.importlinter.contracts]]\nname = "order"\ntype = "layers"\nlayers = [{quoted}]\n'
    )
    result = _lint(config)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    for debt in debts:
        importer, _arrow, imported = debt.partition(" -> ")
        assert importer in result.stdout and imported in result.stdout, debt
