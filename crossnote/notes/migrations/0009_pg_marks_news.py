"""PostgreSQL: announce a person's likes and collects made or undone (payload "m" + their id on
crossnote.core.pgnews.PEOPLE_CHANNEL): a signed-in reader's page facts (counts, and whether they
liked or collected each note: crossnote.feeds.cards.page_facts) are kept between pages while no
news of their own marks, and none of what decides the notes shown (feeds migration 0003), came
in. Others' likes are not news to them: counts may lag by cards.FACTS_KEEP_SECONDS.
Made here, on PostgreSQL only.
"""

from django.db import migrations

CHANNEL = "crossnote_people"  # crossnote.core.pgnews.PEOPLE_CHANNEL
LIKED = "crossnote_announce_liker"
COLLECTED = "crossnote_announce_collector"


def _triggers(apps, schema_editor):
    """(name, table, the CREATE TRIGGER statement's body after the table)."""
    quote = schema_editor.quote_name
    likes = apps.get_model("notes", "NoteLike")._meta.db_table
    collects = apps.get_model("notes", "Collect")._meta.db_table
    for table, function in ((likes, LIKED), (collects, COLLECTED)):
        yield (
            quote(f"crossnote_marks_{table}_id"),
            quote(table),
            f"AFTER INSERT OR DELETE ON {quote(table)} FOR EACH ROW EXECUTE FUNCTION {function}()",
        )
        yield (
            quote(f"crossnote_marks_{table}_t"),
            quote(table),
            f"AFTER TRUNCATE ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    boards = schema_editor.quote_name(apps.get_model("notes", "Board")._meta.db_table)
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {LIKED}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        f"IF TG_LEVEL = 'STATEMENT' THEN PERFORM pg_notify('{CHANNEL}', '*'); "
        f"ELSIF TG_OP = 'DELETE' THEN PERFORM pg_notify('{CHANNEL}', 'm' || OLD.user_id); "
        f"ELSE PERFORM pg_notify('{CHANNEL}', 'm' || NEW.user_id); "
        "END IF; RETURN NULL; END $$"
    )
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {COLLECTED}() RETURNS trigger LANGUAGE plpgsql AS $$ "  # noqa: S608 - a quoted table name
        "DECLARE v_board bigint; v_owner bigint; "
        "BEGIN "
        f"IF TG_LEVEL = 'STATEMENT' THEN PERFORM pg_notify('{CHANNEL}', '*'); RETURN NULL; "
        "END IF; "
        "IF TG_OP = 'DELETE' THEN v_board := OLD.board_id; ELSE v_board := NEW.board_id; "
        "END IF; "
        f"SELECT b.owner_id INTO v_owner FROM {boards} b WHERE b.id = v_board; "
        f"IF v_owner IS NULL THEN PERFORM pg_notify('{CHANNEL}', '*'); "  # its board gone too
        f"ELSE PERFORM pg_notify('{CHANNEL}', 'm' || v_owner); END IF; "
        "RETURN NULL; END $$"
    )
    for name, table, body in _triggers(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        schema_editor.execute(f"CREATE TRIGGER {name} {body}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, _body in _triggers(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for function in (LIKED, COLLECTED):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}() CASCADE")


class Migration(migrations.Migration):
    dependencies = [
        ("notes", "0008_verbose_names"),
        ("accounts", "0006_pg_people_news"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
