"""Looks for a person's marker strings everywhere Crossnote keeps data: every model's text,
char, file and JSON fields, every table (raw, so SQLite's FTS5 shadow tables and PostgreSQL's
tsvector columns count too), every file under MEDIA_ROOT and the exports folder (inside zips
as well), and the cache."""

import base64
import json
import pickle
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, models

TEXTUAL = (models.CharField, models.TextField, models.JSONField, models.FileField)


def _hits(where: str, text: str, markers) -> list[str]:
    return [f"{where}: {m}" for m in markers if m in text]


def scan_models(markers) -> list[str]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXTUAL)]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            text = json.dumps(row, default=str, ensure_ascii=False)
            found += _hits(f"model {model._meta.label}", text, markers)
    return found


def _as_text(value) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "ignore")
    return str(value)


def scan_tables(markers) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                found += _hits(f"table {table}", " ".join(_as_text(v) for v in row), markers)
    return found


def _file_texts(path: Path):
    yield str(path), path.read_bytes().decode("utf-8", "ignore")
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield f"{path}!{name}", archive.read(name).decode("utf-8", "ignore")


def scan_files(markers) -> list[str]:
    found = []
    for root in (Path(settings.MEDIA_ROOT), Path(settings.CROSSNOTE_EXPORTS_DIR)):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            for where, text in _file_texts(path):
                found += _hits(f"file {where}", where + text, markers)
    return found


def _cache_items(cache):
    """(key, pickled value) of a local-memory or database cache (Redis: every key, via its client)."""
    if isinstance(getattr(cache, "_cache", None), dict):
        return list(cache._cache.items())
    if hasattr(cache, "_table"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT cache_key, value FROM {cache._table}")  # noqa: S608
            return [(key, base64.b64decode(value)) for key, value in cursor.fetchall()]
    client = cache._cache.get_client()
    items = []
    for key in client.scan_iter():
        kind = client.type(key)
        if kind == b"string":
            items.append((key, client.get(key)))
        elif kind == b"zset":  # e.g. feeds' timelines: members are ids
            items.append((key, repr(client.zrange(key, 0, -1)).encode()))
    return items


def scan_cache(markers) -> list[str]:
    found = []
    for alias in settings.CACHES:
        for key, value in _cache_items(caches[alias]):
            try:
                text = repr(pickle.loads(value)) if isinstance(value, bytes) else repr(value)  # noqa: S301
            except Exception:
                text = _as_text(value)
            found += _hits(f"cache {alias}:{key}", f"{key} {text}", markers)
    return found


def scan_everywhere(markers) -> list[str]:
    markers = list(markers)
    return scan_models(markers) + scan_tables(markers) + scan_files(markers) + scan_cache(markers)


def how_to_cover(label: str, path: str = "") -> str:
    """What to add so that the registry covers the model `label` (crossnote.core.data_rights)."""
    from importlib.util import find_spec

    app_label = label.partition(".")[0]
    app = apps.get_app_config(app_label)
    module = f"{app.name}.data_rights"
    where = module.replace(".", "/") + ".py"
    exists = find_spec(module) is not None
    start = (
        f"in {where}"
        if exists
        else f"create {where} (an app with no part yet; nothing else to wire)"
    )
    return (
        f"{label} can hold a person's data ({path or 'a relation to accounts.User'}) and no "
        f"data-rights part covers it. To cover it, {start}:\n"
        f"  - export its rows in export(user, media) -> {{section: ...}} (a new section also "
        f"goes into crossnote/privacy/export.schema.json and "
        f"crossnote/privacy/templates/privacy/archive_index.html);\n"
        f"  - delete or pseudonymise them in erase(user) (files via "
        f"data_rights.delete_files_after_commit);\n"
        f'  - name "{label}" in covers= of its register("{app_label}", order=..., export=export, '
        f"erase=erase, covers=(...)) call.\n"
        f"See 'How to cover a new table' in crossnote/core/data_rights.py and "
        f"docs/operating/privacy.md."
    )


def _owner_of(hit: str) -> str | None:
    """The model label a scanner hit is in ('model x.Y: …' or 'table x_y: …'), if a model's."""
    where = hit.split(":", 1)[0]
    kind, _space, name = where.partition(" ")
    for model in apps.get_models(include_auto_created=True):
        if (kind == "model" and name == model._meta.label) or (
            kind == "table" and name == model._meta.db_table
        ):
            return model._meta.label
    return None


def explain_leftovers(hits: list[str]) -> str:
    """The scanner's hits after an erasure, each with what to change so that it goes."""
    lines = []
    for hit in hits:
        label = _owner_of(hit)
        if label is None:
            lines.append(f"{hit}\n  (not a model's table: a file, the cache or a search index)")
        else:
            app = apps.get_app_config(label.partition(".")[0])
            lines.append(
                f"{hit}\n  → {app.name.replace('.', '/')}/data_rights.py: erase(user) must "
                f'delete or pseudonymise these rows, and covers= name "{label}" '
                f"(crossnote/core/data_rights.py, 'How to cover a new table')"
            )
    return "\n".join(lines)
