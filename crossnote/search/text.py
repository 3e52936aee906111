"""Search text: one normalisation for what is indexed and what is asked.

Text is folded (NFKC, traditional → simplified with OpenCC t2s, case-folded, Latin accents
dropped), Chinese runs are segmented with jieba, other words are split on non-word characters
and English words get a light suffix stemmer ("cats" → "cat", "cooking" → "cook"). The index
stores the tokens joined by spaces, so SQLite's unicode61 tokenizer and PostgreSQL's 'simple'
parser only have to split on spaces, whatever the script.

Indexing uses jieba's search mode plus single characters of longer Chinese words, so 猫 finds
猫咪; queries use jieba's precise mode, whose words are always among the indexed tokens.
"""

import re
import unicodedata
from functools import lru_cache

import opencc

# CJK unified ideographs (with extension A and the compatibility block).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_RE = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")
_CJK_RE = re.compile(rf"[{_CJK}]+")
_ASCII_WORD_RE = re.compile(r"[a-z]+")
_VOWEL_RE = re.compile(r"[aeiouy]")

MAX_QUERY_TERMS = 12

# Words that carry no meaning of their own in a query (the index keeps them).
EN_STOP_WORDS = frozenset(
    "a an the and or of to in on at for with from by is are was were be been am i me my "
    "you your it its this that these those we our they their he she his her".split()
)
ZH_STOP_WORDS = frozenset(
    "的 了 着 过 呢 吧 啊 呀 地 得 嘛 哦 吗 是 在 和 与 也 都 就 很 我 你 他 她 它 我们 这 那 个 一个 "
    "去 来 到 有 要 会 能 想 说 让 把 被 给 对 从 为 又 还 再 最 太 真".split()
)

_t2s = opencc.OpenCC("t2s")


def _jieba():
    import jieba

    jieba.setLogLevel(60)
    return jieba


def fold(text: str) -> str:
    """NFKC (full-width → ASCII), traditional → simplified, case-folded."""
    text = unicodedata.normalize("NFKC", text or "")
    return _t2s.convert(text).casefold()


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeioulsz":
        return word[:-1]
    return word


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """A light English suffix stemmer, applied alike to the index and the query: plurals,
    -ing and -ed, and a silent final e ("hike", "hikes", "hiking", "hiked" → "hik")."""
    if len(word) <= 3 or not _ASCII_WORD_RE.fullmatch(word):
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes", "zzes")) or (
        word.endswith("ses") and not word.endswith("sses")
    ):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    for suffix in ("ing", "ed"):
        stem_part = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem_part) >= 3 and _VOWEL_RE.search(stem_part):
            word = _undouble(stem_part)
            break
    if len(word) > 3 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    return word


def _word_tokens(word: str) -> list[str]:
    word = _strip_accents(word)
    return [stem(word)] if word else []


def index_tokens(text: str) -> list[str]:
    """Every token stored for `text`: jieba's search-mode words, the single characters of
    longer Chinese words, and stemmed words of other scripts."""
    jieba = _jieba()
    tokens: list[str] = []
    for cjk, word in _RUN_RE.findall(fold(text)):
        if word:
            tokens.extend(_word_tokens(word))
            continue
        words = [w for w in jieba.cut_for_search(cjk) if w.strip()]
        tokens.extend(words)
        tokens.extend(ch for w in words if len(w) > 1 for ch in w)
    return tokens


def index_text(text: str) -> str:
    """The space-joined tokens of `text`, as stored in the index."""
    return " ".join(index_tokens(text))


def query_words(text: str) -> list[str]:
    """The words of a query, folded and segmented (precise mode), before stemming; stop words
    are dropped unless nothing else is left."""
    jieba = _jieba()
    words: list[str] = []
    for cjk, word in _RUN_RE.findall(fold(text)):
        if word:
            words.append(_strip_accents(word))
        else:
            words.extend(w for w in jieba.cut(cjk) if w.strip())
    kept = [w for w in words if w not in EN_STOP_WORDS and w not in ZH_STOP_WORDS]
    unique = list(dict.fromkeys(kept or words))
    return unique[:MAX_QUERY_TERMS]


def query_token(word: str) -> str:
    """The index token a query word must match."""
    return word if is_chinese(word) else stem(word)


def is_chinese(text: str) -> bool:
    return bool(_CJK_RE.search(text or ""))


def highlight_spans(text: str, tokens: set[str]) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the words whose token is in `tokens`. Chinese is
    matched as substrings of the folded text (t2s keeps one character per character)."""
    if not text or not tokens:
        return []
    folded = fold(text)
    if len(folded) != len(text):
        folded = "".join(fold(ch)[:1] or ch for ch in text)
    spans = []
    chinese = sorted((t for t in tokens if is_chinese(t)), key=len, reverse=True)
    for token in chinese:
        for match in re.finditer(re.escape(token), folded):
            spans.append(match.span())
    for match in re.finditer(rf"[^\W_{_CJK}]+", folded):
        if stem(_strip_accents(match.group())) in tokens:
            spans.append(match.span())
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def pinyin_keys(text: str) -> tuple[str, str]:
    """Toneless pinyin and its initials for text with Chinese in it (火锅 → huoguo, hg);
    empty for text without."""
    if not is_chinese(text):
        return "", ""
    from pypinyin import lazy_pinyin

    syllables = [s for s in lazy_pinyin(fold(text)) if s.strip()]
    full = "".join(re.sub(r"[\W_]", "", s) for s in syllables)
    initials = "".join(s[0] for s in syllables if s[:1].isalnum())
    return full, initials
