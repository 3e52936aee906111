"""Compile every crossnote/locale/*/LC_MESSAGES/django.po to django.mo with polib.

Pure Python, so `make install` needs no GNU gettext (Django's compilemessages shells out to msgfmt).
Fuzzy entries are left out, as msgfmt does, so a half-done translation never reaches a page.
Usage: python scripts/compile_messages.py [--check]  (--check: exit 1 if a .mo is out of date).
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "crossnote" / "locale"


def compiled(po_path: Path) -> polib.POFile:
    """The catalogue as it will be compiled: parsed, with fuzzy entries dropped."""
    po = polib.pofile(str(po_path))
    for entry in po.fuzzy_entries():
        po.remove(entry)
    return po


def mo_is_current(po_path: Path, mo_path: Path) -> bool:
    """Whether `mo_path` holds exactly the translations that compiling `po_path` would give."""
    if not mo_path.exists():
        return False
    return entries(compiled(po_path)) == entries(polib.mofile(str(mo_path)))


def entries(catalogue) -> dict:
    """(context, msgid, plural) → translation(s), plus the header, for comparing catalogues."""
    table = {
        (e.msgctxt, e.msgid, e.msgid_plural): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in catalogue
        if not e.obsolete
    }
    table["metadata"] = tuple(sorted(catalogue.metadata.items()))
    return table


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if check:
            if not mo_is_current(po_path, mo_path):
                stale.append(mo_path)
            continue
        compiled(po_path).save_as_mofile(str(mo_path))
        print(f"compiled {mo_path.relative_to(LOCALE_DIR.parent.parent)}")
    for mo_path in stale:
        print(f"out of date: {mo_path} (run python scripts/compile_messages.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
