"""Language detection for notes, comments and bios (lingua, restricted to enabled languages).

A capability below every app that stores text (accounts, notes, messaging...), so it lives in
core. Which languages are enabled is the language app's setting (`LanguageSettings`, above
notes): the language app hands this module its source once, at start-up
(`use_enabled_languages`, called in LanguageConfig.ready); with none, CROSSNOTE_LANGUAGES.
`crossnote.language.detection` re-exports this module for the apps above language.

Returns an ISO 639-1 code, `mixed` for text that mixes Chinese with Latin script ("I love 火锅"),
or `und` (undetermined) where there is nothing to go on: emoji-only posts, "ok", "yyds", "lol".
Detection never raises on odd input.

How a short post is decided (measured on tests/language/data, bench/language_detection.py):
- Han script is Chinese unless kana or hangul make it Japanese or Korean; no model is asked.
  Latin words standing alone between Chinese ones are names ("刚买了AirPods"); text is `mixed`
  when a Latin phrase and the Chinese each hold 30–70% of it.
- Latin script goes to lingua, restricted to the enabled languages. Its confidences are
  weighed by a prior: the instance's home languages (the interface languages, English and
  Chinese) are HOME_PRIOR times likelier than the others, which is what a bilingual
  community's posts are. "stupid bastard" or "It's a surprise." look a bit Spanish or French
  to a character model; here they are English. Function words of English, French, German and
  Spanish raise their language's odds too (FUNCTION_WORDS).
- With a handful of languages enabled, seven confidences summing to one rarely leave the top
  guess above one half on a four-word post, yet the top guess is right: it is taken whenever
  the text is long enough (two words, or one word of eight letters). With more languages
  enabled the guess needs MIN_CONFIDENCE; a lone shorter word always needs
  SHORT_WORD_MIN_CONFIDENCE ("Recipes" is English, "yyds" and "hahaha" stay `und`).
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
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
# Bayes prior of a home (interface) language against any other enabled language.
HOME_PRIOR = 3.0
# The top guess stands without MIN_CONFIDENCE when at most this many languages are enabled
# and the text has TOP_GUESS_MIN_WORDS words or one word of TOP_GUESS_MIN_LETTERS letters.
TOP_GUESS_MAX_LANGUAGES = 10
TOP_GUESS_MIN_WORDS = 2
TOP_GUESS_MIN_LETTERS = 8
# A lone shorter word ("Recipes", "Reisen") needs a confident guess: slang and laughter
# ("yyds", "hahaha", "lol") score 0.45–0.65 for some language.
SHORT_WORD_MIN_CONFIDENCE = 0.75
# Function words are the surest sign of a language in a short post, and a character model weighs
# them no more than a loanword: each one below (chosen to be no word of the other languages listed)
# multiplies its language's odds by FUNCTION_WORD_ODDS. "Crème brûlée is my weakness" is English,
# "C'est trop mignon" French.
FUNCTION_WORD_ODDS = 2.0
FUNCTION_WORDS = {
    "en": set(
        "the and of to is are were it it's its this that that's these those with for you you're "
        "your my i i'm i've i'll we they he's she her him his them their our at be been have "
        "what what's not don't can't didn't isn't won't but or from just how why who where when "
        "there here about very too would could should does did than then because really".split()
    ),
    "fr": set(
        "c'est j'ai je tu il elle nous vous ils elles est et pas ne une avec dans pour sur mais "
        "trop très aussi ça suis qui au aux cette mon ton ce n'est qu'il d'un bien".split()
    ),
    "de": set(
        "der das und ist nicht ich wir ihr mit für auf ein eine einen zu von im sind bin hab "
        "habe auch noch schon wie wo nach bei aus heute sehr mein meine dein kein keine oder "
        "aber euch uns".split()
    ),
    "es": set(
        "el los las y una por para con muy pero yo estoy está del al lo como qué más sí hoy "
        "también eres soy mí nos".split()
    ),
}
# Kana must be this share of the CJK characters to make Han text Japanese ("我の猫" is Chinese).
KANA_MIN_SHARE = 0.2

_CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_NOISE_RE = re.compile(r"https?://\S+|@[A-Za-z0-9_]{3,30}|[#＃]")


@dataclass(frozen=True)
class Detection:
    code: str
    confidence: float
    parts: list[dict] = field(default_factory=list)  # mixed text: [{"lang": "en", "share": .6}]


ENABLED_CACHE_KEY = "language:enabled"

# The ISO 639-1 codes the detector knows: an operator may enable only these (language admin).
DETECTABLE = frozenset(language.iso_code_639_1.name.lower() for language in Language.all())

# Where the operator's enabled languages come from (the language app sets it at start-up).
_enabled_source: Callable[[], Iterable[str]] | None = None


def use_enabled_languages(source: Callable[[], Iterable[str]] | None) -> None:
    """Read the enabled languages from `source` (the language app's setting) from now on; None:
    CROSSNOTE_LANGUAGES. (Called from AppConfig.ready: it touches neither cache nor database.)"""
    global _enabled_source
    _enabled_source = source


def enabled_languages() -> tuple[str, ...]:
    """The instance's languages: the operator's setting (use_enabled_languages) when there is
    one, else CROSSNOTE_LANGUAGES. Cached for a minute (and dropped when an operator saves the
    setting)."""
    codes = cache.get(ENABLED_CACHE_KEY)
    if codes is None:
        chosen = tuple(_enabled_source()) if _enabled_source is not None else ()
        codes = chosen or tuple(settings.CROSSNOTE_LANGUAGES)
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


@lru_cache(maxsize=1)
def home_languages() -> frozenset[str]:
    """The interface languages' base codes ("en", "zh"): the languages this instance lives in."""
    return frozenset(code.split("-")[0].lower() for code, _name in settings.LANGUAGES)


def _function_word_counts(text: str) -> dict[str, int]:
    words = text.lower().replace("’", "'").split()
    return {code: sum(word in marks for word in words) for code, marks in FUNCTION_WORDS.items()}


def _lingua(text: str, codes: tuple[str, ...]) -> tuple[str, float]:
    """lingua's best guess among `codes`, its confidence weighed by the home-language prior and
    the function words present."""
    values = _detector(codes).compute_language_confidence_values(text)
    home = home_languages()
    marks = _function_word_counts(text)
    weighed: dict[str, float] = {}
    for value in values:
        code = value.language.iso_code_639_1.name.lower()
        odds = (HOME_PRIOR if code in home else 1.0) * FUNCTION_WORD_ODDS ** marks.get(code, 0)
        weighed[code] = value.value * odds
    total = sum(weighed.values())
    if not total:
        return UNDETERMINED, 0.0
    code = max(weighed, key=lambda known: weighed[known])
    return code, weighed[code] / total


def _latin_guess(text: str, codes: tuple[str, ...]) -> tuple[str, float]:
    """The language of Latin-script `text`: the top guess when the text is long enough and few
    languages compete, else only a confident one (see module docstring)."""
    words = text.split()
    letters = sum(len(word) for word in words)
    if letters < MIN_LATIN_LETTERS:
        return UNDETERMINED, 0.0
    code, confidence = _lingua(text, codes)
    long_enough = len(words) >= TOP_GUESS_MIN_WORDS or letters >= TOP_GUESS_MIN_LETTERS
    if long_enough and len(codes) <= TOP_GUESS_MAX_LANGUAGES:
        return code, confidence
    if len(words) < TOP_GUESS_MIN_WORDS and letters < TOP_GUESS_MIN_LETTERS:
        # One short word: a board named "Recipes" is English, "yyds" or "hahaha" is nothing.
        needed = SHORT_WORD_MIN_CONFIDENCE
    else:
        needed = MIN_CONFIDENCE
    return (code if confidence >= needed else UNDETERMINED), confidence


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
    if counts["kana"] and counts["kana"] >= KANA_MIN_SHARE * cjk and "ja" in codes:
        return Detection("ja", 1.0)
    if counts["hangul"] and "ko" in codes:
        return Detection("ko", 1.0)
    han_weight = counts["han"] * HAN_WEIGHT
    latin = latin_runs(clean)
    latin_code, latin_conf = UNDETERMINED, 0.0
    if counts["latin"] >= MIN_LATIN_LETTERS:
        latin_code, latin_conf = _latin_guess(latin, codes)
    total = han_weight + counts["latin"]
    # Latin words standing alone between Chinese ones are names and loanwords ("刚买了AirPods",
    # "打开Keynote做了一晚上PPT"): text is mixed only where the Latin part makes a phrase.
    phrase = bool(counts["han"] and counts["latin"]) and any(
        len(latin_runs(part).split()) >= 2 for part in _CJK_RE.split(clean)
    )
    if counts["han"] and counts["latin"] >= MIN_LATIN_LETTERS and "zh" in codes and phrase:
        han_share = han_weight / total
        if 1 - MIXED_MAX_SHARE <= han_share <= MIXED_MAX_SHARE:
            shares = sorted(
                (("zh", round(han_share, 2)), (latin_code, round(1 - han_share, 2))),
                key=lambda part: -part[1],
            )
            parts = [{"lang": lang, "share": share} for lang, share in shares]
            return Detection(MIXED, round(max(han_share, 1 - han_share), 2), parts)
    if counts["han"] and (han_weight >= counts["latin"] or not phrase):
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


def language_of(text: str) -> tuple[str, float]:
    """(code, confidence) of a short field: a bio, a display name, a board name ("" when blank)."""
    if not (text or "").strip():
        return "", 0.0
    result = detect_language(text)
    return result.code, result.confidence


def profile_language_fields(user) -> dict:
    """The detected-language fields of a person's bio and display name, from what they hold."""
    bio, bio_confidence = language_of(user.bio)
    name, name_confidence = language_of(user.display_name)
    return {
        "bio_language": bio,
        "bio_language_confidence": bio_confidence,
        "display_name_language": name,
        "display_name_language_confidence": name_confidence,
    }


def warm_up() -> None:
    """Load the language models now rather than on the first post (used by benchmarks)."""
    detect_language("warm up the detector", codes=tuple(settings.CROSSNOTE_LANGUAGES))
