"""A decision that restricts content, or upholds a restriction on appeal, needs the reason its
author reads as the facts of the statement of reasons: the rule is the service's, so the REST API
refuses an empty one (400, field `reason`) as the review page does; approve, escalate and reverse
need none. Before, the API decided with no reason and the author read "Facts: —" (事实：—)."""

import pytest

from crossnote.core.errors import InvalidInput
from crossnote.moderation import services
from crossnote.moderation.models import Decision, ReviewItem
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def reported(lin, mia):
    note = create_note(author=mia, title="Neighbours", body="Such a nice day", images=[upload()])
    client_of(lin).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment", "text": "rude"},
        content_type=JSON,
    )
    return note, ReviewItem.objects.get(kind="note", object_id=note.pk)


def decide(moderator, item, **payload):
    return client_of(moderator).post(
        f"/api/v1/moderation/queue/{item.pk}/decide", payload, content_type=JSON
    )


def test_the_api_refuses_a_restriction_without_a_reason(reported):
    note, item = reported
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    for action, extra in [
        ("remove", {}),
        ("label", {}),
        ("limit", {}),
        ("withhold", {"regions": ["DE"], "legal_basis": "NetzDG §3"}),
    ]:
        for reason in ("", "   "):
            answer = decide(wang, item, action=action, reason=reason, **extra)
            assert answer.status_code == 400, (action, answer.content)
            body = answer.json()
            assert body["field"] == "reason" and "reason the author will read" in body["detail"]
    assert not Decision.objects.filter(automated=False).exists()
    item.refresh_from_db()
    assert item.status == "open"
    # With a reason it goes through, and the author's statement states it.
    answer = decide(wang, item, action="remove", reason="insulting the neighbours")
    assert answer.status_code == 200, answer.content
    statement = Decision.objects.get(automated=False).statement
    assert "insulting the neighbours" in statement and "Facts: —" not in statement


def test_approve_and_escalate_need_no_reason(reported, lin, mia):
    _note, item = reported
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    assert decide(wang, item, action="escalate").status_code == 200
    senior = make_moderator("senior_li", languages=["zh", "en"], group="senior moderator")
    assert decide(senior, item, action="approve").status_code == 200
    assert Decision.objects.get(automated=False).action == "allow"


def test_an_appeal_upheld_needs_a_reason_and_one_reversed_does_not(reported, mia):
    _note, item = reported
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    decide(wang, item, action="remove", reason="insulting the neighbours")
    decision = Decision.objects.get(automated=False)
    client_of(mia).post(
        f"/api/v1/decisions/{decision.pk}/appeal", {"text": "please"}, content_type=JSON
    )
    appeal_item = ReviewItem.objects.get(source="appeal")
    senior = make_moderator("senior_li", languages=["zh", "en"], group="senior moderator")
    refused = decide(senior, appeal_item, action="uphold")
    assert refused.status_code == 400 and refused.json()["field"] == "reason"
    assert decide(senior, appeal_item, action="reverse").status_code == 200


def test_the_service_itself_refuses_it(reported):
    _note, item = reported
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    with pytest.raises(InvalidInput) as refused:
        services.decide_review_item(item_id=item.pk, moderator=wang, action="limit", reason=" ")
    assert refused.value.field == "reason"
    with pytest.raises(InvalidInput):
        services.decide_item(item_id=item.pk, moderator=wang, action="label")


def test_the_openapi_schema_says_when_the_reason_is_required(client):
    schema = client.get("/api/v1/openapi.json").json()
    reason = schema["components"]["schemas"]["DecideIn"]["properties"]["reason"]
    assert "required" in reason["description"] and "uphold" in reason["description"]
    operation = next(
        op["post"]
        for path, op in schema["paths"].items()
        if path.endswith("/moderation/queue/{item_id}/decide")
    )
    assert "reason" in operation["description"]
