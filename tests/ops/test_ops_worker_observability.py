"""A real `crossnote worker` on real Redis: it logs JSON under the id of the request that queued
the task, and serves its task counters on METRICS_WORKER_ADDRESS (prefork children included)."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest

from crossnote.celery import app
from crossnote.ops.logs import request_id_var

CROSSNOTE = str(Path(sys.executable).parent / "crossnote")
TASK = "crossnote.privacy.tasks.run_export"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_worker_logs_under_the_request_id_and_exports_task_metrics(tmp_path, redis_url):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CROSSNOTE_", "DJANGO_")) and k != "DATABASE_URL"
    }
    port, queue = _free_port(), f"ops-{secrets.token_hex(4)}"
    env.update(
        CROSSNOTE_DATA_DIR=str(tmp_path / "data"),  # the worker's own SQLite database
        CELERY_BROKER_URL=redis_url,
        LOG_FORMAT="json",
        LOG_LEVEL="INFO",
        METRICS_WORKER_ADDRESS=f"127.0.0.1:{port}",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    migrate = subprocess.run(  # noqa: S603
        [CROSSNOTE, "migrate", "-v", "0"], env=env, capture_output=True, timeout=120
    )
    assert migrate.returncode == 0, migrate.stderr
    log = tmp_path / "worker.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen(  # noqa: S603
            [CROSSNOTE, "worker", "--concurrency", "1", "--queues", queue],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        token = request_id_var.set("req-from-web-42")
        try:
            with app.connection_for_write(redis_url) as conn, warnings.catch_warnings():
                warnings.simplefilter("ignore")  # eager mode in tests: send_task still sends
                app.send_task(TASK, args=[987654], queue=queue, connection=conn)
        finally:
            request_id_var.reset(token)

        def finished():
            for line in log.read_text(errors="replace").splitlines():
                if line.startswith("{") and "succeeded" in line:
                    return json.loads(line)
            return None

        deadline = time.monotonic() + 90
        while not (done := finished()) and time.monotonic() < deadline:
            assert worker.poll() is None, log.read_text()[-3000:]
            time.sleep(0.3)
        assert done, log.read_text()[-3000:]
        assert done["request_id"] == "req-from-web-42"
        assert done["logger"].startswith("celery")
        body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert f'crossnote_tasks_total{{outcome="success",task="{TASK}"}} 1.0' in body
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
