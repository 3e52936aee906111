"""The classifier learns from the project's own labelled sentences (issue 17): the regression
suite's case sets are training rows for the stack's embedding head (evasions offensive,
look-alikes and newcomer posts safe), a small stack learns a paraphrase with no swear word from
them, the train command reads them by default, and the blind set (holdout8) is never read by
anything that trains."""

import copy
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crossnote.moderation import datasets
from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.classifier import NgramSettings
from crossnote.moderation.management.commands import moderation_train
from crossnote.moderation.suite import runner
from tests.moderation.test_classifier import TINY

# Abuse with no swear word (a threat by implication, a dehumanising comparison) and innocent
# sentences with the same words, in two sets so each is scored out of fold.
OWN = {
    "first": [
        ("people like you should be put down like stray dogs", 1, "en"),
        ("nobody would miss you if you disappeared tomorrow", 1, "en"),
        ("we put our old dog down last spring, the vet was kind", 0, "en"),
        ("I would miss the sea if I moved inland", 0, "en"),
    ],
    "second": [
        ("your kind are vermin and should be cleared out", 1, "en"),
        ("it would be a shame if something happened to your car", 1, "en"),
        ("the barn was cleared of mice before winter", 0, "en"),
        ("what a shame the concert was cancelled", 0, "en"),
    ],
}
PARAPHRASE = "people like you deserve to be put down like rabid animals"
INNOCENT = "my dog loves the park"


def test_every_case_set_is_either_trained_on_or_blind():
    trained, blind = set(datasets.OWN_CASE_SETS), set(datasets.BLIND_CASE_SETS)
    assert not trained & blind
    assert trained | blind == set(runner.CASE_SETS)  # a new set must be declared one or the other


def test_the_own_cases_are_labelled_rows_and_never_open_the_blind_set(monkeypatch):
    opened: list[Path] = []
    read_cases = runner.read_cases

    def recording(path):
        opened.append(Path(path))
        return read_cases(path)

    monkeypatch.setattr(runner, "read_cases", recording)
    own = datasets.own_cases()
    assert list(own) == list(datasets.OWN_CASE_SETS)
    blind = datasets.BLIND_CASE_SETS
    assert opened and not [path for path in opened if blind & set(path.parts)]
    every = runner.load_cases(runner.CASE_SETS["suite"])
    suite = [c for c in every if not (c.abusive and c.kind in datasets.NOT_OFFENSIVE_KINDS)]
    assert len(suite) < len(every)  # the scams are not offensive language
    rows = own["suite"]
    assert len(rows) == len(suite)
    assert {row.label for row, case in zip(rows, suite, strict=True) if case.abusive} == {1}
    assert {row.label for row, case in zip(rows, suite, strict=True) if not case.abusive} == {0}
    assert {case.source for case in suite if not case.abusive} == {"lookalikes", "newcomers"}
    # the mechanism, with a stand-in blind set (whatever BLIND_CASE_SETS holds now)
    monkeypatch.setattr(datasets, "BLIND_CASE_SETS", frozenset({"holdout9"}))
    with pytest.raises(ValueError, match="blind"):
        datasets.own_cases(["suite", "holdout9"])
    with pytest.raises(ValueError, match="no case set"):
        datasets.own_cases(["holdout99"])


def _stacked(own=None, quiet=()) -> classifier.OffensiveModel:
    model = classifier.train(TINY * 3, settings=NgramSettings(n_features=2**14, C=10.0))
    validation = {
        "en": {"tiny_en": [row for row in TINY if row[2] == "en"] * 2},
        "zh": {"tiny_zh": [row for row in TINY if row[2] == "zh"] * 2},
    }
    model = copy.deepcopy(model)
    classifier.fit_stack(model, TINY * 3, validation, sources=["tiny"] * 30, own=own, quiet=quiet)
    return model


def test_a_small_stack_learns_a_paraphrase_from_the_own_cases():
    if classifier.sentence_vectors(["probe"]) is None:
        pytest.fail("the sentence encoder ships in the venv; the stack cannot train without it")
    alone, taught = _stacked(), _stacked(OWN)
    threshold = taught.thresholds("en")["label"]
    assert not alone.flags([PARAPHRASE], ["en"])[0]  # no word of it is in the starter rows
    assert taught.score(PARAPHRASE, "en") >= threshold  # a sentence it never saw
    assert taught.score(INNOCENT, "en") < threshold
    own = taught.metrics["stack"]["own"]
    assert own["sets"] == {"first": 4, "second": 4} and own["weight"] == classifier.OWN_WEIGHT
    assert "en" in own["figures"]  # scored out of fold, apart from the starter validation
    assert set(taught.metrics["validation"]["en"]) == {"tiny_en"}


def test_a_label_threshold_rises_above_newcomer_posts_where_validation_barely_tells():
    y = {"v": np.array([0] * 50 + [1] * 50)}
    p = {"v": np.concatenate([np.linspace(0.0, 0.3, 50), np.linspace(0.7, 1.0, 50)])}
    # A newcomer post at 0.55: any threshold between 0.31 and 0.70 is as good, so it is cleared.
    assert classifier._quiet_label(p, y, {}, 0.5, 0.55) == (0.56, True)
    # One at 0.9: clearing it would miss offensive texts validation has, so the label stays.
    assert classifier._quiet_label(p, y, {}, 0.5, 0.9) == (0.5, False)
    assert classifier._quiet_label(p, y, {}, 0.5, 0.2) == (0.5, False)  # already clear


def test_the_stack_records_how_high_the_newcomer_posts_score():
    model = _stacked(OWN, [(PARAPHRASE, 0, "en")])  # as if it were a newcomer's post
    highest = model.metrics["stack"]["own"]["newcomers_highest"]
    assert set(highest) == {"en"}
    assert highest["en"]["highest"] == pytest.approx(model.score(PARAPHRASE, "en"), abs=1e-3)
    assert not highest["en"]["raised"]  # the tiny validation set would lose its offensive rows


@pytest.fixture
def captured(monkeypatch):
    """The train command up to training: what it would train the model on."""
    seen = {}

    class Stop(Exception):
        pass

    def capture(splits, extra=(), **options):
        seen.update(options, splits=splits)
        raise Stop

    monkeypatch.setattr(moderation_train, "train_starter_model", capture)
    starter = {"cold_train": [], "davidson_train": []}  # reading the real ones takes seconds
    monkeypatch.setattr(moderation_train, "starter_splits", lambda data_dir, seed: dict(starter))
    seen["stop"] = Stop
    return seen


def test_the_train_command_learns_from_every_own_set_by_default(captured):
    with pytest.raises(captured["stop"]):
        call_command("moderation_train", "--dry-run")
    assert list(captured["own"]) == list(datasets.OWN_CASE_SETS)
    assert not set(captured["own"]) & datasets.BLIND_CASE_SETS
    newcomers = datasets.own_cases(parts=("newcomers",))
    assert captured["quiet"] == [row for rows in newcomers.values() for row in rows]
    assert not [name for name in captured["splits"] if name.startswith("own_")]


def test_the_train_command_scores_the_own_sets_it_leaves_out(captured):
    with pytest.raises(captured["stop"]):
        call_command("moderation_train", "--dry-run", "--own-cases", "suite,holdout")
    assert list(captured["own"]) == ["suite", "holdout"]
    held_out = {f"own_{name}" for name in datasets.OWN_CASE_SETS[2:]}
    own_splits = {name for name in captured["splits"] if name.startswith("own_")}
    assert own_splits == held_out  # holdout2 … holdout12, never a blind set


def test_the_train_command_refuses_the_blind_set(captured, monkeypatch):
    monkeypatch.setattr(datasets, "BLIND_CASE_SETS", frozenset({"holdout9"}))  # a stand-in
    with pytest.raises(CommandError, match="blind"):
        call_command("moderation_train", "--dry-run", "--own-cases", "suite,holdout9")
    with pytest.raises(captured["stop"]):
        call_command("moderation_train", "--dry-run", "--no-own-cases")
    assert captured["own"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["Dog", "Cow", "狗", "Dog!!"])
def test_one_word_gives_the_classifier_no_context_to_act_on_alone(title):
    """A note titled with one word (a pet's photo) is not labelled by the classifier alone,
    whatever it scores; with context the same word still counts."""
    from crossnote.moderation.detectors.classifier import ClassifierDetector
    from crossnote.moderation.selectors import screen_text

    signal = ClassifierDetector()._signal(title, 0.99, "en")
    assert signal.thresholds["label_alone"] is None
    _signals, verdict = screen_text(title, kind="note", language="")
    assert not any(s.layer == "classifier" for s in verdict.signals)
    assert ClassifierDetector()._signal("you filthy dog", 0.99, "en").thresholds["label_alone"]
    # Words run together (as text read from a picture comes out) are read as before.
    assert ClassifierDetector()._signal("stupidbastard", 0.99, "en").thresholds["label_alone"]
