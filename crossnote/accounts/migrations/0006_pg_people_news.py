"""PostgreSQL: announce sign-in and people news (crossnote.core.pgnews.PEOPLE_CHANNEL).

Sign-ins: a session or API token row inserted, updated or deleted (payload ""): each process's
memo of who a session or token is (crossnote.accounts.authcache) is checked against this news
instead of a Redis key (crossnote.core.revocation): no round trip per request.
People: a person's row updated (in any column) or deleted (payload: their id; "*" for a
truncate): the signed-in person's row is kept between requests while no news of it came in, so
a suspension, a password, region or role change still shows on the next request. A new person
is no news (nothing can have kept their row).
Made here, on PostgreSQL only (SQLite reads the row in process; its sign-in generation is a
shared memory page).
"""

from django.db import migrations

CHANNEL = "crossnote_people"  # crossnote.core.pgnews.PEOPLE_CHANNEL
SIGN_INS = "crossnote_announce_sign_in"
PERSON = "crossnote_announce_person"


def _tables(apps):
    session = apps.get_model("sessions", "Session")._meta.db_table
    token = apps.get_model("accounts", "ApiToken")._meta.db_table
    person = apps.get_model("accounts", "User")._meta.db_table
    return session, token, person


def _triggers(apps, schema_editor):
    """(name, table, the CREATE TRIGGER statement's body after the table)."""
    quote = schema_editor.quote_name
    session, token, person = _tables(apps)
    for table in (session, token):
        yield (
            quote(f"crossnote_people_{table}_iudt"),
            quote(table),
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {SIGN_INS}()",
        )
    yield (
        quote(f"crossnote_people_{person}_u"),
        quote(person),
        f"AFTER UPDATE ON {quote(person)} FOR EACH ROW "
        f"WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION {PERSON}()",
    )
    yield (
        quote(f"crossnote_people_{person}_d"),
        quote(person),
        f"AFTER DELETE ON {quote(person)} FOR EACH ROW EXECUTE FUNCTION {PERSON}()",
    )
    yield (
        quote(f"crossnote_people_{person}_t"),
        quote(person),
        f"AFTER TRUNCATE ON {quote(person)} FOR EACH STATEMENT EXECUTE FUNCTION {PERSON}()",
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {SIGN_INS}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    )
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {PERSON}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        f"IF TG_LEVEL = 'STATEMENT' THEN PERFORM pg_notify('{CHANNEL}', '*'); "
        f"ELSIF TG_OP = 'DELETE' THEN PERFORM pg_notify('{CHANNEL}', OLD.id::text); "
        f"ELSE PERFORM pg_notify('{CHANNEL}', NEW.id::text); "
        "END IF; RETURN NULL; END $$"
    )
    for name, table, body in _triggers(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        schema_editor.execute(f"CREATE TRIGGER {name} {body}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, _body in _triggers(apps, schema_editor):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for function in (SIGN_INS, PERSON):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}() CASCADE")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_verbose_names"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
