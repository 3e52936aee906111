"""`crossnote moderation eval --layer/--threshold/--errors`: one layer scored alone at a threshold,
the worst false positives and negatives listed with their scores, and the plain command as it
was. Scores come from a stand-in pipeline so the expected answers are known."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crossnote.moderation.detectors.base import Signal
from crossnote.moderation.engine import Verdict
from crossnote.moderation.evaluation import evaluate_file, known_layers, layer_threshold

pytestmark = pytest.mark.django_db

# text → (classifier score, terms hit, what the whole pipeline does)
SCORES = {
    "you absolute idiot": (0.95, True, "hold"),
    "nmsl": (0.05, False, "allow"),
    "shut up loser": (0.40, False, "allow"),
    "These chemicals retard plant growth": (0.30, True, "hold"),
    "Hitchcock's Psycho is a classic": (0.99, False, "label"),
    "My cat sleeps": (0.02, False, "allow"),
}
CSV = "text,label,language\n" + "".join(
    f'"{text}",{1 if text in ("you absolute idiot", "nmsl", "shut up loser") else 0},en\n'
    for text in SCORES
)


@pytest.fixture
def labelled(tmp_path, monkeypatch):
    from crossnote.moderation import evaluation

    def fake_screen(text, *, kind, language="", author=None):
        p, term, action = SCORES[text]
        signals = [
            Signal(
                "classifier", "profanity", p, "classifier:test", detail=f"p={p:.2f}",
                thresholds={"label": 0.5, "hold": None},
            )
        ]  # fmt: skip
        if term:
            signals.append(Signal("terms", "hate", 1.0, "terms:test#1", detail="term"))
        signals.append(Signal("pii", "private_info", 1.0, "pii:test"))  # advisory: never counts
        acting = [s for s in signals if s.layer != "pii"]
        return signals, Verdict(action=action, category="profanity", signals=acting)

    monkeypatch.setattr(evaluation, "screen_text", fake_screen)
    path = tmp_path / "labelled.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _eval(path, *args):
    out = io.StringIO()
    call_command("moderation", "eval", str(path), *args, stdout=out)
    return out.getvalue()


def test_without_the_flags_the_report_is_as_before(labelled):
    report = json.loads(_eval(labelled, "--json"))
    assert set(report) == {"overall", "groups", "text"}
    # pipeline: idiot caught; nmsl, loser missed; two innocent texts acted on
    assert report["overall"]["labels"]["1"]["recall"] == pytest.approx(1 / 3)
    assert report["overall"]["labels"]["ok"]["recall"] == pytest.approx(1 / 3)
    assert "false positives" not in _eval(labelled)


def test_layer_alone_at_a_threshold(labelled):
    report = evaluate_file(labelled, layer="classifier", threshold=0.35)
    # flagged: idiot 0.95, loser 0.40, Psycho 0.99; not: nmsl 0.05, retard 0.30, cat 0.02
    assert report["layer"] == {"name": "classifier", "threshold": 0.35}
    assert report["overall"]["labels"]["1"]["recall"] == pytest.approx(2 / 3)
    assert report["overall"]["labels"]["1"]["precision"] == pytest.approx(2 / 3)
    assert report["overall"]["labels"]["ok"]["recall"] == pytest.approx(2 / 3)
    assert report["text"].startswith("layer classifier alone, flagged at score >= 0.35")
    terms = evaluate_file(labelled, layer="terms", threshold=1.0)
    assert terms["overall"]["labels"]["1"]["recall"] == pytest.approx(1 / 3)  # only the idiot
    out = json.loads(_eval(labelled, "--layer", "classifier", "--threshold", "0.96", "--json"))
    assert out["overall"]["labels"]["1"]["recall"] == 0.0  # nothing abusive scores ≥ 0.96


def test_layer_without_a_threshold_flags_where_a_policy_would_act(labelled):
    from crossnote.moderation.engine import forget_policies
    from crossnote.moderation.models import Action, Policy

    def policy(name, min_score, action=Action.LABEL, layer="classifier"):
        Policy.objects.create(
            name=name, category="profanity", layer=layer, min_score=min_score, action=action
        )
        forget_policies()

    Policy.objects.filter(layer__in=("classifier", "")).update(enabled=False)
    policy("test: allow anything", 0.0, Action.ALLOW)  # allows count for nothing
    policy("test: hold, never alone", 0.0, Action.HOLD)  # the model's hold threshold is None
    policy("test: another layer", 0.0, layer="profanity")
    assert layer_threshold("classifier") is None
    report = evaluate_file(labelled, layer="classifier")
    assert report["overall"]["labels"]["1"]["recall"] == 0.0  # nothing acts on its own
    assert report["text"].startswith(
        "layer classifier alone, flagged where an enabled policy would act on its signal"
    )
    # A label policy at min_score 0 acts at the model's own threshold for the text (0.5 here):
    # flagged are the idiot (0.95) and Psycho (0.99), not the loser (0.40).
    policy("test: label at the model's threshold", 0.0)
    report = evaluate_file(labelled, layer="classifier")
    assert report["layer"] == {"name": "classifier", "threshold": None}
    assert report["overall"]["labels"]["1"]["recall"] == pytest.approx(1 / 3)
    assert report["overall"]["labels"]["1"]["precision"] == pytest.approx(1 / 2)
    # A stricter min_score wins over the model's threshold: only Psycho (0.99) now.
    Policy.objects.filter(name="test: label at the model's threshold").update(min_score=0.97)
    forget_policies()
    report = evaluate_file(labelled, layer="classifier")
    assert report["overall"]["labels"]["1"]["recall"] == 0.0
    assert report["overall"]["labels"]["ok"]["recall"] == pytest.approx(2 / 3)
    assert {"classifier", "terms", "hash", "profanity", "pii"} <= set(known_layers())


def test_errors_lists_the_worst_false_positives_and_negatives_with_scores(labelled):
    report = evaluate_file(labelled, errors=1)
    errors = report["errors"]
    # pipeline: false positives Psycho (label, 0.99) and retard (hold, terms 1.0): worst first
    assert errors["false_positives_total"] == 2
    assert [e["text"] for e in errors["false_positives"]] == ["These chemicals retard plant growth"]
    assert errors["false_positives"][0]["score"] == 1.0
    assert errors["false_positives"][0]["layer_scores"]["classifier"] == 0.3
    # missed: nmsl (0.05) and loser (0.40); the lowest first, the pii layer's 1.0 ignored
    assert errors["false_negatives_total"] == 2
    assert errors["false_negatives"] == [
        {
            "text": "nmsl", "truth": "1", "predicted": "ok", "score": 0.05, "action": "allow",
            "layer_scores": {"classifier": 0.05, "pii": 1.0},
        }
    ]  # fmt: skip
    text = _eval(labelled, "--errors", "2", "--layer", "classifier", "--threshold", "0.5")
    assert "false positives: 1 (worst 1)" in text
    assert '0.99 ok→1 (label) [classifier=0.99 pii=1.00] "Hitchcock\'s Psycho is a classic"' in text
    lines = text.splitlines()
    at = lines.index("false negatives: 2 (worst 2)")
    assert "'nmsl'" in lines[at + 1] and "'shut up loser'" in lines[at + 2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threshold", "0.5"], "--threshold needs --layer"),
        (["--layer", "vibes"], "unknown layer 'vibes'; layers: .*classifier"),
        (["--layer", "classifier", "--threshold", "1.5"], "outside 0..1"),
        (["--errors", "-1"], "--errors"),
    ],
)
def test_bad_flags_are_refused_with_a_clear_message(labelled, args, message):
    with pytest.raises(CommandError, match=message):
        _eval(labelled, *args)
