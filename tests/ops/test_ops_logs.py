"""Structured logs with request ids (crossnote.ops.logs and RequestMiddleware)."""

import io
import json
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from crossnote.ops.logs import JsonFormatter, TextFormatter, logging_config, request_id_var


@pytest.fixture
def json_lines():
    """Records of the request logger, formatted by the JSON formatter, as parsed dicts."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("crossnote.request")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(old_level)


@pytest.mark.django_db
def test_each_request_gets_an_id_in_its_response_and_its_json_log_line(client, json_lines, mia):
    client.force_login(mia)
    first = client.get("/no/such/page/")
    second = client.get("/no/such/page/")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert all(len(i) == 32 for i in ids) and ids[0] != ids[1]
    lines = json_lines()
    assert [line["request_id"] for line in lines] == ids
    line = lines[0]
    assert line["level"] == "INFO" and line["logger"] == "crossnote.request"
    assert line["method"] == "GET" and line["path"] == "/no/such/page/"
    assert line["status"] == 404 and line["route"] == "<unmatched>"
    assert line["user_id"] == mia.pk
    assert isinstance(line["duration_ms"], float)
    assert line["time"].endswith("+00:00")


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_kept_and_a_bad_one_replaced(client, json_lines):
    kept = client.get("/no/such/page/", HTTP_X_REQUEST_ID="lb-7f3a.9:01")
    assert kept["X-Request-ID"] == "lb-7f3a.9:01"
    for bad in ("has space", "x" * 200, 'quote"injection', "new\nline"):
        response = client.get("/no/such/page/", HTTP_X_REQUEST_ID=bad)
        assert response["X-Request-ID"] != bad and len(response["X-Request-ID"]) == 32
    assert json_lines()[0]["request_id"] == "lb-7f3a.9:01"


@pytest.mark.django_db
def test_every_log_record_during_a_request_carries_its_id(client, caplog, settings):
    """Not only the request line: a warning from deep inside (here: Django's 404 log)."""
    caplog.set_level(logging.INFO)
    response = client.get("/no/such/page/", HTTP_X_REQUEST_ID="trace-me-42")
    assert response.status_code == 404
    records = [r for r in caplog.records if r.name in ("django.request", "crossnote.request")]
    assert {r.name for r in records} == {"django.request", "crossnote.request"}
    assert all(r.request_id == "trace-me-42" for r in records)
    # Outside a request the id is empty again.
    logging.getLogger("crossnote.test").warning("after")
    assert caplog.records[-1].request_id == ""
    assert request_id_var.get() == ""


def test_json_formatter_keeps_extras_and_exceptions():
    logger = logging.getLogger("crossnote.test.json")
    record = None
    try:
        raise ValueError("bad thing 坏事")
    except ValueError:
        record = logger.makeRecord(
            "crossnote.test.json",
            logging.ERROR,
            __file__,
            1,
            "failed for %s",
            ("lin",),
            exc_info=__import__("sys").exc_info(),
            extra={"note_id": 7},
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed for lin"
    assert line["note_id"] == 7 and line["level"] == "ERROR"
    assert "ValueError: bad thing 坏事" in line["exception"]
    assert "\n" not in JsonFormatter().format(record)


def test_text_formatter_shows_a_short_request_id():
    record = logging.getLogger("x").makeRecord("x", logging.WARNING, "f", 1, "hello", (), None)
    record.request_id = "0123456789abcdef0123"
    assert "[0123456789ab] hello" in TextFormatter().format(record)


def test_log_format_must_be_text_or_json():
    assert logging_config(fmt="json", level="INFO")["formatters"]["crossnote"]["()"].endswith(
        "JsonFormatter"
    )
    quiet = logging_config(fmt="text", level="WARNING", requests=False)
    assert quiet["loggers"]["crossnote.request"]["level"] == "WARNING"
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        logging_config(fmt="xml", level="INFO")


@pytest.mark.django_db(transaction=True)
def test_request_ids_work_under_asgi_too(async_client, caplog):
    """`crossnote serve` runs Django under ASGI: the id crosses the sync/async boundary."""
    import asyncio

    caplog.set_level(logging.INFO)
    response = asyncio.run(async_client.get("/no/such/page/", headers={"X-Request-ID": "asgi-7"}))
    assert response.status_code == 404
    assert response["X-Request-ID"] == "asgi-7"
    records = [r for r in caplog.records if r.name in ("django.request", "crossnote.request")]
    assert {r.name for r in records} == {"django.request", "crossnote.request"}
    assert all(r.request_id == "asgi-7" for r in records)
