"""Metrics across processes: prometheus_client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR),
and a worker's own exporter (METRICS_WORKER_ADDRESS)."""

import os
import socket
import subprocess
import sys
import textwrap

import httpx

from crossnote.ops import metrics

SCRIPT = textwrap.dedent(
    """
    import multiprocessing, os, django
    os.environ["DJANGO_SETTINGS_MODULE"] = "crossnote.settings"
    django.setup()
    from crossnote.ops import metrics

    def work(n):
        for _ in range(n):
            metrics.task_succeeded(sender=type("T", (), {"name": "tests.ops.mp"})())
        metrics.observe_request(method="GET", route="/mp", status=200, seconds=0.01)

    if __name__ == "__main__":
        ctx = multiprocessing.get_context("fork")
        procs = [ctx.Process(target=work, args=(n,)) for n in (1, 2, 3)]
        [p.start() for p in procs]
        [p.join() for p in procs]
        print(metrics.exposition()[0].decode())
    """
)


def test_samples_of_every_process_add_up_in_multiprocess_mode(tmp_path):
    folder = tmp_path / "metrics"
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    env["CROSSNOTE_DATA_DIR"] = str(tmp_path / "data")
    script = tmp_path / "mp.py"
    script.write_text(SCRIPT)
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert 'crossnote_tasks_total{outcome="success",task="tests.ops.mp"} 6.0' in out
    assert (
        'crossnote_http_request_duration_seconds_count{method="GET",route="/mp",status="200"} 3.0'
        in out
    )
    assert len(list(folder.glob("*.db"))) >= 3  # one file per process and metric kind


def test_a_worker_serves_its_own_metrics_when_asked(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.METRICS_WORKER_ADDRESS = ""
    assert metrics.start_worker_exporter() is None
    settings.METRICS_WORKER_ADDRESS = f"127.0.0.1:{port}"
    server, thread = metrics.start_worker_exporter()
    try:
        metrics.task_failed(sender=type("T", (), {"name": "tests.ops.exporter"})())
        body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert 'crossnote_tasks_total{outcome="failure",task="tests.ops.exporter"}' in body
    finally:
        server.shutdown()
        server.server_close()
