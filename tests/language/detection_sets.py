"""The short-sentence sets detection is measured on (tests/language/data, written for Crossnote).

Each set is split in two by a hash of the sentence: the tuning half (what the detector was tuned
while looking at) and the held-out half (only ever scored). short_other.txt holds
"<code>\\t<sentence>" lines for the other enabled languages, short_mixed.txt (same format) posts
that mix Chinese with English.

Two more sets are only scored: hard_en.txt, English posts full of foreign dish and place names
("Crème brûlée is my weakness"), and fresh_en.txt / fresh_zh.txt, written after the last change
to the detector as a second held-out set.
"""

import hashlib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _held_out(sentence: str) -> bool:
    return hashlib.sha1(sentence.encode(), usedforsecurity=False).digest()[0] % 2 == 1


def labelled() -> list[tuple[str, str]]:
    """Every (expected code, sentence) pair of the English, Chinese and other-language sets."""
    pairs = []
    for code in ("en", "zh"):
        pairs += [(code, text) for text in _lines(f"short_{code}.txt")]
    return pairs + _pairs("short_other.txt")


def _lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def hard() -> list[tuple[str, str]]:
    """English posts that name foreign dishes and places (loanwords with their accents)."""
    return [("en", text) for text in _lines("hard_en.txt")]


def fresh() -> list[tuple[str, str]]:
    """The second held-out set: English and Chinese posts never looked at while tuning."""
    return [(code, text) for code in ("en", "zh") for text in _lines(f"fresh_{code}.txt")]


def _pairs(name: str) -> list[tuple[str, str]]:
    pairs = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            code, sentence = line.split("\t", 1)
            pairs.append((code, sentence.strip()))
    return pairs


def mixed() -> list[tuple[str, str]]:
    """Posts that mix Chinese and English, labelled `mixed` where neither script holds more
    than 70% of the text (Han characters weigh three letters), else the language that does."""
    return _pairs("short_mixed.txt")


def half(pairs: list[tuple[str, str]], *, held_out: bool) -> list[tuple[str, str]]:
    """The tuning half (held_out=False) or the held-out half of `pairs`."""
    return [(code, text) for code, text in pairs if _held_out(text) is held_out]


def accuracy(pairs, detect) -> dict[str, tuple[int, int, list[tuple[str, str]]]]:
    """Per expected code: (right, total, [(sentence, what came back) for each miss])."""
    scores: dict[str, tuple[int, int, list]] = {}
    for code, text in pairs:
        right, total, misses = scores.get(code, (0, 0, []))
        got = detect(text)
        if got == code:
            right += 1
        else:
            misses.append((text, got))
        scores[code] = (right, total + 1, misses)
    return scores
