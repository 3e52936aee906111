"""With a broker, the tasks one commit queues reach it as one message (issue 19: a post queued
three, each publish ~0.8 ms of the request's CPU), and a worker runs each of them as its own
message would: its own id, its own failure policy, the others unharmed.

The sends are caught at `tasks._send` (what would go to the broker); the worker's side is
`run_together` run here. Real workers consuming such a message are in
tests/scaleout/test_celery_worker.py."""

import pytest
from celery import shared_task
from django.db import transaction

from crossnote.core import tasks
from crossnote.core.models import FailedTask

pytestmark = pytest.mark.django_db

RAN: list = []


@shared_task(name="tests.together.note")
def note_task(label: str) -> str:
    RAN.append((label, note_task.request.id))
    return label


@shared_task(name="tests.together.broken")
def broken(label: str) -> None:
    RAN.append((label, broken.request.id))
    raise tasks.PermanentFailure(f"{label}: cannot ever work")


@pytest.fixture
def sent(settings, monkeypatch):
    """A broker configured (nothing is sent: `_send` records instead)."""
    settings.CELERY_BROKER_URL, settings.CROSSNOTE_TASKS_INLINE = "redis://127.0.0.1:1/0", False
    RAN.clear()
    sends: list = []
    monkeypatch.setattr(tasks, "_send", lambda task, args, kwargs: sends.append((task, args)))
    return sends


def _names(sends) -> list:
    return [task.name for task, _args in sends]


def test_the_tasks_of_one_commit_are_sent_as_one_message_in_their_order(
    sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            tasks.enqueue(note_task, "variants")
            tasks.enqueue(note_task, "fan out")
            tasks.enqueue(note_task, "variants")  # the same again: once
            tasks.enqueue(
                note_task,
                "index",
            )
            assert sent == []
    assert _names(sent) == ["core.run_together"]
    (_task, (queued,)) = sent[0]
    assert queued == [
        ["tests.together.note", ["variants"], {}],
        ["tests.together.note", ["fan out"], {}],
        ["tests.together.note", ["index"], {}],
    ]


def test_a_rolled_back_savepoints_task_is_not_sent_and_a_later_one_still_joins(
    sent, django_capture_on_commit_callbacks
):
    told: list = []
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            tasks.enqueue(note_task, "kept")
            try:
                with transaction.atomic():
                    tasks.enqueue(note_task, "rolled back")
                    raise RuntimeError("the inner write fails")
            except RuntimeError:
                pass
            transaction.on_commit(lambda: told.append(len(sent)))  # another callback between
            tasks.enqueue(note_task, "after it")
    assert told == [0]  # the message leaves after every other callback of the commit
    assert _names(sent) == ["core.run_together"]
    assert [label for _name, (label,), _kw in sent[0][1][0]] == ["kept", "after it"]


def test_one_task_goes_as_itself_and_nothing_is_sent_for_a_rollback(
    sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            tasks.enqueue(note_task, "alone")
    assert sent == [(note_task, ("alone",))]
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                tasks.enqueue(note_task, "a")
                tasks.enqueue(note_task, "b")
                raise RuntimeError("the write fails")
        except RuntimeError:
            pass
    assert callbacks == [] and sent == []


def test_without_a_broker_nothing_waits_to_be_sent_together(
    settings, django_capture_on_commit_callbacks
):
    settings.CROSSNOTE_TASKS_INLINE = True
    RAN.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            tasks.enqueue(note_task, "one")
            tasks.enqueue(note_task, "two")
    assert len(callbacks) == 2  # the tasks' own callbacks, no sender among them
    assert [label for label, _id in RAN] == ["one", "two"]


def test_a_worker_runs_each_task_under_its_own_id_and_a_failure_harms_no_other(sent):
    queued = [
        ["tests.together.note", ["first"], {}],
        ["tests.together.broken", ["second"], {}],
        ["tests.together.gone", [7], {}],  # no task has this name (renamed since)
        ["tests.together.note", ["third"], {}],
    ]
    tasks.run_together.apply(args=(queued,), task_id="msg-1")
    assert RAN == [("first", "msg-1-0"), ("second", "msg-1-1"), ("third", "msg-1-3")]
    letters = {row.task_name: row for row in FailedTask.objects.all()}
    assert set(letters) == {"tests.together.broken", "tests.together.gone"}
    assert letters["tests.together.broken"].args == ["second"]
    assert "PermanentFailure" in letters["tests.together.broken"].exception
    assert letters["tests.together.gone"].args == [7]
    assert sent == []  # nothing was sent again: neither failure may be retried
