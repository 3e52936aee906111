"""Background tasks without a broker: queued on commit, retried with backoff, dead-lettered when
they keep failing, idempotent when a message comes twice; the embedded default runs them in a
thread; operators see dead letters in admin and the CLI."""

import threading
import time

import pytest
from celery import shared_task
from django.db import transaction

from crossnote import cli
from crossnote.core import tasks
from crossnote.core.models import FailedTask, TaskClaim
from crossnote.privacy import tasks as privacy_tasks
from crossnote.privacy.models import ExportRequest
from crossnote.social.models import Notification
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

CALLS: list = []


@shared_task(name="tests.core.flaky", max_retries=3)
def flaky(label: str, fail_times: int) -> None:
    """Fails its first `fail_times` runs for `label`, then succeeds."""
    CALLS.append(label)
    if CALLS.count(label) <= fail_times:
        raise ConnectionError(f"{label}: service away (try {CALLS.count(label)})")


@shared_task(name="tests.core.hopeless")
def hopeless(label: str) -> None:
    CALLS.append(label)
    raise tasks.PermanentFailure(f"{label}: cannot ever work")


@pytest.fixture(autouse=True)
def _fresh_calls():
    CALLS.clear()


def test_a_task_queued_in_a_transaction_runs_after_commit_and_not_after_rollback(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            tasks.enqueue(flaky, "kept", 0)
            assert CALLS == []  # not before the commit
    assert CALLS == ["kept"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                tasks.enqueue(flaky, "rolled-back", 0)
                raise RuntimeError("the write fails")
        except RuntimeError:
            pass
    assert callbacks == [] and CALLS == ["kept"]


def test_a_failing_task_is_retried_until_it_succeeds_and_leaves_no_dead_letter():
    assert tasks.run_now(flaky, "twice", 2) is True
    assert CALLS == ["twice"] * 3
    assert not FailedTask.objects.exists()


def test_a_task_that_keeps_failing_becomes_one_dead_letter_with_its_attempts():
    assert tasks.run_now(flaky, "never", 99) is False
    assert CALLS == ["never"] * 4  # the first try and max_retries=3 retries
    failed = FailedTask.objects.get()
    assert failed.task_name == "tests.core.flaky" and failed.args == ["never", 99]
    assert failed.attempts == 4 and failed.failures == 1
    assert "ConnectionError" in failed.exception and "service away" in failed.exception
    assert "Traceback" in failed.traceback
    first = failed.first_failed_at

    tasks.run_now(flaky, "never", 99)  # the same job failing again: the same row, counted
    failed.refresh_from_db()
    assert FailedTask.objects.count() == 1
    assert failed.attempts == 8 and failed.failures == 2
    assert failed.first_failed_at == first and failed.last_failed_at > first


def test_a_permanent_failure_is_not_retried():
    assert tasks.run_now(hopeless, "no-retry") is False
    assert CALLS == ["no-retry"]
    failed = FailedTask.objects.get()
    assert failed.attempts == 1 and "PermanentFailure" in failed.exception


def test_in_a_background_thread_retries_wait_an_exponential_backoff(monkeypatch):
    waits = []
    monkeypatch.setattr(tasks.time, "sleep", waits.append)
    monkeypatch.setattr(tasks._local, "backoff", True, raising=False)
    tasks.run_now(flaky, "backoff", 99)
    # Three waits before three retries, none after the last try; full jitter: 0..2, 0..4, 0..8 s.
    assert len(waits) == 3
    for retry, wait in enumerate(waits):
        assert 0 <= wait <= 2 * 2**retry


def test_inline_runs_never_sleep(monkeypatch):
    monkeypatch.setattr(tasks.time, "sleep", lambda s: pytest.fail("slept inline"))
    tasks.run_now(flaky, "inline", 2)
    assert CALLS == ["inline"] * 3


def test_the_embedded_default_runs_a_queued_task_in_a_background_thread(settings):
    settings.CROSSNOTE_TASKS_INLINE = False
    settings.CELERY_BROKER_URL = ""
    seen = []
    started = threading.Event()

    @shared_task(name="tests.core.in_thread")
    def in_thread(value):
        seen.append((value, threading.current_thread() is not threading.main_thread()))
        started.set()

    tasks.dispatch(in_thread, 7)
    assert started.wait(10)
    assert seen == [(7, True)]


def test_a_redelivered_export_does_the_work_once(mia):
    export = ExportRequest.objects.create(user=mia)
    privacy_tasks.run_export.apply(args=(export.pk,), task_id="first-delivery")
    privacy_tasks.run_export.apply(args=(export.pk,), task_id="first-delivery")  # again
    privacy_tasks.run_export.apply(args=(export.pk,), task_id="a-duplicate")
    export.refresh_from_db()
    assert export.status == "ready" and export.attempts == 1
    ready = Notification.objects.filter(recipient=mia, verb=Notification.Verb.EXPORT_READY)
    assert ready.count() == 1
    assert not TaskClaim.objects.exists()  # the row's status says it is done


def test_a_message_delivered_again_after_its_worker_died_takes_back_its_claim(mia):
    """The worker died mid-build: the row is `running` and the claim holds the message's task
    id. The same message (acks late) finishes the job; any other delivery leaves it alone."""
    export = ExportRequest.objects.create(user=mia, status="running", attempts=1)
    TaskClaim.objects.create(
        key=f"privacy.export:{export.pk}", task_id="dead-worker", claimed_at=export.created_at
    )
    privacy_tasks.run_export.apply(args=(export.pk,), task_id="someone-else")
    export.refresh_from_db()
    assert export.status == "running"
    privacy_tasks.run_export.apply(args=(export.pk,), task_id="dead-worker")
    export.refresh_from_db()
    assert export.status == "ready"
    assert Notification.objects.filter(recipient=mia, verb="export_ready").count() == 1


def test_mark_done_lets_a_job_take_effect_once():
    with transaction.atomic():
        assert tasks.mark_done("job:1") is True
    with transaction.atomic():
        assert tasks.mark_done("job:1") is False
    assert tasks.is_done("job:1") and not tasks.is_done("job:2")


def test_old_claims_are_purged_by_their_periodic_job():
    from datetime import timedelta

    from django.utils import timezone

    old = timezone.now() - timedelta(days=40)
    TaskClaim.objects.create(key="old", claimed_at=old, finished_at=old)
    TaskClaim.objects.create(key="new", claimed_at=timezone.now())
    assert tasks.run_now(tasks.purge_task_claims)
    assert list(TaskClaim.objects.values_list("key", flat=True)) == ["new"]


def test_dead_letters_are_listed_in_admin_and_can_be_run_again(
    client_for, django_capture_on_commit_callbacks
):
    admin = make_user("root_admin", is_staff=True, is_superuser=True)
    tasks.run_now(flaky, "admin", 4)  # fails 4 times: one more than its retries
    failed = FailedTask.objects.get()
    client = client_for(admin)
    page = client.get("/admin/core/failedtask/")
    assert page.status_code == 200 and "tests.core.flaky" in page.content.decode()
    assert client.get(f"/admin/core/failedtask/{failed.pk}/change/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/core/failedtask/",
            {"action": "run_again", "_selected_action": [failed.pk]},
            follow=True,
        )
    assert "1 task queued again." in response.content.decode()
    assert not FailedTask.objects.exists()
    assert CALLS == ["admin"] * 5  # the fifth run succeeded


def test_the_cli_lists_and_retries_dead_letters(capsys, django_capture_on_commit_callbacks):
    tasks.run_now(flaky, "cli", 4)
    failed = FailedTask.objects.get()
    cli.main(["tasks", "failed"])
    out = capsys.readouterr().out
    assert f"{failed.pk:>5}  tests.core.flaky('cli', 4)" in out and "ConnectionError" in out
    with pytest.raises(SystemExit, match="no failed task 999999"):
        cli.main(["tasks", "retry", "999999"])
    with django_capture_on_commit_callbacks(execute=True):
        cli.main(["tasks", "retry", str(failed.pk)])
    assert "1 queued again" in capsys.readouterr().out
    assert not FailedTask.objects.exists() and CALLS[-1] == "cli"


def test_worker_and_beat_refuse_to_start_without_a_broker(settings):
    settings.CELERY_BROKER_URL = ""
    for command in ("worker", "beat"):
        with pytest.raises(SystemExit, match="no broker is configured.*CELERY_BROKER_URL"):
            cli.main([command])


def test_every_task_shares_the_retry_and_acks_late_policy():
    for task in (privacy_tasks.run_export, privacy_tasks.sweep_privacy, flaky):
        assert isinstance(task, tasks.CrossnoteTask)
        assert task.acks_late and task.reject_on_worker_lost
        assert Exception in task.autoretry_for and task.retry_backoff


def test_a_slow_thread_does_not_block_the_caller(settings):
    settings.CROSSNOTE_TASKS_INLINE = False
    settings.CELERY_BROKER_URL = ""
    release = threading.Event()

    @shared_task(name="tests.core.slow")
    def slow():
        release.wait(5)

    began = time.monotonic()
    tasks.dispatch(slow)
    assert time.monotonic() - began < 1
    release.set()


def test_a_broker_that_is_away_turns_a_send_into_a_dead_letter_not_an_error(settings):
    """The write that queued the task has committed: the page must not fail for it."""
    from kombu import pools

    from crossnote.celery import app

    url = "redis://127.0.0.1:1/0"  # nothing listens there
    before = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.CELERY_BROKER_URL, settings.CROSSNOTE_TASKS_INLINE = url, False
    app.conf.update(broker_url=url, task_always_eager=False)
    app._pool = None
    app.__dict__.pop("amqp", None)
    try:
        tasks.dispatch(flaky, "unsent", 0)
    finally:
        app.conf.update(before)
        pools.reset()
        app._pool = None
        app.__dict__.pop("amqp", None)
    failed = FailedTask.objects.get()
    assert failed.task_name == "tests.core.flaky" and failed.args == ["unsent", 0]
    assert failed.attempts == 0 and CALLS == []


class _Guard:
    """A Llama Guard-style server: answers "unsafe S10", or 503 while `down`."""

    def __init__(self):
        import json
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        guard = self
        self.down, self.calls = False, 0

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                self.rfile.read(int(self.headers["Content-Length"]))
                guard.calls += 1
                if guard.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                reply = {"choices": [{"index": 0, "message": {"content": "unsafe\nS10"}}]}
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture
def guard(settings):
    server = _Guard()
    settings.CROSSNOTE_LLM_GUARD = {"url": server.url, "model": "llama-guard3:8b", "api_key": ""}
    yield server
    server.server.shutdown()


def test_the_llm_guard_judges_a_text_once_however_often_its_message_comes(mia, make_note, guard):
    from crossnote.moderation.models import Decision
    from crossnote.moderation.tasks import run_llm_guard

    note = make_note(mia, title="Thoughts", body="a perfectly polite sentence about neighbours")
    for task_id in ("delivery", "delivery", "redelivery"):
        run_llm_guard.apply(args=("note", note.pk), task_id=task_id)
    note.refresh_from_db()
    assert note.moderation == "held"
    assert Decision.objects.filter(kind="note", object_id=note.pk).count() == 1
    assert guard.calls == 1  # the later deliveries saw the done-marker and asked nobody


def test_an_unreachable_llm_guard_is_retried_then_dead_lettered(mia, make_note, guard):
    from crossnote.moderation.models import Decision
    from crossnote.moderation.tasks import run_llm_guard

    note = make_note(mia, title="Thoughts", body="a second polite sentence about neighbours")
    guard.down = True
    assert tasks.run_now(run_llm_guard, "note", note.pk) is False
    assert guard.calls == 5  # one try and four retries
    failed = FailedTask.objects.get(task_name=run_llm_guard.name)
    assert failed.args == ["note", note.pk] and "GuardUnavailable" in failed.exception
    assert not Decision.objects.filter(object_id=note.pk).exists()
    guard.down = False  # the operator runs it again once the guard is back
    tasks.run_now(run_llm_guard, *failed.args)
    assert Decision.objects.filter(kind="note", object_id=note.pk).count() == 1
