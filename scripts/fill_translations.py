"""Fill zh-Hans catalogue entries from a JSON map {msgid: msgstr} and clear their fuzzy flags.

    .venv/bin/python scripts/fill_translations.py '{"Photo": "图片"}'
    .venv/bin/python scripts/fill_translations.py '{"collect a note into a board\u0004Save": "收藏"}'

Prints what is still untranslated afterwards, so a developer adding UI strings sees what is left.
"""

import json
import sys
from pathlib import Path

import polib

CATALOGUE = (
    Path(__file__).resolve().parent.parent / "crossnote/locale/zh_Hans/LC_MESSAGES/django.po"
)


def main() -> int:
    updates = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    po = polib.pofile(str(CATALOGUE))
    for entry in po:
        # A key "context\x04msgid" fills only that context's entry; a plain msgid fills only
        # entries without a context (so "Save" never overwrites "Save" as in collect-a-note).
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key in updates:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: updates[key]}
            else:
                entry.msgstr = updates[key]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
    po.save()
    missing = [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
