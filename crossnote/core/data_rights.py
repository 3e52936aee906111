"""The data-rights registry: each app answers for its own tables when a person exports their data
(GDPR Art. 15/20) or has their account erased (Art. 17), and privacy runs the registered parts in
turn without importing any app (the layer order: docs/reference/layers.md).

An app's part lives in its `data_rights.py`, which registers itself when imported; the registry
imports every installed app's `data_rights` module the first time it is asked (the way Django's
admin finds `admin.py`), so no app is imported by a lower one and no AppConfig needs a line:

    # crossnote/notes/data_rights.py
    def export(user, media): ...   # (user, media) -> {section key: JSON-able value}
    def erase(user): ...           # (user) -> None, inside privacy's erasure transaction

    register("notes", order=30, export=export, erase=erase, covers=("notes.Note", ...))

- `export(user, media)` returns sections of data.json (crossnote/privacy/export.schema.json);
  sections of several parts merge (a dict into a dict, key by key: `security` gets `api_tokens`
  from accounts and `logins` from privacy), two parts giving the same leaf is an error. It adds
  {archive path: storage name} to `media` for files to copy into the archive.
- `erase(user)` deletes, or pseudonymises, the person's rows in the app's own tables, and puts
  right the counters they added to (through the app's own services). Files go after the commit
  (`transaction.on_commit`). It runs inside one transaction with every other part; the account
  row goes last (privacy.erasure), so a part may still read the user.
- `order`: parts run by ascending order (then app label), for export and erasure alike. Erasure
  needs it: language drops cached translations of the notes' texts before notes delete them.
- `covers`: the model labels ("app.Model") this part answers for. tests/privacy/
  test_privacy_coverage.py fails on any model with a relation to accounts.User (directly or
  through a covered model) that no part covers.

How to cover a new table: in your app's `data_rights.py`, add the table's rows to `export()`
(a new section needs its entry in crossnote/privacy/export.schema.json and a line in
crossnote/privacy/templates/privacy/archive_index.html), delete or pseudonymise them in `erase()`,
and add "app.Model" to `covers` of your app's `register()` call. An app with no part yet creates
`data_rights.py` ending in a `register()` call: nothing else to wire. A table deliberately kept
(e.g. an append-only audit log that names no one) is still listed in `covers`, with the reason in
the part's module docstring. docs/operating/privacy.md says the same for operators.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import Storage, default_storage
from django.db import transaction

log = logging.getLogger(__name__)

Export = Callable[[Any, dict[str, str]], dict[str, Any]]
Erase = Callable[[Any], None]


@dataclass(frozen=True)
class Part:
    app_label: str
    order: int
    export: Export | None
    erase: Erase | None
    covers: tuple[str, ...] = field(default=())


_parts: dict[str, Part] = {}
_discovered = False


def register(
    app_label: str,
    *,
    order: int,
    export: Export | None = None,
    erase: Erase | None = None,
    covers: tuple[str, ...] | list[str] = (),
) -> None:
    """Register (or replace, were a module imported twice) the part of `app_label`."""
    _parts[app_label] = Part(app_label, order, export, erase, tuple(covers))


def discover() -> None:
    """Import every installed app's `data_rights` module once (each registers its part)."""
    global _discovered
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("data_rights")
        _discovered = True


def parts() -> list[Part]:
    """Every registered part in the order they run: by `order`, then app label."""
    discover()
    return sorted(_parts.values(), key=lambda part: (part.order, part.app_label))


def covered() -> dict[str, str]:
    """{model label: app label of the part that covers it}."""
    return {label: part.app_label for part in parts() for label in part.covers}


def merge(into: dict[str, Any], sections: dict[str, Any], *, where: str = "") -> None:
    """Merge one part's sections into data.json's dict: dicts key by key, anything else once."""
    for key, value in sections.items():
        path = f"{where}.{key}" if where else key
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value, where=path)
        elif key in into:
            raise ValueError(f"two data-rights parts export {path!r}")
        else:
            into[key] = value


def iso(value) -> str | None:
    """A date or datetime as ISO 8601 (None stays None): how every export section writes time."""
    return value.isoformat() if value else None


def delete_files_after_commit(names: Iterable[str], storage: Storage | None = None) -> None:
    """Delete stored files once the erasure commits (a rollback keeps them); a file that cannot
    be deleted is logged, not fatal: the rows are gone either way."""
    names = [name for name in names if name]

    def delete() -> None:
        store = storage or default_storage
        for name in names:
            try:
                store.delete(name)
            except OSError:
                log.warning("could not delete %s", name)

    if names:
        transaction.on_commit(delete)
