"""PostgreSQL: indexes that answer the reader's own freshness mark from the index alone.

Every signed-in explore page asks (crossnote.feeds.ranking._freshness_marks) for the newest id
of the reader's topic picks, follows and notes. On PostgreSQL the only indexes led by the
reader's column held no `id`: each MAX(id) read every one of the reader's rows from the table
(430 ms for a person following 2,000 once the counts came from their row), and PostgreSQL,
finding no plan better than another, planned the statement again at every execution (0 generic
plans after 11 runs). With (column, id) each MAX is one index probe and the prepared statement
keeps one generic plan (521 of 526 runs): in process, the database's CPU per signed-in explore
request on the 1M world went from 1.8 to 1.2 ms (bench/README, 2026-12-07). SQLite needs none
of them: its index on the column already ends in the rowid.
Not in the models' state (they would be made on SQLite too): made here, on PostgreSQL only.
"""

from django.db import migrations

# (index name, app label, model, column)
INDEXES = [
    ("feeds_mark_pick_idx", "feeds", "TopicInterest", "user_id"),
    ("feeds_mark_follow_idx", "social", "Follow", "follower_id"),
    ("feeds_mark_note_idx", "notes", "Note", "author_id"),
]


def _each(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, app, model, column in INDEXES:
        table = apps.get_model(app, model)._meta.db_table
        yield quote(name), quote(table), quote(column)


def create(apps, schema_editor):
    for name, table, column in _each(apps, schema_editor):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column}, id)")


def drop(apps, schema_editor):
    for name, _table, _column in _each(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("feeds", "0001_initial"),
        ("notes", "0008_verbose_names"),
        ("social", "0008_verbose_names"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
