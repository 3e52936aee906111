"""A failed task's log lines show its ids and numbers, never the text it was given (an address,
a name, a signed body): logs outlive and travel further than the dead-letter row, which keeps
the arguments whole so the task can be sent again."""

import logging

import pytest
from celery import shared_task

from crossnote.core import tasks
from crossnote.core.models import FailedTask

pytestmark = pytest.mark.django_db


@shared_task(name="tests.core.logging.doomed", max_retries=0)
def doomed(note_id: int, inbox: str) -> None:
    raise tasks.PermanentFailure("the server said no")


def test_a_failed_tasks_log_lines_keep_its_ids_and_hide_its_text(caplog):
    with caplog.at_level(logging.INFO, logger="crossnote.core.tasks"):
        assert tasks.run_now(doomed, 42, "https://elsewhere.example/users/mei/inbox") is False
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "tests.core.logging.doomed" in logged and "42" in logged
    assert "mei" not in logged and "elsewhere.example" not in logged
    assert "<text, 41 chars>" in logged
    # The dead letter still holds what a retry needs.
    failed = FailedTask.objects.get(task_name="tests.core.logging.doomed")
    assert failed.args == [42, "https://elsewhere.example/users/mei/inbox"]


def test_loggable_names_each_kind_of_argument():
    assert tasks.loggable((1, None, True, 2.5, "secret", [3, "x"], {"a": 1})) == (
        "(1, None, True, 2.5, <text, 6 chars>, [3, <text, 1 chars>], <dict>)"
    )
    assert tasks.loggable(None) == "()"
