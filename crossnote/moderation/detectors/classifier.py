"""Classifier layers: our own character n-gram model (Chinese and English) and alt-profanity-check.

The n-gram model is a logistic regression over hashed character n-grams. Character n-grams need
no word segmentation, so one model reads Chinese, English and text that mixes them. It is stored
as plain arrays in an .npz (coefficients, intercept, vectorizer settings, version, metrics) and
rebuilt with a stateless HashingVectorizer: no pickle to trust, nothing tied to one scikit-learn
release. `train()` and `save()` let moderators' decisions be appended to the starter data.
"""

import hashlib
import html
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import numpy as np

from crossnote.moderation.categories import PROFANITY
from crossnote.moderation.detectors.base import Signal, Span, TextDetector

MODEL_PATH = Path(__file__).resolve().parent.parent / "trained" / "offensive_ngram.npz"
FORMAT = "crossnote-ngram/1"
# How text is cleaned before hashing; a model records the name and refuses one it does not know.
PREPROCESS = "nfkc-urls-mentions/1"

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_RETWEET = re.compile(r"^\s*rt\b[\s:]*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def prepare_text(text: str) -> str:
    """Normalise text before hashing: NFKC (full-width → ASCII), entities, links and @mentions.

    Links and handles become placeholders so the model learns from words, not from who was
    mentioned; "RT" prefixes are Twitter noise from the English training data."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    text = _URL.sub(" http ", text)
    text = _MENTION.sub(" @user ", text)
    text = _RETWEET.sub("", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class NgramSettings:
    """Vectorizer and training settings; the vectorizer part is stored with the model.

    Defaults chosen on COLD dev F1 (see trained/ATTRIBUTION.md): plain "char" n-grams of 1..3,
    as presence, did slightly better than "char_wb" or counts, and better on short Chinese insults.
    """

    analyzer: str = "char"
    ngram_min: int = 1
    ngram_max: int = 3
    n_features: int = 2**20
    norm: str | None = "l2"
    binary: bool = True  # presence, not counts: a repeated character is not more evidence
    C: float = 16.0
    # Weights below this are dropped and the rest rounded to float16 (1.8 MB instead of 4 MB;
    # probabilities move < 0.002). Done at training time, so the model measured is the one saved.
    keep: float = 0.01
    # Weight each (language, label) group equally, so the few safe English rows are not drowned
    # by offensive tweets; "balanced" weights by label only.
    weighting: str = "language_label"

    def vectorizer_params(self) -> dict:
        return {
            "analyzer": self.analyzer,
            "ngram_range": [self.ngram_min, self.ngram_max],
            "n_features": self.n_features,
            "norm": self.norm,
            "binary": self.binary,
        }


def _vectorizer(params: dict):
    from sklearn.feature_extraction.text import HashingVectorizer

    if params.get("analyzer") not in ("char", "char_wb"):
        raise ValueError(f"unsupported analyzer {params.get('analyzer')!r}")
    return HashingVectorizer(
        analyzer=params["analyzer"],
        ngram_range=tuple(params["ngram_range"]),
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

    def score(self, text: str) -> float:
        """Probability that one text is offensive (~30 µs: hashes in NumPy, skips scipy.sparse)."""
        indices, values = self._features(prepare_text(text))
        if not len(indices):
            return _sigmoid(self.intercept)
        return _sigmoid(float(self.coef[indices] @ values) + self.intercept)

    def score_many(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities for many texts at once (one sparse matrix; faster per text)."""
        if not len(texts):
            return np.zeros(0, dtype=np.float64)
        matrix = self.vectorizer.transform([prepare_text(t) for t in texts])
        logits = matrix @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    def _features(self, prepared: str) -> tuple[np.ndarray, np.ndarray]:
        murmur = self._hash
        hashes = np.fromiter((murmur(g) for g in self._analyzer(prepared)), dtype=np.int64)
        indices, counts = np.unique(_hash_index(hashes, self.n_features), return_counts=True)
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
        # Per-character NFKC keeps offsets aligned with the original (full-width letters fold).
        folded = "".join(_fold_char(ch) for ch in text)
        padded = self.vectorizer_params["analyzer"] == "char_wb"
        grams, bounds = [], []
        for word in re.finditer(r"\S+" if padded else r".+", folded, re.DOTALL):
            chars = f" {word.group()} " if padded else word.group()
            shift, first, last = word.start() - padded, word.start(), word.end()
            for n in range(low, high + 1):
                for i in range(len(chars) - n + 1):
                    grams.append(chars[i : i + n])
                    bounds.append((max(shift + i, first), min(shift + i + n, last)))
        return grams, bounds


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
) -> OffensiveModel:
    """Fit a model on (text, label 0/1, language) rows, e.g. the starter data plus decisions."""
    from sklearn.linear_model import LogisticRegression

    settings = settings or NgramSettings()
    texts, labels, languages = _columns(rows)
    model_params = settings.vectorizer_params()
    matrix = _vectorizer(model_params).transform([prepare_text(t) for t in texts])
    y = np.asarray(labels, dtype=np.int8)
    classifier = LogisticRegression(C=settings.C, max_iter=2000, random_state=seed)
    classifier.fit(matrix, y, sample_weight=_sample_weights(y, languages, settings.weighting))
    digest = hashlib.sha256(
        json.dumps([texts, labels, languages, asdict(settings)]).encode()
    ).hexdigest()[:8]
    return OffensiveModel(
        coef=_compact(classifier.coef_[0], settings.keep),
        intercept=float(np.float32(classifier.intercept_[0])),  # as save() stores it
        vectorizer_params=model_params,
        version=f"ngram-{datetime.now(UTC):%Y-%m-%d}-{digest}",
        training_data=description or f"{len(texts)} rows",
        metrics={"settings": asdict(settings)},
    )


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


def _sample_weights(y: np.ndarray, languages: list[str], weighting: str) -> np.ndarray:
    """Inverse-frequency weights per label, or per (language, label) group, averaging 1."""
    if weighting == "balanced":
        keys = [str(label) for label in y]
    elif weighting == "language_label":
        # A language with few rows (a handful of moderator decisions) joins the shared pool,
        # so five rows in Japanese cannot outweigh thousands in Chinese.
        counts = {lang: languages.count(lang) for lang in set(languages)}
        keys = [
            f"{lang if counts[lang] >= 200 else '*'}:{label}"
            for lang, label in zip(languages, y, strict=True)
        ]
    else:
        raise ValueError(f"unknown weighting {weighting!r}")
    groups, inverse, sizes = np.unique(keys, return_inverse=True, return_counts=True)
    weights = len(keys) / (len(groups) * sizes[inverse])
    return weights.astype(np.float64)


def save(model: OffensiveModel, path: Path | str) -> None:
    """Write a model as plain arrays: its non-zero weights as float16, settings as JSON text."""
    kept = np.flatnonzero(model.coef).astype(np.int32)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        np.savez_compressed(
            out,
            format=np.str_(FORMAT),
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
        if str(data["format"]) != FORMAT or str(data["preprocess"]) != PREPROCESS:
            raise ValueError(
                f"{path}: model format {data['format']}/{data['preprocess']} is not "
                f"{FORMAT}/{PREPROCESS}; retrain with `manage.py moderation_train`"
            )
        params = json.loads(str(data["vectorizer"]))
        coef = np.zeros(int(params["n_features"]), dtype=np.float32)
        coef[data["coef_index"]] = data["coef_value"].astype(np.float32)
        return OffensiveModel(
            coef=coef,
            intercept=float(data["intercept"]),
            vectorizer_params=params,
            version=str(data["version"]),
            training_data=str(data["training_data"]),
            metrics=json.loads(str(data["metrics"])),
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


class ClassifierDetector(TextDetector):
    """Probability of offensive language from our n-gram model, in any language."""

    name = "classifier"
    layer = "classifier"

    def __init__(
        self,
        model: OffensiveModel | None = None,
        *,
        path: Path | str = MODEL_PATH,
        evidence_from: float = 0.5,
    ):
        self._model = model
        self._path = path
        # Highlighting costs 0.05-0.2 ms, so only texts a moderator may see get spans.
        self.evidence_from = evidence_from

    @property
    def model(self) -> OffensiveModel:
        if self._model is None:
            self._model = get_model(self._path)
        return self._model

    def detect(self, text: str, *, language: str = "", region: str = "") -> list[Signal]:
        if not text.strip():
            return []
        return [self._signal(text, self.model.score(text))]

    def detect_many(
        self, texts: Sequence[str], *, languages: Sequence[str] | None = None
    ) -> list[list[Signal]]:
        """Signals for many texts (vectorised scoring; one list per text, in order).

        `languages` is accepted for symmetry with other detectors: the model reads them all."""
        scores = self.model.score_many(texts)
        return [
            [self._signal(text, float(p))] if text.strip() else []
            for text, p in zip(texts, scores, strict=True)
        ]

    def _signal(self, text: str, p: float) -> Signal:
        model = self.model
        return Signal(
            layer=self.layer,
            category=PROFANITY,
            score=p,
            rule=f"classifier:{model.version}",
            spans=model.evidence(text) if p >= self.evidence_from else [],
            detail=f"p={p:.2f}",
        )


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


def profanity_check_version() -> str:
    from importlib.metadata import version

    return version("alt-profanity-check")


class ProfanityCheckDetector(TextDetector):
    """English profanity from alt-profanity-check (a linear SVM over word TF-IDF)."""

    name = "profanity"
    layer = "profanity"
    # It only knows English words; "" means the language was not detected.
    languages = frozenset({"en", "mixed", "und", ""})

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
            if t.strip() and lang in self.languages
        ]
        results: list[list[Signal]] = [[] for _ in texts]
        if not todo:
            return results
        model = _profanity_model()
        if len(todo) == 1:
            scores = [model.score(texts[todo[0]])]
        else:
            scores = model.score_many([texts[i] for i in todo])
        rule = f"alt-profanity-check:{model.version}"
        for i, p in zip(todo, scores, strict=True):
            results[i] = [
                Signal(
                    layer=self.layer, category=PROFANITY, score=p, rule=rule, detail=f"p={p:.2f}"
                )
            ]
        return results
