"""`crossnote migrate-data`: move an instance's rows from one database to another (typically the
embedded SQLite file to PostgreSQL) without loss, and prove it with per-table counts and checksums.

How: both URLs become extra database aliases; the source must be fully migrated; the target must
hold no accounts. The target gets the schema (`migrate`), is emptied of what migrations seeded
(`flush`), and every concrete model's table is copied in batches, as the model's own field values
(raw inserts: auto_now and signals do not touch them), inside one transaction so foreign keys are
checked once at the end. Sequences are reset. Then each table is read back on both sides: the row
count and an order-independent checksum of every row's canonical values must match.

Media files are not in the database: copy MEDIA_ROOT along (or sync it to the S3 bucket).
The database cache table is recreated empty on the target.
"""

import base64
import datetime
import decimal
import hashlib
import json
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import environ
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor

from crossnote.core.errors import InvalidInput

SOURCE, TARGET = "migrate_data_source", "migrate_data_target"
_MOD = 2**128


@dataclass
class TableReport:
    label: str
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


# The databases Crossnote runs on: SQLite (embedded) and PostgreSQL (scaled out).
ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def _database_config(url: str, *, must_exist: bool) -> dict:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown scheme: refused below with a message
            config = environ.Env.db_url_config(url)
    except Exception as exc:  # noqa: BLE001 - environ raises several kinds for a bad URL
        raise InvalidInput(f"Not a database URL: {url!r} ({exc}).") from exc
    if not config.get("ENGINE"):
        raise InvalidInput(f"Not a database URL: {url!r}.")
    if config["ENGINE"] not in ENGINES:
        # environ passes an unknown scheme through as the engine's name, which Django could
        # only fail to import later, mid-run, with a traceback.
        raise InvalidInput(
            f"Not a database URL Crossnote runs on: {url!r} (give sqlite:///PATH or "
            "postgres://USER:PASSWORD@HOST/NAME)."
        )
    if config["ENGINE"].endswith("sqlite3"):
        name = config.get("NAME", "")
        if must_exist and (not name or name == ":memory:" or not Path(name).is_file()):
            raise InvalidInput(f"No SQLite database file at {name!r}.")
    return config


def open_databases(source_url: str, target_url: str) -> None:
    """Register the two URLs as database aliases SOURCE and TARGET."""
    source = _database_config(source_url, must_exist=True)
    target = _database_config(target_url, must_exist=False)
    if source_url == target_url:
        raise InvalidInput("--from and --to name the same database.")
    configured = connections.configure_settings(
        {"default": connections.settings["default"], SOURCE: source, TARGET: target}
    )
    for alias in (SOURCE, TARGET):
        if alias in connections.settings:
            connections[alias].close()
            del connections[alias]
        connections.settings[alias] = configured[alias]


def close_databases() -> None:
    for alias in (SOURCE, TARGET):
        if alias in connections.settings:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]


def copied_models() -> list:
    """Every concrete table Django manages, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def _fields(model) -> list:
    return [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]


def pending_migrations(alias: str) -> list:
    executor = MigrationExecutor(connections[alias])
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def _user_count(alias: str) -> int:
    from django.contrib.auth import get_user_model

    table = get_user_model()._meta.db_table
    connection = connections[alias]
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return 0
    return get_user_model()._base_manager.using(alias).count()


def _canonical(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if isinstance(value, bytes | bytearray | memoryview):
        return "b64:" + base64.b64encode(bytes(value)).decode()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def table_checksum(alias: str, model, chunk: int = 2000) -> tuple[int, str]:
    """(rows, checksum) of a table: the sum of each row's SHA-256 over its canonical values, so
    the order rows come back in does not matter (collations differ between databases)."""
    names = [f.attname for f in _fields(model)]
    total, rows = 0, 0
    for row in model._base_manager.using(alias).values_list(*names).iterator(chunk_size=chunk):
        encoded = json.dumps(_canonical(list(row)), sort_keys=True, ensure_ascii=False)
        total = (total + int.from_bytes(hashlib.sha256(encoded.encode()).digest()[:16])) % _MOD
        rows += 1
    return rows, f"{total:032x}"


def _copy_model(model, chunk: int) -> int:
    fields = _fields(model)
    manager = model._base_manager
    copied, batch = 0, []
    for obj in manager.using(SOURCE).order_by("pk").iterator(chunk_size=chunk):
        batch.append(obj)
        if len(batch) >= chunk:
            manager.using(TARGET)._insert(batch, fields=fields, raw=True, using=TARGET)
            copied += len(batch)
            batch = []
    if batch:
        manager.using(TARGET)._insert(batch, fields=fields, raw=True, using=TARGET)
        copied += len(batch)
    return copied


def prepare_target(*, out: Callable[[str], None]) -> None:
    """Refuse a source that is behind or a target with accounts; give the target the schema."""
    behind = pending_migrations(SOURCE)
    if behind:
        raise InvalidInput(
            f"The source database has {len(behind)} unapplied migration(s): run `crossnote "
            "migrate` against it first (DATABASE_URL=<source> crossnote migrate)."
        )
    users = _user_count(TARGET)
    if users:
        raise InvalidInput(
            f"The target database already holds {users} account(s); migrate-data only writes "
            "into a new, empty database."
        )
    out("Creating the schema on the target …")
    call_command("migrate", database=TARGET, interactive=False, verbosity=0)
    call_command("createcachetable", database=TARGET, verbosity=0)
    # Migrations and post_migrate seed rows (content types, permissions, defaults) that the
    # source also has: empty every table so the copy brings them over with their own ids.
    # allow_cascade: on PostgreSQL with pgvector, search_notevector (no Django model) references
    # notes_note, and TRUNCATE refuses a referenced table without CASCADE.
    call_command(
        "flush",
        database=TARGET,
        interactive=False,
        inhibit_post_migrate=True,
        allow_cascade=True,
        verbosity=0,
    )


def copy_rows(*, chunk: int, out: Callable[[str], None]) -> int:
    models = copied_models()
    total = 0
    with transaction.atomic(using=TARGET):
        for model in models:
            try:
                count = _copy_model(model, chunk)
            except Exception as exc:
                raise InvalidInput(
                    f"Copying {model._meta.label} ({model._meta.db_table}) failed: {exc}"
                ) from exc
            total += count
            if count:
                out(f"  copied {count:>8} rows  {model._meta.db_table}")
        connection = connections[TARGET]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return total


def verify(*, chunk: int = 2000) -> list[TableReport]:
    reports = []
    for model in copied_models():
        source_rows, source_sum = table_checksum(SOURCE, model, chunk)
        target_rows, target_sum = table_checksum(TARGET, model, chunk)
        reports.append(
            TableReport(
                model._meta.label,
                model._meta.db_table,
                source_rows,
                target_rows,
                source_sum,
                target_sum,
            )
        )
    return reports


def migrate_data(
    source_url: str,
    target_url: str,
    *,
    verify_only: bool = False,
    chunk: int = 1000,
    out: Callable[[str], None] = print,
) -> list[TableReport]:
    """Copy (unless verify_only) and verify; returns one report per table."""
    if chunk < 1:
        raise InvalidInput("--chunk must be at least 1.")
    open_databases(source_url, target_url)
    try:
        started = time.monotonic()
        if not verify_only:
            prepare_target(out=out)
            total = copy_rows(chunk=chunk, out=out)
            out(f"Copied {total} rows in {time.monotonic() - started:.1f} s. Verifying …")
        return verify(chunk=max(chunk, 500))
    finally:
        close_databases()
