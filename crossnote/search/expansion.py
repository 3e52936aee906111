"""Cross-language query expansion through CC-CEDICT: "hotpot" also asks for 火锅, 猫 for "cat".

The dictionary and its English glosses come from the language bridge's offline engine
(crossnote.language.backends.dictionary). The translation gloss there keeps one Chinese word per
English word; search wants the few commonest ones ("travel" → 旅行, 旅游), and proper nouns whose
CC-CEDICT entry reads "Shanghai municipality, …", so the reverse index below keeps up to three
headwords per English word, ranked by jieba's word frequency.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from crossnote.language.backends import dictionary
from crossnote.search.text import EN_STOP_WORDS, is_chinese, query_token, query_words

MAX_ALTERNATIVES = 3
_lock = threading.Lock()
# A place-like proper noun: "Shanghai municipality, …", "London, capital of …" (not a person's
# two-part name such as "Lin Biao").
_PROPER_RE = re.compile(r"([A-Z][a-z]{2,})(?=,|$|\s[a-z(])")
_WORD_RE = re.compile(r"[a-z]+")


@dataclass
class Term:
    """One query word: the token it must match, and its translations (each a list of tokens
    that must all match). `readings` are the same translations as words a reader knows (one per
    alternative): the tokens are stemmed ("cheese" → "chees") and only for matching."""

    word: str
    token: str
    alternatives: list[list[str]] = field(default_factory=list)
    readings: list[str] = field(default_factory=list)

    @property
    def translations(self) -> list[str]:
        """The translations as the page and the API show them."""
        return self.readings or [" ".join(alt) for alt in self.alternatives]


@dataclass
class Query:
    """A parsed query: its terms, with cross-language alternatives."""

    text: str
    terms: list[Term]

    @property
    def tokens(self) -> set[str]:
        return {t.token for t in self.terms}

    @property
    def all_tokens(self) -> set[str]:
        return self.tokens | {tok for t in self.terms for alt in t.alternatives for tok in alt}

    @property
    def expanded(self) -> bool:
        return any(t.alternatives for t in self.terms)

    @property
    def translations(self) -> list[str]:
        return [tr for t in self.terms for tr in t.translations]


def _english_keys(definition: str) -> list[tuple[str, int]]:
    """English words a definition stands for, with a penalty: a one-word definition (0), or the
    capitalised proper noun it starts with ("Shanghai municipality, …" → shanghai, 1)."""
    cleaned = dictionary._clean_definition(definition)
    if cleaned.startswith("to "):
        cleaned = cleaned[3:]
    if _WORD_RE.fullmatch(cleaned.lower()) and not cleaned.isupper():
        return [(cleaned.lower(), 0)]
    proper = _PROPER_RE.match(definition.strip())
    return [(proper.group(1).lower(), 1)] if proper else []


@lru_cache(maxsize=1)
def english_to_chinese_index() -> dict[str, tuple[str, ...]]:
    """English word → up to three common simplified headwords."""
    with _lock:
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        frequency = jieba.dt.FREQ
        scored: dict[str, dict[str, float]] = {}
        for entry in dictionary._cedict().get_entries():
            simplified = entry["simplified"]
            if not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", simplified):
                continue
            # Words jieba has never seen still count a little; one character rarely means one
            # English word on its own (行 "travel"), so it ranks behind a two-character word.
            common = max(frequency.get(simplified, 0), 0.5) / (10 if len(simplified) == 1 else 1)
            for rank, definition in enumerate(entry["definitions"][:3]):
                for word, penalty in _english_keys(definition):
                    score = common / (rank + 1 + 2 * penalty)
                    words = scored.setdefault(word, {})
                    words[simplified] = max(words.get(simplified, 0), score)
        index = {}
        for word, candidates in scored.items():
            ranked = sorted(candidates.items(), key=lambda kv: -kv[1])
            best = ranked[0][1]
            index[word] = tuple(w for w, s in ranked[:MAX_ALTERNATIVES] if s >= best / 8)
        return index


def chinese_for(word: str) -> list[str]:
    """Chinese words for an English query word (the curated gloss first)."""
    found: list[str] = []
    curated = dictionary.EN_COMMON.get(word)
    if curated:
        found.append(curated)
    index = english_to_chinese_index()
    for form in dictionary._lemmas(word):
        found.extend(index.get(form, ()))
    found = list(dict.fromkeys(found))
    # 睡 beside 睡觉 would count the same match twice (single characters are indexed too).
    kept = [w for w in found if len(w) > 1 or not any(w in other for other in found if other != w)]
    return kept[:MAX_ALTERNATIVES]


@lru_cache(maxsize=4096)
def english_for(word: str) -> tuple[tuple[str, ...], ...]:
    """English glosses for a Chinese query word, each as its words (one or two)."""
    glosses: list[tuple[str, ...]] = []
    curated = dictionary.ZH_COMMON.get(word)
    if curated and _WORD_RE.fullmatch(curated.lower()):
        glosses.append((curated.lower(),))
    definitions = dictionary._cedict().get_definitions(word) or []
    for definition in definitions[:3]:
        if dictionary._SKIP_DEFINITION_RE.search(definition):
            continue
        keys = _english_keys(definition)
        if keys:
            glosses.append((keys[0][0],))
            continue
        words = [
            w
            for w in _WORD_RE.findall(dictionary._clean_definition(definition).lower())
            if w not in EN_STOP_WORDS
        ]
        if 1 < len(words) <= 2 and not glosses:
            glosses.append(tuple(words))
    return tuple(dict.fromkeys(glosses))[:MAX_ALTERNATIVES]


def _alternatives(word: str) -> list[tuple[list[str], str]]:
    """A word's translations: the tokens each must match, and the words it is shown as."""
    if is_chinese(word):
        return [([query_token(w) for w in gloss], " ".join(gloss)) for gloss in english_for(word)]
    if not word.isascii() or not word.isalpha() or len(word) < 3:
        return []
    alternatives = []
    for chinese in chinese_for(word):
        tokens = [query_token(w) for w in query_words(chinese)]
        if tokens:
            alternatives.append((tokens, chinese))
    return alternatives


def parse_query(text: str, *, expand: bool = True) -> Query:
    """Fold and segment a query; with `expand`, add each word's translations."""
    terms = []
    for word in query_words(text):
        token = query_token(word)
        found = [
            (alt, shown) for alt, shown in (_alternatives(word) if expand else []) if alt != [token]
        ]
        terms.append(
            Term(
                word=word,
                token=token,
                alternatives=[alt for alt, _ in found],
                readings=[shown for _, shown in found],
            )
        )
    return Query(text=text, terms=terms)
