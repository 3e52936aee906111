"""Language detection for notes, comments and bios (lingua, restricted to enabled languages).

Returns an ISO 639-1 code, `mixed` for text that mixes Chinese with Latin script ("I love 火锅"),
or `und` (undetermined) where the text is too short or the detector unsure: emoji-only posts,
"ok", "yyds". Detection never raises on odd input.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

UNDETERMINED = "und"
MIXED = "mixed"
MIN_CONFIDENCE = 0.5
MIN_LATIN_LETTERS = 3
# A Han character carries about as much as a short word: weigh it like three Latin letters
# when deciding what share of a text each script holds.
HAN_WEIGHT = 3
# Mixed when neither script holds more than 70% ("I love 火锅"); "lol 好可爱" is Chinese.
MIXED_MAX_SHARE = 0.7

_NOISE_RE = re.compile(r"https?://\S+|@[A-Za-z0-9_]{3,30}|[#＃]")


@dataclass(frozen=True)
class Detection:
    code: str
    confidence: float
    parts: list[dict] = field(default_factory=list)  # mixed text: [{"lang": "en", "share": .6}]


ENABLED_CACHE_KEY = "language:enabled"


def enabled_languages() -> tuple[str, ...]:
    """The instance's languages: the database setting when present, else CROSSNOTE_LANGUAGES.
    Cached for a minute (and dropped when an operator saves the setting)."""
    from django.core.cache import cache

    from crossnote.language.models import LanguageSettings

    codes = cache.get(ENABLED_CACHE_KEY)
    if codes is None:
        codes = tuple(LanguageSettings.current().enabled_languages)
        cache.set(ENABLED_CACHE_KEY, codes, 60)
    return codes


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]):
    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except AttributeError:
            continue
    if len(languages) < 2:
        languages.append(
            Language.ENGLISH if Language.ENGLISH not in languages else Language.CHINESE
        )
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _script_counts(text: str) -> dict[str, int]:
    counts = {"han": 0, "kana": 0, "hangul": 0, "latin": 0, "other": 0}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("CJK UNIFIED") or name.startswith("CJK COMPATIBILITY IDEOGRAPH"):
            counts["han"] += 1
        elif name.startswith(("HIRAGANA", "KATAKANA")):
            counts["kana"] += 1
        elif name.startswith("HANGUL"):
            counts["hangul"] += 1
        elif "LATIN" in name:
            counts["latin"] += 1
        else:
            counts["other"] += 1
    return counts


def _lingua(text: str, codes: tuple[str, ...]) -> tuple[str, float]:
    values = _detector(codes).compute_language_confidence_values(text)
    if not values:
        return UNDETERMINED, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)


def latin_runs(text: str) -> str:
    """Only the Latin-script words of a text, for detecting the language of that part."""
    return " ".join(re.findall(r"[A-Za-zÀ-ÖØ-öø-ɏ'’]+", text))


def detect_language(text: str, codes: tuple[str, ...] | None = None) -> Detection:
    """Detect the language of `text` among the enabled languages (see module docstring)."""
    codes = codes or enabled_languages()
    clean = _NOISE_RE.sub(" ", text or "")
    counts = _script_counts(clean)
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    if counts["latin"] + cjk + counts["other"] == 0:
        return Detection(UNDETERMINED, 0.0)
    if counts["kana"] and "ja" in codes:
        return Detection("ja", 1.0)
    if counts["hangul"] and "ko" in codes:
        return Detection("ko", 1.0)
    han_weight = counts["han"] * HAN_WEIGHT
    latin_code, latin_conf = UNDETERMINED, 0.0
    if counts["latin"] >= MIN_LATIN_LETTERS:
        latin_code, latin_conf = _lingua(latin_runs(clean), codes)
        if latin_conf < MIN_CONFIDENCE:
            latin_code = UNDETERMINED
    total = han_weight + counts["latin"]
    if counts["han"] and counts["latin"] >= MIN_LATIN_LETTERS and "zh" in codes:
        han_share = han_weight / total
        if 1 - MIXED_MAX_SHARE <= han_share <= MIXED_MAX_SHARE:
            parts = [
                {"lang": "zh", "share": round(han_share, 2)},
                {"lang": latin_code, "share": round(1 - han_share, 2)},
            ]
            parts.sort(key=lambda part: -part["share"])
            return Detection(MIXED, round(max(han_share, 1 - han_share), 2), parts)
    if counts["han"] and han_weight >= counts["latin"]:
        return Detection("zh", 1.0) if "zh" in codes else Detection(UNDETERMINED, 0.0)
    if latin_code == UNDETERMINED:
        return Detection(UNDETERMINED, round(latin_conf, 2))
    return Detection(latin_code, round(latin_conf, 2))


def detection_fields(text: str) -> dict:
    """Model field values for the detected language of `text` (language, confidence, parts)."""
    if not (text or "").strip():
        return {"language": "", "language_confidence": 0.0, "language_parts": []}
    result = detect_language(text)
    return {
        "language": result.code,
        "language_confidence": result.confidence,
        "language_parts": result.parts,
    }


def warm_up() -> None:
    """Load the language models now rather than on the first post (used by benchmarks)."""
    detect_language("warm up the detector", codes=tuple(settings.CROSSNOTE_LANGUAGES))
