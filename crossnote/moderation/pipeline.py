"""The layered pipeline: cheap synchronous detectors on every write, expensive ones after commit.

Synchronous (must not slow posting noticeably): text hash list, term lists, the n-gram
classifier, alt-profanity-check for English, PII. Asynchronous: the optional LLM guard.
"""

import logging
import threading
import time
import uuid

from django.apps import apps
from django.core.cache import cache

from crossnote.core import startup
from crossnote.moderation.detectors.base import Signal
from crossnote.moderation.detectors.classifier import ClassifierDetector, ProfanityCheckDetector
from crossnote.moderation.detectors.hashes import HashBank, HashEntry
from crossnote.moderation.detectors.pii import PiiDetector
from crossnote.moderation.detectors.terms import TermEntry, TermListDetector
from crossnote.moderation.model_store import active_model_path
from crossnote.moderation.models import HashEntry as HashRow
from crossnote.moderation.models import Term

log = logging.getLogger(__name__)
_lock = threading.Lock()
_built: dict = {"version": None, "detectors": []}
VERSION_KEY = "moderation:lists-version"


def lists_changed() -> None:
    """Call after term or hash lists or the active classifier change: every process rebuilds
    its matchers. A fresh random token, never a counter: a counter can come back to a value a
    process already built for (a restored cache, a rolled-back cache table)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _term_detector():
    entries = []
    rows = Term.objects.filter(enabled=True, term_list__enabled=True).select_related("term_list")
    for row in rows:
        entries.append(
            TermEntry(
                term=row.term,
                category=row.term_list.category,
                list_name=row.term_list.name,
                term_id=row.pk,
                language=row.term_list.language,
                regions=tuple(row.term_list.regions),
                exceptions=tuple(row.exceptions),
                ambiguous=row.ambiguous,
            )
        )
    return TermListDetector.from_entries(entries)


def hash_bank(kinds: tuple[str, ...]):
    """A HashBank of the stored entries of these kinds."""
    rows = HashRow.objects.filter(kind__in=kinds)
    return HashBank(
        HashEntry(
            kind=r.kind, value=r.value, category=r.category, source=r.source, note=r.note, id=r.pk
        )
        for r in rows
    )


class _TextHashDetector:
    """The text hash list as a text layer (catches reposted spam waves)."""

    def __init__(self):
        self.bank = hash_bank(("text",))

    def detect(self, text, *, language="", region=""):
        return self.bank.match_text(text) if len(self.bank) else []


def _text_hash_detector():
    return _TextHashDetector()


def lists_version():
    """The lists' current version token (one cache read). A note reads it once and passes it to
    text_detectors and run_images, instead of each layer asking again."""
    return cache.get(VERSION_KEY, 0)


def text_detectors(version=None) -> list:
    """The synchronous text detectors, built once per process and rebuilt when lists change."""
    if version is None:
        version = lists_version()
    with _lock:
        if _built["version"] != version or not _built["detectors"]:
            _built["detectors"] = [
                _text_hash_detector(),
                _term_detector(),
                # The active classifier version; activating one calls lists_changed().
                ClassifierDetector(path=active_model_path()),
                ProfanityCheckDetector(),
                PiiDetector(),
            ]
            _built["version"] = version
        return list(_built["detectors"])


def run_text(text: str, *, language: str = "", region: str = "", version=None) -> list[Signal]:
    """Every synchronous text layer over `text`; a failing layer is logged, never fatal."""
    signals: list[Signal] = []
    if not (text or "").strip():
        return signals
    for detector in text_detectors(version):
        try:
            signals.extend(detector.detect(text, language=language, region=region))
        except Exception:  # noqa: BLE001 - one broken layer must not block posting
            log.exception("moderation layer %s failed", type(detector).__name__)
    return signals


_image_bank: dict = {"version": None, "bank": None}


def image_bank(version=None) -> HashBank:
    """The image hash list (PDQ and MD5 entries), built once per lists version."""
    if version is None:
        version = lists_version()
    with _lock:
        if _image_bank["version"] != version or _image_bank["bank"] is None:
            _image_bank["bank"] = hash_bank(("pdq", "md5"))
            _image_bank["version"] = version
        return _image_bank["bank"]


def run_images(images, *, version=None) -> list[Signal]:
    """PDQ matches of processed images against the image hash list (built once per version)."""
    bank = image_bank(version)
    if not len(bank):
        return []
    signals = []
    for image in images:
        if image.pdq:
            signals.extend(bank.match_image(pdq_hex=image.pdq, quality=image.pdq_quality))
    return signals


# A few words per language, enough to load every layer's models (never stored).
WARM_TEXTS = (
    ("你好，今天的火锅很好吃，周末一起去吧", "zh"),
    ("Hello, my cat sleeps all day on the sofa", "en"),
)


def warm() -> float:
    """Build the layers and run each once, so that no post waits for a model or a list to load
    (the first note of a process waited 2–7 s: sklearn's import, jieba's dictionary, the
    sentence encoder, alt-profanity-check; inside the note's transaction, so every other
    writer waited too). Returns the seconds it took. A server process calls it in the
    background at start (crossnote.moderation.apps); nothing is written."""
    started = time.perf_counter()
    version = lists_version()
    for text, language in WARM_TEXTS:
        run_text(text, language=language, version=version)
    image_bank(version)
    return time.perf_counter() - started


_warm_lock = threading.Lock()
_warm_thread: threading.Thread | None = None


# How long the warm-up waits for the app registry (every app's ready()) before giving up.
READY_WAIT = 120.0
SERVING_WAIT = 30.0  # then for the process's URLconf (crossnote.core.startup)


def _warm_in_background() -> None:
    from django.db import connections

    # Started from an app's ready(): the registry is not ready until every app's ready() has
    # run, and a query before then made Django warn "Accessing the database during app
    # initialization" in every worker's log at start.
    if not apps.ready_event.wait(READY_WAIT):
        log.warning("moderation warm-up skipped: the app registry never became ready")
        return
    startup.wait_until_serving(SERVING_WAIT)  # the first requests first (crossnote.core.startup)
    try:
        log.info("moderation layers warmed in %.1f s", warm())
    except Exception:  # noqa: BLE001 - best effort (no tables yet): the first post loads them
        log.exception("moderation warm-up failed")
    finally:
        connections.close_all()  # this thread's own connection


def warm_in_background() -> threading.Thread:
    """warm() in a daemon thread, once per process; returns the thread."""
    global _warm_thread
    with _warm_lock:
        if _warm_thread is None:
            _warm_thread = threading.Thread(
                target=_warm_in_background, name="moderation-warm-up", daemon=True
            )
            _warm_thread.start()
        return _warm_thread
