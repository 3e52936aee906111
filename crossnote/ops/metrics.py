"""Prometheus metrics: request latency, background tasks, moderation decisions, translations.

Counters live in prometheus_client's default registry. A server with several worker processes
(granian --workers N, Celery's prefork pool) must set PROMETHEUS_MULTIPROC_DIR to a folder every
process of the host can write (emptied when the service starts): each process then writes its
samples there and /metrics adds them up (prometheus_client's multiprocess mode).
"""

import os
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

from crossnote.core import hooks

MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
if MULTIPROC_DIR:
    os.makedirs(MULTIPROC_DIR, exist_ok=True)

REQUEST_LATENCY = Histogram(
    "crossnote_http_request_duration_seconds",
    "Time from a request reaching Django to its response, by route pattern.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASKS = Counter(
    "crossnote_tasks",
    "Background tasks that finished, by task name and outcome (success, failure, retry).",
    ["task", "outcome"],
)
MODERATION_DECISIONS = Counter(
    "crossnote_moderation_decisions",
    "Moderation decisions recorded, by content kind, action and automated (true/false).",
    ["kind", "action", "automated"],
)
TRANSLATIONS = Counter(
    "crossnote_translations",
    "Translations served, by engine and whether they came from the shared cache.",
    ["backend", "cached"],
)
TRANSLATION_FAILURES = Counter(
    "crossnote_translation_backend_failures",
    "Times a translation engine failed and the chain moved on to the next one.",
    ["backend"],
)


def registry():
    """The registry to expose: every process's samples in multiprocess mode, else this one's."""
    if MULTIPROC_DIR:
        from prometheus_client import multiprocess

        combined = CollectorRegistry()
        multiprocess.MultiProcessCollector(combined, path=MULTIPROC_DIR)
        return combined
    return REGISTRY


def exposition() -> tuple[bytes, str]:
    """The text format of every metric (all processes' when in multiprocess mode)."""
    return generate_latest(registry()), CONTENT_TYPE_LATEST


def start_worker_exporter(**kwargs):
    """Celery's worker_init: serve the worker's metrics on METRICS_WORKER_ADDRESS (host:port),
    for workers whose samples no web process can read (another host or container)."""
    from django.conf import settings
    from prometheus_client import start_http_server

    address = getattr(settings, "METRICS_WORKER_ADDRESS", "")
    if not address:
        return None
    host, _, port = address.rpartition(":")
    return start_http_server(int(port), addr=host or "127.0.0.1", registry=registry())


# (method, route, status) → the histogram's child for those labels: labels() validates and locks
# on every call, and a process sees a few hundred such triples at most (routes are patterns).
_request_children: dict[tuple[str, str, int], Any] = {}


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    key = (method, route, status)
    child = _request_children.get(key)
    if child is None:
        child = REQUEST_LATENCY.labels(method=method, route=route, status=str(status))
        if len(_request_children) < 10_000:  # an odd method name per request must not grow it
            _request_children[key] = child
    child.observe(seconds)


# --- Receivers (connected in OpsConfig.ready) -------------------------------------------------


def _task_name(sender) -> str:
    return getattr(sender, "name", None) or str(sender)


def task_succeeded(sender=None, **kwargs) -> None:
    TASKS.labels(task=_task_name(sender), outcome="success").inc()


def task_failed(sender=None, **kwargs) -> None:
    TASKS.labels(task=_task_name(sender), outcome="failure").inc()


def task_retried(sender=None, request=None, **kwargs) -> None:
    name = getattr(request, "task", None) or _task_name(sender)
    TASKS.labels(task=name, outcome="retry").inc()


def decision_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        MODERATION_DECISIONS.labels(
            kind=instance.kind, action=instance.action, automated=str(instance.automated).lower()
        ).inc()


def translation_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        TRANSLATIONS.labels(backend=instance.backend, cached="false").inc()


def translation_served(*, backend: str, cached: bool = True, **kwargs) -> None:
    """Hook `translation_served`: the language service answered from its cache."""
    TRANSLATIONS.labels(backend=backend, cached=str(bool(cached)).lower()).inc()


def translation_backend_failed(*, backend: str, **kwargs) -> None:
    """Hook `translation_backend_failed`: an engine raised and the chain moved on."""
    TRANSLATION_FAILURES.labels(backend=backend).inc()


def connect() -> None:
    from celery.signals import task_failure, task_retry, task_success, worker_init
    from django.db.models.signals import post_save

    task_success.connect(task_succeeded, weak=False, dispatch_uid="crossnote.ops.task_success")
    task_failure.connect(task_failed, weak=False, dispatch_uid="crossnote.ops.task_failure")
    task_retry.connect(task_retried, weak=False, dispatch_uid="crossnote.ops.task_retry")
    worker_init.connect(
        start_worker_exporter, weak=False, dispatch_uid="crossnote.ops.worker_exporter"
    )
    post_save.connect(
        decision_saved,
        sender="moderation.Decision",
        weak=False,
        dispatch_uid="crossnote.ops.decision_saved",
    )
    post_save.connect(
        translation_saved,
        sender="language.Translation",
        weak=False,
        dispatch_uid="crossnote.ops.translation_saved",
    )
    hooks.register(hooks.TRANSLATION_SERVED, translation_served)
    hooks.register(hooks.TRANSLATION_BACKEND_FAILED, translation_backend_failed)
