"""GET /api/v1/transparency is documented with the shape it answers (it had no response schema in
/api/docs): the report of a server with automated, human and withholding decisions, and an
appeal, validates against the published schema, and the figures come through unchanged."""

import jsonschema
import pytest
from django.test import Client

from crossnote.moderation import services
from crossnote.moderation.transparency import transparency_report
from crossnote.notes.services import create_note
from tests.conftest import make_moderator, upload

pytestmark = pytest.mark.django_db


def _schema_of(path: str) -> dict:
    spec = Client().get("/api/openapi.json").json()
    schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return {**schema["schema"], "components": spec["components"]}


def test_the_transparency_answer_matches_its_published_schema(lin, mia):
    note = create_note(author=lin, title="Party", body="Loud again", images=[upload()])
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    services.withhold_note(note=note, regions=["DE"], legal_basis="Court order 12/3", by=amy)
    other = create_note(author=mia, title="Soup", body="Hot", images=[upload()])
    services.withhold_note(note=other, regions=["FR"], legal_basis="Order 7")

    schema = _schema_of("/api/v1/transparency")
    answer = Client().get("/api/v1/transparency?months=3")

    assert answer.status_code == 200
    assert schema.get("$ref") or schema.get("properties"), "no response shape documented"
    jsonschema.validate(answer.json(), schema)
    body = answer.json()
    expected = transparency_report(3)
    assert body["actions"]["total"] == expected["actions"]["total"] == 2
    assert (body["actions"]["human"], body["actions"]["automated"]) == (1, 1)
    assert {r["region"] for r in body["withholdings_by_region"]} == {"DE", "FR"}
    assert body["months"] == expected["months"]
