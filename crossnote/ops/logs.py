"""Structured logs: a request id on every log record, and a JSON formatter (LOG_FORMAT=json).

`RequestMiddleware` puts each request's id (the caller's X-Request-ID when it is sane, else a new
one) in a context variable; the record factory installed by the app copies it onto every record,
whichever logger or handler emits it, so one grep finds everything a request did. Celery tasks
queued during a request carry the id and log under it too.
"""

import contextvars
import json
import logging
import random
import re
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# An id we accept from a proxy or client: short, printable, no spaces or quotes.
_SANE_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")

# Attributes every LogRecord has: anything else was passed with `extra=` and goes in the JSON.
_RESERVED = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def new_request_id() -> str:
    # 128 random bits as 32 hex digits, like uuid4().hex, without uuid4's os.urandom system call
    # per request (10% of /bench/hello's samples under load). An id only has to be unique, not
    # secret; the random module reseeds itself in every forked worker.
    return f"{random.getrandbits(128):032x}"  # noqa: S311 - not a secret


def accept_request_id(value: str | None) -> str:
    """The incoming id if it is safe to echo and log, else a fresh one."""
    if value and _SANE_ID.match(value):
        return value
    return new_request_id()


def clear_request_id(**kwargs) -> None:
    """request_finished receiver: records logged between requests carry no stale id."""
    request_id_var.set("")


TASK_HEADER = "crossnote_request_id"
_task_tokens: dict[str, contextvars.Token] = {}


def tag_task_message(headers=None, **kwargs) -> None:
    """before_task_publish: a task queued while a request runs carries the request's id."""
    request_id = request_id_var.get()
    if request_id and headers is not None and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


def task_started(task_id=None, task=None, **kwargs) -> None:
    """task_prerun: a worker logs the task under the id of the request that queued it."""
    request_id = getattr(getattr(task, "request", None), TASK_HEADER, None)
    if request_id and task_id:
        _task_tokens[task_id] = request_id_var.set(accept_request_id(request_id))


def task_finished(task_id=None, **kwargs) -> None:
    """task_postrun: back to no id (worker processes run many tasks)."""
    token = _task_tokens.pop(task_id, None) if task_id else None
    if token is not None:
        request_id_var.reset(token)


def celery_logging(loglevel=None, **kwargs) -> None:
    """setup_logging: a Celery worker or beat logs through settings.LOGGING (LOG_FORMAT, request
    ids) instead of replacing the root logger's handlers with its own format."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger("celery").setLevel(loglevel)


def install_record_factory() -> None:
    """Give every LogRecord a `request_id` attribute (empty outside a request or task)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "crossnote_request_id", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    factory.crossnote_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or None,
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and key != "request_id" and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The human-readable form, with the request id when there is one."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(request_tag)s%(message)s")

    def format(self, record: logging.LogRecord) -> str:
        rid = getattr(record, "request_id", "")
        record.request_tag = f"[{rid[:12]}] " if rid else ""
        return super().format(record)


def logging_config(*, fmt: str, level: str, requests: bool = True) -> dict:
    """settings.LOGGING for LOG_FORMAT (text|json), LOG_LEVEL and LOG_REQUESTS (one INFO line per
    request)."""
    if fmt not in ("text", "json"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT must be text or json (got {fmt!r}).")
    formatter = (
        "crossnote.ops.logs.JsonFormatter" if fmt == "json" else "crossnote.ops.logs.TextFormatter"
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"crossnote": {"()": formatter}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "crossnote"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # One line per request (method, route, status, duration): see RequestMiddleware.
            "crossnote.request": {"level": "INFO" if requests else "WARNING"},
            "celery": {"level": level},
        },
    }
