"""The API's orjson renderer writes what ninja's standard-library renderer wrote."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.renderers import JSONRenderer

from crossnote.api.api import api
from crossnote.core.renderers import FastJSONRenderer, dumps


class Sample(Schema):
    at: datetime
    name: str


def _ninja(data) -> str:
    return JSONRenderer().render(None, data, response_status=200)


def test_the_api_renders_with_orjson():
    assert isinstance(api.renderer, FastJSONRenderer)


def test_values_are_written_as_ninja_wrote_them():
    data = {
        "at": datetime(2026, 12, 5, 1, 2, 3, 456789, tzinfo=UTC),
        "day": date(2026, 12, 5),
        "price": Decimal("1.10"),
        "lazy": gettext_lazy("Not found."),
        "model": Sample(at=datetime(2026, 1, 1, tzinfo=UTC), name="小林"),
        "nested": [{"when": datetime(2026, 12, 5, tzinfo=UTC)}, None, True, 1.5],
        7: "an int key",
    }
    fast = dumps(data)
    assert json.loads(fast) == json.loads(_ninja(data))
    assert b'"2026-12-05T01:02:03.456Z"' in fast  # milliseconds and Z, as Django writes them
    assert "小林".encode() in fast  # UTF-8, not \u escapes


def test_an_integer_orjson_cannot_write_falls_back_to_ninja():
    data = {"big": 2**70}
    assert json.loads(dumps(data)) == {"big": 2**70}


def test_an_api_answer_is_the_same_json(client_for, mia, make_note):
    note = make_note(mia, title="你好 hello")
    response = client_for(mia).get(f"/api/v1/notes/{note.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["title"] == "你好 hello"
    assert body["created_at"].endswith("Z") and len(body["created_at"]) == len(
        "2026-12-05T01:02:03.456Z"
    )
