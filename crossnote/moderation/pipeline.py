"""The layered pipeline: cheap synchronous detectors on every write, expensive ones after commit.

Synchronous (must not slow posting noticeably): text hash list, term lists, the n-gram
classifier, alt-profanity-check for English, PII. Asynchronous: the optional LLM guard.
"""

import logging
import threading
import uuid

from django.core.cache import cache

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


def text_detectors() -> list:
    """The synchronous text detectors, built once per process and rebuilt when lists change."""
    version = cache.get(VERSION_KEY, 0)
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


def run_text(text: str, *, language: str = "", region: str = "") -> list[Signal]:
    """Every synchronous text layer over `text`; a failing layer is logged, never fatal."""
    signals: list[Signal] = []
    if not (text or "").strip():
        return signals
    for detector in text_detectors():
        try:
            signals.extend(detector.detect(text, language=language, region=region))
        except Exception:  # noqa: BLE001 - one broken layer must not block posting
            log.exception("moderation layer %s failed", type(detector).__name__)
    return signals


_image_bank: dict = {"version": None, "bank": None}


def run_images(images) -> list[Signal]:
    """PDQ matches of processed images against the image hash list (built once per version)."""
    version = cache.get(VERSION_KEY, 0)
    with _lock:
        if _image_bank["version"] != version or _image_bank["bank"] is None:
            _image_bank["bank"] = hash_bank(("pdq", "md5"))
            _image_bank["version"] = version
        bank = _image_bank["bank"]
    if not len(bank):
        return []
    signals = []
    for image in images:
        if image.pdq:
            signals.extend(bank.match_image(pdq_hex=image.pdq, quality=image.pdq_quality))
    return signals
