"""The API's JSON renderer: orjson, with ninja's encoder rules for what orjson does not write.

Ninja renders with the standard library's `json.dumps` and NinjaJSONEncoder (Django's rules:
datetimes to milliseconds with "Z", Decimal and lazy translations as strings, pydantic models
dumped). orjson is several times faster on a page of notes; here it writes the same values:
datetimes, dates and times pass through to the same encoder, so their text is unchanged, and
anything orjson cannot write (an int past 64 bits) falls back to ninja's renderer. Non-ASCII
text is written as UTF-8 instead of \\u escapes: the same JSON to any parser.
"""

import json

import orjson
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_encoder = NinjaJSONEncoder()


def dumps(data) -> bytes:
    """`data` as JSON bytes, with ninja's rules for datetimes, Decimal, models and the rest."""
    try:
        return orjson.dumps(data, default=_encoder.default, option=_OPTIONS)
    except orjson.JSONEncodeError:
        return json.dumps(data, cls=NinjaJSONEncoder).encode()  # what ninja's renderer does


class FastJSONRenderer(JSONRenderer):
    """Ninja's JSON renderer on orjson (crossnote.api.api renders every operation with it)."""

    def render(self, request, data, *, response_status: int) -> bytes:
        return dumps(data)
