"""The classifier's stack (sentence-embedding head + alt-profanity-check on top of the n-grams):
names and titles are read as names, a stacked model is stored as plain arrays and scores the
same after loading, the encoder runs only where stage 1 is not clearly harmless, the stack still
scores without the encoder, and the shipped model keeps its held-out figures."""

import numpy as np
import pytest

from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.classifier import NgramSettings, ProfanityCheckDetector
from crossnote.moderation.detectors.classifier_stack import (
    EMBED_DIM,
    EmbeddingHead,
    Stack,
    names_blanked,
)
from tests.moderation.test_classifier import TINY


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("My name is Dick, nice to meet everyone", "My name is  , nice to meet everyone"),
        ("I flew to Niger for a research trip", "I flew to   for a research trip"),
        (
            "We watched Kill Bill and Die Hard last night at home",
            "We watched     and     last night at home",
        ),
    ],
)
def test_a_capitalised_word_inside_a_sentence_is_read_as_a_name(text, blanked):
    assert names_blanked(text) == blanked


@pytest.mark.parametrize(
    "text",
    [
        "you are a dick",  # lower case: a word, not a name
        "Dick. That is what you are",  # a sentence's first word
        "YOU ARE A DICK",  # capitals: nothing to tell a name by
        "Shut Up You Stupid Dick",  # headline case
        "We watched Kill Bill and Die Hard",  # too few lowercase words to tell
        "Dick",
    ],
)
def test_text_without_a_telling_capital_is_read_as_is(text):
    assert names_blanked(text) == text


def test_alt_profanity_check_no_longer_reads_a_first_name_as_an_insult():
    detector = ProfanityCheckDetector()
    [name] = detector.detect("My name is Dick, nice to meet everyone", language="en")
    [insult] = detector.detect("you are a dick", language="en")
    assert name.score < 0.5 < insult.score


def _stacked_tiny(seed: int = 0, skip_below: float = 0.3) -> classifier.OffensiveModel:
    model = classifier.train(TINY * 3, settings=NgramSettings(n_features=2**14, C=10.0))
    rng = np.random.default_rng(seed)
    head = EmbeddingHead(
        w1=rng.normal(size=(EMBED_DIM, 8)).astype(np.float16).astype(np.float32),
        b1=np.zeros(8, dtype=np.float32),
        w2=rng.normal(size=8).astype(np.float16).astype(np.float32),
        b2=0.0,
    )
    group = {"stage1": [1.0, 0.5, 0.0], "stage2": [1.0, 0.3, 0.5, 0.0], "skip_below": skip_below}
    model.stack = Stack(head=head, groups={g: dict(group) for g in classifier.GROUPS})
    return model


def _fake_vectors(texts):
    rng = np.random.default_rng(len(texts))
    vectors = rng.normal(size=(len(texts), EMBED_DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_stacked_model_is_saved_as_plain_arrays_and_scores_the_same_loaded(tmp_path, monkeypatch):
    monkeypatch.setattr(classifier, "sentence_vectors", _fake_vectors)
    model = _stacked_tiny()
    path = tmp_path / "stacked.npz"
    classifier.save(model, path)
    with np.load(path, allow_pickle=False) as data:
        assert str(data["format"]) == classifier.STACKED_FORMAT
        assert data["head_w1"].dtype == np.float16
    loaded = classifier.load(path)
    assert loaded.stack is not None and loaded.stack.groups == model.stack.groups
    texts = ["you stupid idiot", "my cat loves the sofa"]
    expected = [model.score(t, "en") for t in texts]
    assert [loaded.score(t, "en") for t in texts] == pytest.approx(expected)
    assert loaded.score_many(texts, ["en", "en"]) == pytest.approx(expected)


def test_the_encoder_runs_only_where_stage_one_is_not_clearly_harmless(monkeypatch):
    embedded = []

    def counting(texts):
        embedded.extend(texts)
        return _fake_vectors(texts)

    monkeypatch.setattr(classifier, "sentence_vectors", counting)
    model = _stacked_tiny(skip_below=0.5)
    z = model.logits(["my cat loves the sofa", "you stupid idiot"])
    assert z[0] < 0 < z[1]  # so stage 1 says < 0.5 for the first (alt-profanity-check is low too)
    model.score_many(["my cat loves the sofa", "you stupid idiot"], ["en", "en"])
    assert embedded == ["you stupid idiot"]
    embedded.clear()
    model.stack.groups["en"]["skip_below"] = 0.0  # every text goes to stage 2
    model.score_many(["my cat loves the sofa", "you stupid idiot"], ["en", "en"])
    assert embedded == ["my cat loves the sofa", "you stupid idiot"]


def test_without_the_encoder_a_stacked_model_scores_by_stage_one(monkeypatch):
    monkeypatch.setattr(classifier, "sentence_vectors", lambda texts: None)
    model = _stacked_tiny(skip_below=0.0)
    text = "you stupid idiot"
    z = np.array([model.logit(text)])
    stage1 = model.stack.stage1("en", z, classifier.profanity_logits([text]))[0]
    assert model.score(text, "en") == pytest.approx(stage1)


def test_sentence_vectors_come_from_the_encoder_search_loads(monkeypatch):
    from crossnote.search import embeddings

    calls = []

    def fake_embed(texts):
        calls.append(list(texts))
        return np.zeros((len(texts), EMBED_DIM), dtype=np.float32)

    monkeypatch.setattr(embeddings, "embed", fake_embed)
    vectors = classifier.sentence_vectors(["ＦＵＣＫ you", ""])
    assert vectors.shape == (2, EMBED_DIM)
    assert calls == [["fuck you", " "]]  # folded as the n-grams read it; never empty


def test_the_shipped_model_is_stacked_and_keeps_its_held_out_figures():
    """The test halves (COLD dev, Davidson's 20%) and OLID's 15% were used for neither training
    nor thresholds. Floors: the figures measured for ngram+stack on 2026-12-05 (see
    trained/ATTRIBUTION.md), less a little for float rounding."""
    model = classifier.get_model()
    assert model.stack is not None and set(model.stack.groups) == set(classifier.GROUPS)
    assert model.version.startswith("stack-")
    for name, floor in FLOORS.items():
        assert model.metrics[name]["macro_f1"] >= floor, (name, model.metrics[name])
    assert set(model.metrics["validation"]["en"]) == {"davidson_validation", "olid_validation"}


FLOORS = {"cold_test": 0.895, "davidson_test": 0.93, "olid_held_out": 0.73}
