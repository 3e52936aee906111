"""SQLite's query planner statistics are refreshed by a periodic job (crossnote.core.tasks): a
server's database never had any (only the benchmark world ran ANALYZE), so the planner guessed
which index narrows a question most. PostgreSQL keeps its own."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from crossnote.core import scheduler, tasks
from crossnote.notes import services


def test_the_job_is_on_the_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["planner-statistics"]
    assert entry["task"] == "crossnote.core.tasks.refresh_planner_statistics"


@pytest.mark.django_db
def test_running_the_job_from_the_command_line_writes_the_statistics(make_note, mia, lin):
    services.like_note(user=lin, note=make_note(mia, title="Dumplings"))  # a like, its notice
    out = StringIO()
    call_command("tasks", "run", "planner-statistics", stdout=out)
    if connection.vendor != "sqlite":
        assert tasks.refresh_planner_statistics() == "postgresql: its own statistics (autovacuum)"
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        analysed = {row[0] for row in cursor.fetchall()}
    # (ANALYZE leaves empty tables out)
    assert {"notes_note", "social_notification", "notes_notelike"} <= analysed
    assert "planner-statistics" in out.getvalue()
    assert tasks.refresh_planner_statistics().startswith("sqlite: planner statistics refreshed")


@pytest.mark.django_db
def test_a_job_run_from_the_command_line_shows_as_last_run_and_is_not_due_again():
    entry = settings.CELERY_BEAT_SCHEDULE["planner-statistics"]
    assert scheduler.is_due("planner-statistics", entry)
    call_command("tasks", "run", "planner-statistics", stdout=StringIO())
    assert not scheduler.is_due("planner-statistics", entry)
    out = StringIO()
    call_command("tasks", "periodic", stdout=out)
    line = next(row for row in out.getvalue().splitlines() if row.startswith("planner-statistics"))
    assert "last run here: never" not in line and " UTC" in line
