"""A user's clone has no developer folders beside it: nothing in the project may read one.

The training data the product needs ships in the package (crossnote/moderation/data); this test
fails on any code, script or test that reaches for a `shared` folder next to the repository."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The developers' folder beside the repository, reached as a relative path, as a pathlib join
# from a parent, or as its data sub-folder. Its name is assembled here so that this file does
# not itself read like such a path.
_NAME = "sha" + "red"
OUTSIDE = re.compile(
    rf"""\.\./{_NAME}\b|parent\s*/\s*["']{_NAME}["']|["']{_NAME}["']\s*/\s*["']data["']"""
    rf"""|\b{_NAME}/data/"""
)
CHECKED = ("crossnote", "tests", "scripts", "bench", "deploy", ".ci")


def _files():
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".sh", ".toml", ".yml", ".yaml", ""}:
                yield path
    yield from (ROOT / name for name in ("Makefile", "pyproject.toml", "manage.py"))


def test_nothing_reads_a_folder_outside_the_repository():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        if path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not offenders, "reads outside the repository:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "name", ["cold_train.csv", "cold_dev.csv", "davidson_labeled.csv", "olid_train.csv"]
)
def test_training_data_ships_in_the_package_with_its_licence(name):
    from crossnote.moderation.datasets import DATA_DIR

    assert (DATA_DIR / name).stat().st_size > 100_000
    readme = (DATA_DIR / "README.md").read_text()
    assert name in readme
    assert (DATA_DIR / "LICENSE-COLD.txt").is_file()
    assert (DATA_DIR / "LICENSE-davidson.txt").is_file()
