"""A language group's own embedding head (issue 17, OLID): a stack can give English an MLP head
trained on English rows while Chinese keeps the shared head; such a model is stored as plain
arrays, scores the same loaded, and each group reads its embedding through its own head."""

import numpy as np
import pytest

from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.classifier import NgramSettings
from crossnote.moderation.detectors.classifier_stack import EMBED_DIM, EmbeddingHead, Stack
from tests.moderation.test_classifier import TINY


def _head(seed: int, hidden: int) -> EmbeddingHead:
    rng = np.random.default_rng(seed)
    return EmbeddingHead(
        w1=rng.normal(size=(EMBED_DIM, hidden)).astype(np.float16).astype(np.float32),
        b1=rng.normal(size=hidden).astype(np.float16).astype(np.float32),
        w2=rng.normal(size=hidden or EMBED_DIM).astype(np.float16).astype(np.float32),
        b2=0.25,
    )


def _vectors(texts):
    rng = np.random.default_rng(len(texts))
    vectors = rng.normal(size=(len(texts), EMBED_DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _model() -> classifier.OffensiveModel:
    model = classifier.train(TINY * 3, settings=NgramSettings(n_features=2**14, C=10.0))
    group = {"stage1": [1.0, 0.5, 0.0], "stage2": [1.0, 0.8, 0.5, 0.0], "skip_below": 0.0}
    model.stack = Stack(
        head=_head(0, 0),
        groups={g: dict(group) for g in classifier.GROUPS},
        heads={"en": _head(1, 8)},
    )
    return model


def test_a_group_head_is_stored_as_plain_arrays_and_scores_the_same_loaded(tmp_path, monkeypatch):
    monkeypatch.setattr(classifier, "sentence_vectors", _vectors)
    model = _model()
    path = tmp_path / "heads.npz"
    classifier.save(model, path)
    with np.load(path, allow_pickle=False) as data:
        assert data["head_en_w1"].shape == (EMBED_DIM, 8)
        assert data["head_en_w1"].dtype == np.float16
        assert data["head_w1"].shape == (EMBED_DIM, 0)  # the shared head stays linear
    loaded = classifier.load(path)
    assert set(loaded.stack.heads) == {"en"}
    texts, languages = ["you stupid idiot", "你这个蠢货"], ["en", "zh"]
    assert loaded.score_many(texts, languages) == pytest.approx(model.score_many(texts, languages))


def test_each_group_reads_its_embedding_through_its_own_head(monkeypatch):
    monkeypatch.setattr(classifier, "sentence_vectors", _vectors)
    model = _model()
    text = "shut up you idiot loser"
    z = np.array([model.logit(text)])
    apc = classifier.profanity_logits([text])
    vector = _vectors([text])
    for group, head in (("en", model.stack.heads["en"]), ("other", model.stack.head)):
        expected = model.stack.stage2(group, z, head.logits(vector), apc)
        assert model._stacked(group, [text], z) == pytest.approx(expected)
    # The two heads disagree on this vector, so reading the wrong one would show.
    assert model.stack.heads["en"].logits(vector) != pytest.approx(model.stack.head.logits(vector))


def test_a_model_without_group_heads_loads_as_before(tmp_path, monkeypatch):
    monkeypatch.setattr(classifier, "sentence_vectors", _vectors)
    model = _model()
    model.stack.heads = {}
    path = tmp_path / "shared.npz"
    classifier.save(model, path)
    with np.load(path, allow_pickle=False) as data:
        assert not any(name.startswith("head_en") for name in data.files)
    loaded = classifier.load(path)
    assert loaded.stack.heads == {}
    assert loaded.stack.head_for("en") is loaded.stack.head


def test_fit_stack_trains_a_group_head_on_that_groups_rows_only(monkeypatch):
    """group_hidden={"en": 4}: an MLP head learnt from the English rows alone (the shared head
    from every row), recorded in the metrics; Chinese reads the shared head."""
    monkeypatch.setattr(classifier, "sentence_vectors", _vectors)
    rows = TINY * 4
    model = classifier.train(rows, settings=NgramSettings(n_features=2**14, C=10.0))
    validation = {"en": {"en_val": TINY[:3] + TINY[5:] * 2}, "zh": {"zh_val": rows}}
    classifier.fit_stack(model, rows, validation, group_hidden={"en": 4})
    assert set(model.stack.heads) == {"en"}
    assert model.stack.heads["en"].w1.shape == (EMBED_DIM, 4)
    assert model.stack.head.w1.shape == (EMBED_DIM, 0)
    assert model.metrics["stack"]["group_hidden"] == {"en": 4}
    assert set(model.stack.groups) == set(classifier.GROUPS)
    assert model.stack.head_for("zh") is model.stack.head


def test_a_group_without_rows_of_both_labels_cannot_have_its_own_head(monkeypatch):
    monkeypatch.setattr(classifier, "sentence_vectors", _vectors)
    rows = TINY * 4
    model = classifier.train(rows, settings=NgramSettings(n_features=2**14, C=10.0))
    with pytest.raises(ValueError, match="other"):
        classifier.fit_stack(model, rows, {"en": {"v": rows}}, group_hidden={"other": 4})
