"""Stacked scoring for the offensive-language classifier: the n-gram model's logit, a small
head over the multilingual sentence encoder's embedding, and alt-profanity-check, combined per
language group by a logistic regression fitted on validation data.

Why: a bag of n-grams scores words, not meanings ("Moby Dick", "a stupid question", OLID's
offence without profanity); the sentence encoder search already loads (USE multilingual v3,
`crossnote.search.embeddings`) carries some of the meaning, and alt-profanity-check was trained
on other English data. Measured on held-out splits (trained/ATTRIBUTION.md), stacking the three
adds about +0.05 OLID macro-F1 over the n-grams alone and keeps COLD and Davidson level.

Cost: the encoder takes ~2 ms a text, so it runs only where it can matter (a cascade): stage 1
combines the n-gram logit and alt-profanity-check (microseconds); where stage 1 is below the
group's `skip_below` the text is scored by stage 1 alone, else stage 2 adds the embedding. The
thresholds are fitted on this cascaded score. Without the encoder installed every text is
scored by stage 1 (a little weaker; the same thresholds).

Everything here is plain arrays and JSON (no pickle); this module does only the arithmetic,
`classifier.py` computes the inputs.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

EMBED_DIM = 512
# A probability is clipped to this before its logit is taken (alt-profanity-check says 1.0).
_CLIP = 1e-4
_TITLE_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_START = '.!?:;"“(\n'


def names_blanked(text: str) -> str:
    """`text` with capitalised words inside a sentence blanked: in ordinarily written English a
    word capitalised mid-sentence is a name or a title ("My name is Dick", "I flew to Niger",
    "we watched Kill Bill"), which a word-list model reads as the common noun.

    Text in headline case or capitals, or with fewer than two lowercase words, is left as is
    (no way to tell a name there). Measured on held-out Davidson and OLID tweets: alt-profanity-
    check's macro-F1 does not drop with this (0.886 → 0.893, 0.637 → 0.647)."""
    words = _LATIN_WORD.findall(text)
    lower = sum(word.islower() for word in words)
    if lower < 2 or lower < 0.5 * len(words):
        return text
    out, last = [], 0
    for match in _TITLE_WORD.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in _SENTENCE_START:
            continue  # a sentence's first word
        out += [text[last : match.start()], " "]
        last = match.end()
    return "".join([*out, text[last:]]) if out else text


def probability_logit(p) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), _CLIP, 1 - _CLIP)
    return np.log(p / (1 - p))


def _sigmoid(x) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


@dataclass
class EmbeddingHead:
    """A head over a 512-d sentence embedding, stored as float16: linear (hidden = 0:
    logit = x·w2 + b2, 1 KB) or one hidden layer (logit = relu(x·W1 + b1)·w2 + b2, about 260 KB
    for 256 units)."""

    w1: np.ndarray  # (512, hidden); (512, 0) for a linear head
    b1: np.ndarray  # (hidden,)
    w2: np.ndarray  # (hidden,), or (512,) for a linear head
    b2: float

    @classmethod
    def from_linear(cls, fit) -> "EmbeddingHead":
        """From a fitted sklearn LogisticRegression over the embeddings, rounded as stored."""
        return cls(
            w1=np.zeros((EMBED_DIM, 0), dtype=np.float32),
            b1=np.zeros(0, dtype=np.float32),
            w2=_f16(fit.coef_[0]),
            b2=float(np.float16(fit.intercept_[0])),
        )

    @classmethod
    def from_mlp(cls, mlp) -> "EmbeddingHead":
        """From a fitted sklearn MLPClassifier (relu, one hidden layer), rounded as stored."""
        if mlp.activation != "relu" or len(mlp.coefs_) != 2:
            raise ValueError("expected a one-hidden-layer relu MLP")
        return cls(
            w1=_f16(mlp.coefs_[0]),
            b1=_f16(mlp.intercepts_[0]),
            w2=_f16(mlp.coefs_[1][:, 0]),
            b2=float(np.float16(mlp.intercepts_[1][0])),
        )

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        if not self.w1.shape[1]:
            return (np.asarray(vectors, dtype=np.float32) @ self.w2 + self.b2).astype(np.float64)
        hidden = np.maximum(np.asarray(vectors, dtype=np.float32) @ self.w1 + self.b1, 0.0)
        return (hidden @ self.w2 + self.b2).astype(np.float64)


def _f16(array) -> np.ndarray:
    return np.asarray(array, dtype=np.float16).astype(np.float32)


@dataclass
class Stack:
    """Per language group: stage 1 weights [n-gram logit, alt-profanity-check logit, bias],
    stage 2 weights [n-gram logit, embedding-head logit, alt-profanity-check logit, bias], and
    `skip_below`: stage-1 probabilities under it are final (the encoder is not run).

    `head` reads every group's embedding; a group in `heads` has its own instead (e.g. an MLP
    trained on English rows only, while Chinese keeps the shared linear head)."""

    head: EmbeddingHead
    groups: dict  # group -> {"stage1": [3], "stage2": [4], "skip_below": float}
    heads: dict = field(default_factory=dict)  # group -> EmbeddingHead

    def head_for(self, group: str) -> EmbeddingHead:
        return self.heads.get(group, self.head)

    def stage1(self, group: str, z: np.ndarray, apc: np.ndarray) -> np.ndarray:
        w = self.groups[group]["stage1"]
        return _sigmoid(w[0] * z + w[1] * apc + w[2])

    def stage2(self, group: str, z: np.ndarray, e: np.ndarray, apc: np.ndarray) -> np.ndarray:
        w = self.groups[group]["stage2"]
        return _sigmoid(w[0] * z + w[1] * e + w[2] * apc + w[3])

    def needs_embedding(self, group: str, p1: np.ndarray) -> np.ndarray:
        return np.asarray(p1) >= self.groups[group]["skip_below"]

    def as_json(self) -> dict:
        stored = {"groups": self.groups, "hidden": int(self.head.w1.shape[1])}
        if self.heads:
            stored["heads"] = {g: int(h.w1.shape[1]) for g, h in sorted(self.heads.items())}
        return stored

    def arrays(self) -> dict:
        stored = _head_arrays("head", self.head)
        for group, head in self.heads.items():
            stored.update(_head_arrays(f"head_{group}", head))
        return stored

    @classmethod
    def from_stored(cls, meta: dict, arrays) -> "Stack":
        heads = {group: _stored_head(f"head_{group}", arrays) for group in meta.get("heads", {})}
        return cls(head=_stored_head("head", arrays), groups=meta["groups"], heads=heads)


def _head_arrays(prefix: str, head: EmbeddingHead) -> dict:
    return {
        f"{prefix}_w1": head.w1.astype(np.float16),
        f"{prefix}_b1": head.b1.astype(np.float16),
        f"{prefix}_w2": head.w2.astype(np.float16),
        f"{prefix}_b2": np.float32(head.b2),
    }


def _stored_head(prefix: str, arrays) -> EmbeddingHead:
    return EmbeddingHead(
        w1=arrays[f"{prefix}_w1"].astype(np.float32),
        b1=arrays[f"{prefix}_b1"].astype(np.float32),
        w2=arrays[f"{prefix}_w2"].astype(np.float32),
        b2=float(arrays[f"{prefix}_b2"]),
    )


# --- fitting ----------------------------------------------------------------------------------

# skip_below: the highest stage-1 probability (on this grid) under which, on validation data,
# stage 2 would have reached 0.5 for at most this share of all texts.
SKIP_GRID = np.round(np.arange(0.02, 0.51, 0.02), 2)
SKIP_MISS = 0.005


def fit_group(
    z: dict[str, np.ndarray],
    e: dict[str, np.ndarray],
    apc: dict[str, np.ndarray],
    y: dict,
    weights: Mapping[str, float] | None = None,
) -> dict:
    """Stage weights for one language group on its validation sources (each source weighted
    equally, or `weights[source]` times as much as a source not named there), and its
    skip_below."""
    names = list(z)
    shares = {name: float((weights or {}).get(name, 1.0)) for name in names}
    labels = np.concatenate([y[n] for n in names])
    x1 = np.concatenate([np.column_stack([z[n], apc[n]]) for n in names])
    x2 = np.concatenate([np.column_stack([z[n], e[n], apc[n]]) for n in names])
    stage1 = _fit(x1, labels, names, y, shares)
    stage2 = _fit(x2, labels, names, y, shares)
    p1 = _sigmoid(x1 @ stage1[:-1] + stage1[-1])
    p2 = _sigmoid(x2 @ stage2[:-1] + stage2[-1])
    skip = float(SKIP_GRID[0])
    for t in SKIP_GRID:
        if np.mean((p1 < t) & (p2 >= 0.5)) <= SKIP_MISS:
            skip = float(t)
    return {
        "stage1": [round(float(v), 6) for v in stage1],
        "stage2": [round(float(v), 6) for v in stage2],
        "skip_below": skip,
    }


def _fit(
    x: np.ndarray, labels: np.ndarray, names: list[str], y: dict, shares: Mapping[str, float]
) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    weights = np.concatenate([np.full(len(y[n]), shares[n] / len(y[n])) for n in names])
    weights *= len(labels)
    fit = LogisticRegression(C=1e4, max_iter=2000).fit(x, labels, sample_weight=weights)
    return np.append(fit.coef_[0], fit.intercept_[0])
