"""The review queue's AI suggestion shows the real scores and why: each layer's score, the
threshold of every policy it was compared with, and the suggestion those comparisons give. A
comment's review item shows the note it sits under (queue page and API)."""

import pytest
from django.test import Client

from crossnote.moderation import engine, pipeline
from crossnote.moderation.models import Policy, ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
# A mild Chinese insult: the n-gram classifier gives it a score, the term lists don't list it,
# and (at the shipped thresholds) no policy acts on it.
MILD = "你真是个笨蛋"


@pytest.fixture
def mod():
    user = make_moderator("mod_amy", region="US", languages=["en"])
    return user


@pytest.fixture
def commented(mia, lin):
    note = create_note(
        author=mia,
        title="Weekend dumplings",
        body="We folded three hundred dumplings with my grandmother this Sunday.",
        images=[upload()],
    )
    comment = add_comment(note=note, author=lin, body=MILD)
    response = client_of(mia).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment"},
        content_type=JSON,
    )
    assert response.status_code == 201
    return note, comment, ReviewItem.objects.get(kind="comment", object_id=comment.pk)


def classifier_signal(text: str, language: str = "zh"):
    """The classifier's own signal for `text`, straight from the detector the pipeline runs."""
    detector = next(d for d in pipeline.text_detectors() if getattr(d, "layer", "") == "classifier")
    return detector.detect(text, language=language)[0]


def classifier_score(text: str) -> float:
    return classifier_signal(text).score


def effective_threshold(policy, signal) -> float:
    """What the engine compares the score with: the policy's minimum, or the model's own
    threshold for that action and the text's language where that is higher; MILD has no term
    hit, so the classifier's signal is alone: held to the model's label_alone where higher."""
    thresholds = getattr(signal, "thresholds", None) or {}
    model = thresholds.get(policy.action) or 0.0
    if policy.action in thresholds and thresholds.get("label_alone") is not None:
        model = max(model, thresholds["label_alone"])
    return max(policy.min_score, model)


def test_a_reported_comment_records_the_classifiers_real_score_not_zero(commented):
    _note, _comment, item = commented
    score = classifier_score(MILD)
    assert score > 0.05
    assert item.suggested_action == "allow"  # no policy acts at the shipped thresholds
    # Before: "allow · confidence 0.00" because only policy-matched signals were counted.
    assert item.confidence == pytest.approx(score, abs=1e-6)


def test_item_detail_explains_each_layer_its_threshold_and_the_suggestion(commented, mod):
    _note, _comment, item = commented
    detail = client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()
    suggestion = detail["suggestion"]
    score = classifier_score(MILD)
    classifier = next(row for row in suggestion["layers"] if row["layer"] == "classifier")
    assert classifier["score"] == pytest.approx(score, abs=1e-4)
    compared = {p["policy"]: p for p in classifier["policies"]}
    policy = Policy.objects.get(name="Likely offensive (classifier)")
    threshold = effective_threshold(policy, classifier_signal(MILD))
    assert compared[policy.name]["threshold"] == pytest.approx(threshold, abs=1e-4)
    assert compared[policy.name]["reached"] is (score >= threshold)
    assert compared[policy.name]["action"] == "label"
    # Layers that gave no signal are listed too (term list, hash list), with no score.
    assert {"terms", "hash"} <= {
        row["layer"] for row in suggestion["layers"] if row["score"] is None
    }
    assert suggestion["action"] == "allow" and suggestion["policy"] is None
    assert suggestion["top_score"] == pytest.approx(score, abs=1e-4)
    assert suggestion["top_layer"] == "classifier"
    assert f"{score:.2f}" in suggestion["why"] and f"{threshold:.2f}" in suggestion["why"]
    assert suggestion["changed"] is False


def test_a_policy_the_score_reaches_changes_the_suggestion_and_says_which(commented, mod):
    _note, _comment, item = commented
    score = classifier_score(MILD)
    policy = Policy.objects.create(
        name="Operator: limit mild insults",
        category="profanity",
        layer="classifier",
        min_score=round(score - 0.01, 2),
        action="limit",
    )
    engine.forget_policies()
    suggestion = client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()["suggestion"]
    row = next(r for r in suggestion["layers"] if r["layer"] == "classifier")
    assert next(p for p in row["policies"] if p["policy"] == policy.name)["reached"] is True
    assert policy.name in suggestion["why"] and f"{policy.min_score:.2f}" in suggestion["why"]
    if row["ambiguous"]:  # the engine caps a lone ambiguous signal at a label, and says so
        assert suggestion["action"] == "label" and "ambiguous" in suggestion["why"]
    else:
        assert suggestion["action"] == "limit" and suggestion["policy"] == policy.name
    # What was suggested when it was queued is kept beside it, and the page says it changed.
    assert suggestion["recorded"] == "allow" and suggestion["changed"] is True
    page = client_of(mod).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'data-testid="ai-layers"' in html and policy.name in html
    assert "When it was queued the suggestion was" in html


def test_the_item_page_shows_scores_thresholds_and_why(commented, mod):
    _note, _comment, item = commented
    score = classifier_score(MILD)
    page = client_of(mod).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{score:.2f}" in html
    assert "Likely offensive (classifier)" in html
    assert "confidence 0.00" not in html


def test_a_comment_item_shows_the_note_it_sits_under_in_the_api(commented, mod):
    note, comment, item = commented
    detail = client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()
    assert detail["note"]["id"] == note.pk
    assert detail["note"]["title"] == "Weekend dumplings"
    assert detail["note"]["snippet"].startswith("We folded three hundred dumplings")
    assert detail["note"]["url"] == f"/notes/{note.pk}/#c{comment.pk}"
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "note" in schema["ItemDetailOut"]["properties"]
    assert "suggestion" in schema["ItemDetailOut"]["properties"]


def test_a_note_item_has_no_parent_note(mia, lin, mod):
    note = create_note(author=mia, title="Neighbours", body="Such idiots", images=[upload()])
    client_of(lin).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(kind="note")
    assert client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()["note"] is None


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_queue_page_shows_the_note_a_comment_sits_under(commented, mod, language):
    note, comment, _item = commented
    page = client_of(mod).get("/moderation/queue/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="queue-parent-note"' in html
    assert f'href="/notes/{note.pk}/#c{comment.pk}"' in html and "Weekend dumplings" in html
    assert ("所在笔记" if language == "zh-hans" else "Under the note") in html
    assert (">查看</a>" if language == "zh-hans" else ">Open</a>") in html  # not 开放 (open)
    # The agreement panel is on the page, not inside <title>.
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<section" not in title


def test_the_models_own_threshold_for_the_language_is_shown_where_it_is_higher(
    mia, lin, mod, monkeypatch
):
    """A classifier signal carries the model's thresholds for its text's language (fitted on
    validation data); the explanation compares the score with the higher of those and the
    policy's, as the engine does, and says whose threshold it is."""
    from crossnote.moderation.detectors.base import Signal

    def scored(text, *, language="", region="", version=None):
        signal = Signal(layer="classifier", category="profanity", score=0.93, rule="classifier:t")
        signal.thresholds = {"label": 0.95, "hold": None}
        return [signal]

    monkeypatch.setattr(pipeline, "run_text", scored)
    note = create_note(author=mia, title="Hello", body="A quiet morning", images=[upload()])
    comment = add_comment(note=note, author=lin, body="quite a morning")
    client_of(mia).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(kind="comment")
    suggestion = client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()["suggestion"]
    row = next(r for r in suggestion["layers"] if r["layer"] == "classifier")
    label = next(p for p in row["policies"] if p["policy"] == "Likely offensive (classifier)")
    assert label["threshold"] == 0.95 and label["threshold_from"] == "model"
    assert label["reached"] is False
    page = client_of(mod).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "threshold for this language" in page.content.decode()


def test_the_cli_prints_scores_thresholds_the_suggestion_and_the_parent_note(commented, mod):
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    note, _comment, item = commented
    out = io.StringIO()
    call_command("moderation", "item", str(item.pk), "--as", mod.username, stdout=out)
    text = out.getvalue()
    assert "Likely offensive (classifier)" in text and "AI suggests allow" in text
    assert f"under the note {note.pk}: Weekend dumplings" in text
    out = io.StringIO()
    call_command("moderation", "item", str(item.pk), "--as", mod.username, "--json", stdout=out)
    assert json.loads(out.getvalue())["suggestion"]["top_layer"] == "classifier"
    with pytest.raises(CommandError, match="not a moderator"):
        call_command("moderation", "item", str(item.pk), "--as", "mia_ms")
    with pytest.raises(CommandError, match="No review item"):
        call_command("moderation", "item", "999999", "--as", mod.username)
