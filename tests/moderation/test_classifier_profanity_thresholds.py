"""alt-profanity-check acts at a threshold chosen on validation data and recorded beside our
model (issue 17): the shipped file holds for the installed package, a file written for another
release is ignored, and the layer's signals carry the threshold and are supporting (ambiguous)."""

import json

from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.classifier import (
    PROFANITY_THRESHOLDS_PATH,
    ProfanityCheckDetector,
    fit_profanity_thresholds,
    profanity_check_version,
    profanity_thresholds,
)


def test_the_shipped_threshold_was_chosen_for_the_installed_package_by_a_stated_objective():
    stored = json.loads(PROFANITY_THRESHOLDS_PATH.read_text("utf-8"))
    assert stored["version"] == profanity_check_version()
    assert "precision" in stored["objective"]
    label = stored["thresholds"]["label"]
    assert 0.5 <= label < 1 and stored["thresholds"]["hold"] is None
    for figures in stored["validation"].values():
        assert figures["precision"] >= 0.9
    assert profanity_thresholds()["label"] == label


def test_a_threshold_for_another_release_is_ignored(tmp_path):
    path = tmp_path / "thresholds.json"
    path.write_text(json.dumps({"version": "0.0.1", "thresholds": {"label": 0.99, "hold": None}}))
    assert profanity_thresholds(path) == {"label": 0.0, "hold": None}
    assert profanity_thresholds(tmp_path / "missing.json")["label"] == 0.0


def test_fitting_finds_the_lowest_threshold_precise_enough_in_every_source():
    profane = [(f"you fucking idiot number {i}", 1, "en") for i in range(40)]
    clean = [(f"my cat sleeps on the sofa {i}", 0, "en") for i in range(40)]
    fitted = fit_profanity_thresholds({"a": profane + clean, "b": clean + profane[:35]})
    label = fitted["thresholds"]["label"]
    assert label is not None and 0.5 <= label < 1
    assert fitted["validation"]["a"]["precision"] >= classifier.PROFANITY_PRECISION
    assert fitted["validation"]["b"]["recall"] == 1.0


def test_the_layer_signal_carries_the_threshold_and_only_supports():
    [signal] = ProfanityCheckDetector().detect("you fucking idiot", language="en")
    assert signal.ambiguous
    assert signal.thresholds == profanity_thresholds()
