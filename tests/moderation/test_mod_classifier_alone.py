"""The classifier acting alone (issue 17: its look-alike false alarms): a threshold for texts no
other layer acts on, chosen on the whole pipeline's validation verdicts and stored with the
model; the engine holds a lone classifier signal to it. And hard negatives for training."""

import numpy as np
import pytest

from crossnote.moderation.categories import PROFANITY
from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.base import Signal


def _record(label, score, *, rest=False, group="en", label_at=0.5):
    return {"label": label, "group": group, "score": score, "label_at": label_at, "rest_acts": rest}


def test_alone_threshold_rises_where_the_lone_labels_between_are_mostly_wrong():
    # Between 0.5 and 0.7 the classifier alone labels four safe texts and one offensive one;
    # above 0.7 only offensive texts. Texts another layer acts on are flagged either way.
    records = (
        [_record(1, 0.9) for _ in range(20)]
        + [_record(0, 0.55 + 0.03 * i) for i in range(4)]
        + [_record(1, 0.6)]
        + [_record(0, 0.1) for _ in range(20)]
        + [_record(1, 0.2, rest=True) for _ in range(10)]
        + [_record(0, 0.95, rest=True)]
    )
    chosen = classifier.fit_alone_thresholds({"a": records})
    en = chosen["en"]
    assert 0.64 < en["label_alone"] <= 0.9
    figures = en["sources"]["a"]
    assert figures["alone_labelled"] == 20 and figures["alone_offensive"] == 20
    assert figures["macro_f1"] > figures["macro_f1_at_label"]
    # "other" is every source's texts together; a group with no texts is left out.
    assert "other" in chosen and "zh" not in chosen


def test_alone_threshold_stays_at_the_label_threshold_when_lone_labels_are_right():
    records = [_record(1, 0.5 + 0.01 * i) for i in range(40)] + [_record(0, 0.1) for _ in range(40)]
    chosen = classifier.fit_alone_thresholds({"a": records, "b": records})
    assert chosen["en"]["label_alone"] <= 0.5


def test_recorded_alone_thresholds_travel_with_the_model_and_its_signals(tmp_path):
    rows = [("you idiot", 1, "en"), ("lovely day", 0, "en")] * 5
    model = classifier.train(rows, settings=classifier.NgramSettings(C=10.0))
    classifier.fit_thresholds(model, {"en": {"a": rows}})
    classifier.record_alone_thresholds(
        model, {"en": {"label_alone": 0.71, "sources": {"a": {"n": 10}}}}
    )
    classifier.save(model, tmp_path / "m.npz")
    loaded = classifier.load(tmp_path / "m.npz")
    assert loaded.thresholds("en")["label_alone"] == 0.71
    assert "label_alone" not in loaded.thresholds("zh")
    assert "macro-F1" in loaded.metrics["alone"]["objective"]
    [signal] = classifier.ClassifierDetector(loaded).detect("you idiot", language="en")
    assert signal.thresholds["label_alone"] == 0.71


def _classifier_signal(score, thresholds):
    return Signal(
        layer="classifier",
        category=PROFANITY,
        score=score,
        rule="classifier:test",
        thresholds=thresholds,
        ambiguous=True,
    )


@pytest.mark.django_db
def test_the_engine_holds_a_lone_classifier_signal_to_its_alone_threshold():
    from crossnote.moderation import engine

    engine.forget_policies()
    decide = engine.decide
    fitted = {"label": 0.5, "hold": 0.8, "label_alone": 0.6}
    assert decide([_classifier_signal(0.55, fitted)], kind="note").action == "allow"
    assert decide([_classifier_signal(0.65, fitted)], kind="note").action == "label"
    # A model without the key acts at its label threshold, as before.
    assert decide([_classifier_signal(0.55, {"label": 0.5})], kind="note").action == "label"
    # None: the classifier never acts alone.
    never = {"label": 0.5, "hold": 0.8, "label_alone": None}
    assert decide([_classifier_signal(0.99, never)], kind="note").action == "allow"
    # An unambiguous term hit agrees: the alone threshold is not in the way.
    term = Signal(layer="terms", category=PROFANITY, score=1.0, rule="terms:x#1")
    assert decide([_classifier_signal(0.9, never), term], kind="note").action == "hold"
    assert decide([_classifier_signal(0.55, fitted), term], kind="note").action != "allow"


def test_hard_negatives_weigh_up_within_their_group_and_keep_its_total():
    y = np.array([0, 0, 0, 0, 1, 1, 0, 0])
    groups = ["a", "a", "a", "a", "a", "a", "b", "b"]
    hits = np.array([True, False, False, False, True, False, True, True])
    weights = np.ones(8)
    out = classifier.hard_negative_weights(weights, y, groups, hits, 4.0)
    assert out[0] == pytest.approx(4 * out[1])
    assert out[:4].sum() == pytest.approx(4.0)  # group a's safe rows weigh what they did
    assert list(out[4:6]) == [1.0, 1.0]  # offensive rows untouched
    assert list(out[6:]) == [1.0, 1.0]  # every safe row of b is hard: nothing to shift


def test_lexicon_hits_read_words_not_letters_inside_words():
    hits = classifier.lexicon_hits(
        ["you idiot", "an idiotsavant story", "你这个傻逼", "my cat sleeps", "YOU IDIOT!!"]
    )
    assert hits.tolist() == [True, False, True, False, True]


@pytest.mark.django_db
def test_the_review_page_explains_a_lone_signal_with_the_threshold_the_engine_used():
    from crossnote.moderation import engine
    from crossnote.moderation.models import Policy
    from crossnote.moderation.presenters import policy_threshold

    label = Policy.objects.get(name="Likely offensive (classifier)")
    signal = _classifier_signal(0.55, {"label": 0.5, "hold": 0.8, "label_alone": 0.6})
    assert policy_threshold(label, signal, lone=True) == (0.6, "model")
    assert policy_threshold(label, signal) == (0.5, "model")
    assert engine.model_threshold(signal, "limit", lone=True) == 0.0  # no model threshold
    # An operator's own policy for an action the model has no threshold for keeps its
    # min_score; alone, the signal is capped at a label as before.
    Policy.objects.create(
        name="Operator: limit",
        category=PROFANITY,
        layer="classifier",
        min_score=0.5,
        action="limit",
    )
    engine.forget_policies()
    assert engine.decide([signal], kind="note").action == "label"
    engine.forget_policies()


def test_the_shipped_model_records_its_alone_thresholds_and_their_objective():
    model = classifier.get_model()
    for group in classifier.GROUPS:
        fitted = model.thresholds(group)
        assert fitted["label"] <= fitted["label_alone"] < 1, group
    alone = model.metrics["alone"]
    assert "macro-F1" in alone["objective"] and "pipeline" in alone["objective"]
    assert set(alone["groups"]["en"]) == {"davidson_validation", "olid_validation"}
    assert set(alone["groups"]["zh"]) == {"cold_validation"}
    # Chosen on validation only: the test halves are never read.
    assert not any(
        "test" in name or "held_out" in name for g in alone["groups"].values() for name in g
    )


@pytest.mark.django_db
def test_the_admin_versions_list_shows_the_alone_thresholds():
    from django.contrib import admin

    from crossnote.moderation.admin import ClassifierVersionAdmin
    from crossnote.moderation.models import ClassifierVersion

    row = ClassifierVersion(version=classifier.get_model().version, path="")  # the shipped file
    shown = str(ClassifierVersionAdmin(ClassifierVersion, admin.site).thresholds(row))
    zh = classifier.get_model().thresholds("zh")["label_alone"]
    assert f"zh: label at ≥ {classifier.get_model().thresholds('zh')['label']:.2f}" in shown
    assert f"alone: label at ≥ {zh:.2f}" in shown
    assert shown.count("alone:") == 3
