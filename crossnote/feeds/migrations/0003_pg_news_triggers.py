"""PostgreSQL: announce every write that can change what is kept by generation (core.pgnews).

Kept while the database announces nothing: explore's visitor page (crossnote.feeds.visitors:
the newest note, comment, topic pick and follow, ranking.freshness; its notes still shown to a
visitor of that region in the same versions and labels, cards.shown_versions: the note's
visibility, moderation, content warning, media ready, updated_at and author, the author active,
no withholding for the region); a signed-in reader's freshness marks (their topic picks,
follows and notes); their following timeline's notes (cards.newest_shown: follows, blocks and
mutes besides the notes and their authors); a note's page for visitors (notes.visitor_page: the
note, its comments written, edited, labelled or removed). A trigger on each of those writes
does `pg_notify`; PostgreSQL delivers it at commit, once per transaction, to every listening
process. A like or a comment count updates the note without announcing anything (the WHEN
clause): counts may lag by CROSSNOTE_EXPLORE_CACHE_SECONDS, as they always could.
Made here, on PostgreSQL only (SQLite asks its in-process database on every hit).
"""

from django.db import migrations

CHANNEL = "crossnote_news"
FUNCTION = "crossnote_announce"


def _changed(*columns: str) -> str:
    """A row trigger's WHEN: any of these columns changed."""
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


# (app label, model, events, row-level WHEN condition or "")
TRIGGERS = [
    ("notes", "Note", "INSERT OR DELETE OR TRUNCATE", ""),
    (
        "notes",
        "Note",
        "UPDATE",
        _changed(
            "updated_at", "moderation", "content_warning", "visibility", "media_ready", "author_id"
        ),
    ),
    ("notes", "NoteWithholding", "INSERT OR UPDATE OR DELETE OR TRUNCATE", ""),
    ("notes", "Comment", "INSERT OR DELETE OR TRUNCATE", ""),
    ("notes", "Comment", "UPDATE", _changed("updated_at", "moderation", "content_warning", "body")),
    ("feeds", "TopicInterest", "INSERT OR DELETE OR TRUNCATE", ""),
    ("social", "Follow", "INSERT OR DELETE OR TRUNCATE", ""),
    ("social", "Block", "INSERT OR UPDATE OR DELETE OR TRUNCATE", ""),
    ("social", "Mute", "INSERT OR UPDATE OR DELETE OR TRUNCATE", ""),
    ("accounts", "User", "DELETE OR TRUNCATE", ""),
    ("accounts", "User", "UPDATE", _changed("is_active")),
]


def _each(apps, schema_editor):
    quote = schema_editor.quote_name
    for app, model, events, when in TRIGGERS:
        table = apps.get_model(app, model)._meta.db_table
        initials = "".join(event[0] for event in events.lower().split(" or "))  # "iudt"
        yield quote(f"crossnote_news_{table}_{initials}"), quote(table), events, when


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    )
    for name, table, events, when in _each(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        if when:
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {events} ON {table} FOR EACH ROW "
                f"WHEN ({when}) EXECUTE FUNCTION {FUNCTION}()"
            )
        else:
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {events} ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, _events, _when in _each(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}() CASCADE")  # any trigger left


class Migration(migrations.Migration):
    dependencies = [
        ("feeds", "0002_freshness_mark_indexes"),
        ("notes", "0008_verbose_names"),
        ("social", "0008_verbose_names"),
        ("accounts", "0005_verbose_names"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
