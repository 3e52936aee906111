"""Language detection, as the apps above language know it: the detector lives below accounts
and notes (crossnote.core.language_detection), which write detected languages on every save;
this module re-exports it so the language bridge and the apps above it keep one import."""

from crossnote.core.language_detection import (
    ENABLED_CACHE_KEY,
    MIXED,
    UNDETERMINED,
    Detection,
    detect_language,
    detection_fields,
    enabled_languages,
    home_languages,
    language_of,
    latin_runs,
    profile_language_fields,
    warm_up,
)

__all__ = [
    "ENABLED_CACHE_KEY",
    "MIXED",
    "UNDETERMINED",
    "Detection",
    "detect_language",
    "detection_fields",
    "enabled_languages",
    "home_languages",
    "language_of",
    "latin_runs",
    "profile_language_fields",
    "warm_up",
]
