"""Fold text so evasions match the term lists, keeping a map back to the original characters.

`normalise(text)` applies, character by character and in this order: NFKC (full-width → ASCII,
ligatures, mathematical letters), homoglyph folding (Cyrillic/Greek/Armenian look-alikes → Latin),
case-folding, removal of Latin diacritics (é → e) and of invisible characters (zero-width
spaces and joiners, soft hyphens, bidi controls, variation selectors), and traditional →
simplified Chinese (OpenCC t2s). Then, over the folded text: a Chinese character written as its
two components side by side is put back together (女表 → 婊, 歹匕 → 死, 亻尔 → 你: see
SPLIT_CHARACTERS); emoji and other pictographs inside a
word are dropped (傻😂逼 → 傻逼, f🤬ck → fck is left to the masks) and a pictograph that stands for
a Chinese character beside Chinese text is read as that character (草泥🐴 → 草泥马, 🐶东西 →
狗东西), or dropped where it only repeats the sound of the character before it (你妈🐴死了 →
你妈死了); leetspeak (sh1t, a$$, b!tch, wh0re) is folded inside tokens that contain letters; and
masked letters (`*`, `#`, `_`, `.` or `|` inside a word: f**k, motherf*cker, sh.t, mo|ron) are
filled in when exactly one listed profane word fits. Each folded character remembers the position
of the original character it came from, so a match on the folded text maps back to a span of what
the author wrote.

The `squeezed` view drops spaces, punctuation and separators as well, to catch "f u c k",
"f.u.c.k" and "傻 逼"; the term matcher decides when a squeezed match counts.
"""

import json
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files

import opencc

# Look-alikes, checked before case-folding so that the capital and the small letter can map
# differently (Greek capital Η looks like H, small η like n).
HOMOGLYPHS = {
    # Cyrillic
    "А": "a", "а": "a", "В": "b", "в": "b", "Е": "e", "е": "e", "Ё": "e", "ё": "e",
    "К": "k", "к": "k", "М": "m", "м": "m", "Н": "h", "н": "h", "О": "o", "о": "o",
    "Р": "p", "р": "p", "С": "c", "с": "c", "Т": "t", "т": "t", "У": "y", "у": "y",
    "Х": "x", "х": "x", "Ѕ": "s", "ѕ": "s", "І": "i", "і": "i", "Ї": "i", "ї": "i",
    "Ј": "j", "ј": "j", "Ь": "b", "ь": "b", "Ԁ": "d", "ԁ": "d", "Ԛ": "q", "ԛ": "q",
    "Ԝ": "w", "ԝ": "w", "Ӏ": "l", "ӏ": "l", "Һ": "h", "һ": "h", "Ү": "y", "ү": "y",
    # Greek
    "Α": "a", "α": "a", "Β": "b", "β": "b", "Ε": "e", "ε": "e", "Ζ": "z", "Η": "h",
    "η": "n", "Ι": "i", "ι": "i", "Κ": "k", "κ": "k", "Μ": "m", "Ν": "n", "ν": "v",
    "Ο": "o", "ο": "o", "Ρ": "p", "ρ": "p", "Τ": "t", "τ": "t", "Υ": "y", "υ": "u",
    "Χ": "x", "χ": "x", "ς": "s", "Ϲ": "c", "ϲ": "c",
    # Armenian
    "ս": "u", "օ": "o", "ո": "n", "հ": "h", "ց": "g", "Տ": "s",
    # Latin look-alikes that NFKC leaves alone
    "ı": "i", "ɑ": "a", "ɡ": "g", "ʟ": "l", "ɪ": "i", "ᴏ": "o", "ᴜ": "u", "ʀ": "r",
    # Small capitals (ꜰᴜᴄᴋ ʏᴏᴜ)
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ᴊ": "j",
    "ᴋ": "k", "ᴍ": "m", "ɴ": "n", "ᴘ": "p", "ꞯ": "q", "ꜱ": "s", "ᴛ": "t", "ᴠ": "v", "ᴡ": "w",
    "ʏ": "y", "ᴢ": "z",
    # A variant form of 你 that OpenCC's t2s keeps
    "妳": "你",
    # Radicals from the CJK Radicals Supplement block (symbols, which NFKC keeps) written for
    # the component forms of split characters (⺅尔 for 你): folded onto the ideograph forms.
    "⺅": "亻", "⺘": "扌", "⺡": "氵", "⺨": "犭", "⻌": "辶", "⻍": "辶", "⻏": "阝", "⻖": "阝",
}  # fmt: skip
# Letters in circles and squares that NFKC leaves alone (🅢🅑, 🅵🆄🅲🅺): negative circled,
# squared and negative squared capitals.
for _block in (0x1F130, 0x1F150, 0x1F170):
    for _offset in range(26):
        HOMOGLYPHS[chr(_block + _offset)] = chr(ord("a") + _offset)

# Leetspeak, folded only inside tokens that contain letters (see _fold_leet).
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_SYMBOLS_ONLY = str.maketrans({"@": "a", "$": "s"})  # for tokens that are mostly digits
LEET_TOKEN = re.compile(r"[a-z0-9@$!]+")
# "10am", "4th", "5g", "100kg": a number with its unit is not leetspeak.
NUMBER_WITH_UNIT = re.compile(
    r"\d+(?:st|nd|rd|th|am|pm|k|kg|g|mg|cm|mm|m|km|ml|l|s|h|d|x|p|gb|mb|tb|hz|w|v|mah|fps|px)"
)
# Pictographs written for the Chinese character they name (草泥🐴, 🐶东西, 去💀); read as that
# character only beside Chinese text ("my 🐶" stays a dog emoji).
EMOJI_CHARACTERS = {
    "🐴": "马", "🐎": "马", "🐶": "狗", "🐕": "狗", "🐩": "狗", "🐷": "猪", "🐖": "猪", "🐽": "猪",
    "🌿": "草", "🌱": "草", "🐔": "鸡", "🐓": "鸡", "🐢": "龟", "🐍": "蛇", "💩": "屎", "🐮": "牛",
    "🐂": "牛", "🐄": "牛", "🐭": "鼠", "🐀": "鼠", "🐵": "猴", "🐒": "猴", "🦆": "鸭", "🐑": "羊",
    "💀": "死", "☠": "死", "🪦": "死", "⚰": "死", "🐸": "蛙", "🐱": "猫", "🐈": "猫", "🐟": "鱼", "🐰": "兔", "🐇": "兔",
    "🔪": "刀",  # 我🔪了你: 刀 as the verb (to knife)
}  # fmt: skip
# Inside a Chinese word only these read as a character (你🐎没了, 你个🐢儿子 for 龟儿子); others
# are dropped (智💩障).
CHARACTER_EMOJI = frozenset("🐴🐎🐶🐕🐷🐖🌿💀🪦⚰🐢🔪")
# ... and of those, a verb reads as one only before its object or 了 (我🔪你, 🔪了他 for 刀); before
# anything else it is dropped like any pictograph inside a word (你去🔪死吧 → 你去死吧).
VERB_EMOJI_BEFORE = {"🔪": "你他她了"}
# Split characters: a character of a listed term written as its two components, left and right
# (女表 for 婊) or around (辶畐 for 逼), to get past a list. Written by hand from the characters'
# shapes (no decomposition database is copied); only characters that occur in the shipped term
# lists are here (tests/moderation/test_mod_slang_split.py checks that), since a recombined
# character matters only where a listed term can match it. Left out: pairs that running text
# writes side by side too often (女也 in 腐女也不少 for 她, 入肉 in 一刀入肉三分 for 肏).
SPLIT_CHARACTERS = {
    "女表": "婊", "歹匕": "死", "亻尔": "你", "女马": "妈", "口巴": "吧", "弓虽": "强",
    "扌喿": "操", "犭句": "狗", "贝戋": "贱", "氵衮": "滚", "女干": "奸", "女良": "娘",
    "又鸟": "鸡", "尸吊": "屌", "尸米": "屎", "马蚤": "骚", "禾中": "种", "九木": "杂",
    "玄田": "畜", "知日": "智", "阝章": "障", "歹戋": "残", "氵查": "渣", "犭者": "猪",
    "亻也": "他", "辶畐": "逼", "火乍": "炸", "白勺": "的",
    "氵尼": "泥", "木几": "机",
}  # fmt: skip
# Components that are never characters of their own in running text: a pair starting with one
# is always a split character. Pairs of two ordinary characters (女表, 白勺) are put together
# only where neither half belongs to a word with its other neighbour (妇女|表示, 白|勺子).
SPLIT_RADICALS = frozenset("亻扌犭氵辶阝")
_SPLIT_CANDIDATE = re.compile(
    "[" + "".join(sorted({pair[0] for pair in SPLIT_CHARACTERS})) + "]"
    "[" + "".join(sorted({pair[1] for pair in SPLIT_CHARACTERS})) + "]"
)
# A pair of ordinary characters that is itself a word this common (jieba's dictionary) is left
# alone.
SPLIT_WORD_FREQUENCY = 20
# Masks: a `*`, `#`, `_` or `.` between letters stands for a hidden letter (f**k, sh.t).
# (From the start of a word, without backtracking: a long word is scanned once.)
# modtune17: a bar between letters masks too (mo|ron), filled in only where a profane word fits
MASKED_TOKEN = re.compile(
    r"(?<![a-z])(?:[a-z]++(?:[*#_.|]++[a-z]++)+|[a-z]++[*#_]++(?![a-z*#_.|]))"
)
MASK_CHARS = frozenset("*#_.|")
# A letter or Chinese character three times or more in a row (not digits: 2000, 666; not w or
# x: www, xxx).
REPEATED = re.compile(r"([a-vyz\u4e00-\u9fff])\1{2,}")
# Marks from the Combining Diacritical Marks block are stripped (é → e, Zalgo text); marks of
# other scripts (Japanese dakuten, Devanagari vowel signs) carry meaning and are kept.
LATIN_MARKS = range(0x0300, 0x0370)
# Removed from the squeezed view: separators, punctuation, controls and math/currency/modifier
# symbols. Other symbols (emoji) stay: a term may be one.
SQUEEZE_CATEGORIES = {
    "Zs", "Zl", "Zp", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Cc", "Sm", "Sc", "Sk",
}  # fmt: skip

# Worked out once for the Basic Multilingual Plane (rare punctuation beyond it stays in).
_SQUEEZED_OUT = frozenset(
    chr(code) for code in range(0x10000) if unicodedata.category(chr(code)) in SQUEEZE_CATEGORIES
)
_SQUEEZE_TABLE = dict.fromkeys(map(ord, _SQUEEZED_OUT))
_t2s = opencc.OpenCC("t2s")
_folded_chars: dict[str, str] = {}


class Squeezed:
    """The folded text without separators. `index` maps each character to the original text,
    `folded` to its position in the folded text; both are worked out only when asked for (most
    texts match nothing and never need them)."""

    def __init__(self, normalised: "Normalised"):
        self._normalised = normalised
        self.text = normalised.text.translate(_SQUEEZE_TABLE)

    @cached_property
    def folded(self) -> list[int]:
        return [i for i, char in enumerate(self._normalised.text) if char not in _SQUEEZED_OUT]

    @cached_property
    def index(self) -> list[int]:
        index = self._normalised.index
        return [index[i] for i in self.folded]


@dataclass(frozen=True)
class Normalised:
    """Folded text; `index[i]` is the position in the original text of folded character i."""

    original: str
    text: str
    index: list[int] = field(repr=False)

    @cached_property
    def squeezed(self) -> Squeezed:
        """The same folded text with spaces, punctuation and separators removed."""
        return Squeezed(self)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the folded range [start, end) to a range of the original text.

        The end grows over dropped combining marks and invisible characters that follow the
        last matched character, and over the second half of a split character (女表 for 婊),
        so the span shows the whole of what the author wrote."""
        first = self.index[start]
        last = self.index[end - 1] + 1
        original = self.original
        if SPLIT_CHARACTERS.get(original[last - 1 : last + 1]) == self.text[end - 1]:
            last += 1
        while last < len(original) and _fold_char(original[last]) == "":
            last += 1
        return first, last


def normalise(text: str) -> Normalised:
    """Fold `text` for matching (see the module docstring), keeping the map to the original."""
    if text.isascii():
        # The common case: only case and leetspeak to fold, one character for one.
        folded = text.lower()
        index = list(range(len(text)))
    else:
        # One pass in C; a character that folds to none or to several (ß, invisible marks)
        # needs the slow pass below, which keeps the map to the original.
        folded = text.translate(_FOLD_TABLE)
        if _UNEVEN.isdisjoint(text):
            index = list(range(len(text)))
        else:
            folded, index = _fold_uneven(text)
        if not folded.isascii():
            folded, index = _fold_pictographs(folded, index)
            if _SPLIT_CANDIDATE.search(folded):
                folded, index = _fold_splits(folded, index)
    folded = _fold_leet(folded)
    if "x" in folded:
        folded = _fold_x_masks(folded)
    if not MASK_CHARS.isdisjoint(folded):
        folded, index = _fold_masks(folded, index)
    if REPEATED.search(folded):
        folded, index = _fold_repeats(folded, index)
    return Normalised(original=text, text=folded, index=index)


class _FoldTable(dict):
    """str.translate table for _fold_char, filled in as characters are first seen; those that
    fold to none or to several characters are noted in _UNEVEN."""

    def __missing__(self, code: int) -> str:
        out = _fold_char(chr(code))
        if len(out) != 1:
            _UNEVEN.add(chr(code))
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()
_UNEVEN: set[str] = set()


def _fold_uneven(text: str) -> tuple[str, list[int]]:
    """_fold_char character by character, for a text where some fold to none or several."""
    chars: list[str] = []
    index = []
    cache = _folded_chars
    for position, char in enumerate(text):
        out = cache.get(char)
        if out is None:
            out = _fold_char(char)
        if out == char or len(out) == 1:
            chars.append(out)
            index.append(position)
        elif out:
            chars.append(out)
            index.extend([position] * len(out))
    return "".join(chars), index


def _fold_repeats(text: str, index: list[int]) -> tuple[str, list[int]]:
    """A letter or Chinese character written three times or more in a row counts once
    (fuuuuck, whoooore, 去死死死吧): no English word has a letter three times running."""
    chars: list[str] = []
    kept: list[int] = []
    previous = 0
    for match in REPEATED.finditer(text):
        start = match.start()
        chars.append(text[previous : start + 1])
        kept.extend(index[previous : start + 1])
        previous = match.end()
    chars.append(text[previous:])
    kept.extend(index[previous:])
    return "".join(chars), kept


def _fold_splits(text: str, index: list[int]) -> tuple[str, list[int]]:
    """Put split characters back together (女表 → 婊, 歹匕 → 死, 亻尔 → 你); the character keeps
    the position of its first half."""
    chars: list[str] = []
    kept: list[int] = []
    previous = 0
    for match in _SPLIT_CANDIDATE.finditer(text):
        start = match.start()
        character = SPLIT_CHARACTERS.get(match.group())
        if character is None or not _written_apart(text, start):
            continue
        chars.append(text[previous:start])
        kept.extend(index[previous:start])
        chars.append(character)
        kept.append(index[start])
        previous = start + 2
    if not previous:
        return text, index
    chars.append(text[previous:])
    kept.extend(index[previous:])
    return "".join(chars), kept


def _written_apart(text: str, start: int) -> bool:
    """Whether the pair at `start` is a character written in two halves, not two characters
    that belong to words of their own: 妇女|表示, 男女|干活, 白|勺子 and 弓|虽然 are left alone."""
    if text[start] in SPLIT_RADICALS:
        return True
    import jieba  # loaded already wherever the term layer runs

    jieba.dt.check_initialized()
    words = jieba.dt.FREQ  # dictionary words, and every prefix of one (frequency 0)
    if words.get(text[start : start + 2], 0) >= SPLIT_WORD_FREQUENCY:
        return False
    before = text[start - 1 : start + 1] if start and _is_han(text[start - 1]) else ""
    after = text[start + 1 : start + 3] if start + 2 < len(text) else ""
    return not (
        (before and words.get(before, 0) > 0)
        # a word, not only the start of one: 白|勺子, but 女马|的 (马的 begins no word of its own
        # that the pair would break: 你女马的眼瞎吗 is 你妈的)
        or (len(after) == 2 and _is_han(after[1]) and words.get(after, 0) > 0)
    )


def _fold_char(char: str) -> str:
    """Everything but leetspeak, for one character; cached since texts reuse few characters."""
    cached = _folded_chars.get(char)
    if cached is not None:
        return cached
    # A look-alike is checked before NFKC too: NFKC turns the lunate sigma Ϲ into Σ.
    pieces = [
        HOMOGLYPHS.get(piece, piece).casefold()
        for piece in HOMOGLYPHS.get(char) or unicodedata.normalize("NFKC", char)
    ]
    decomposed = unicodedata.normalize("NFKD", "".join(pieces))
    kept = "".join(c for c in decomposed if not _invisible(c))
    out = unicodedata.normalize("NFC", kept)
    if out and any("\u3400" <= c for c in out):
        out = _t2s.convert(out)
    _folded_chars[char] = out
    return out


def _invisible(char: str) -> bool:
    """Characters an evader slips between letters: they are removed before matching."""
    code = ord(char)
    return (
        code in LATIN_MARKS
        or unicodedata.category(char) == "Cf"  # zero-width, soft hyphen, BOM, bidi, tags
        or code == 0x034F  # combining grapheme joiner
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
    )


def _fold_leet(text: str) -> str:
    """0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s, and ! between letters → i, inside tokens.

    Tokens without letters ("2024", "$100") and numbers with units ("10am", "5g") are left
    alone; so are tokens with more digits than letters (a "Galaxy A55" is not an "ass")."""
    if _LEET_CHARS.isdisjoint(text):
        return text
    chars = None
    leet_chars = _LEET_CHARS
    for match in LEET_TOKEN.finditer(text):
        token = match.group()
        if leet_chars.isdisjoint(token) or token.isalpha():
            continue  # nothing to fold (most words)
        letters = sum(c.isalpha() for c in token)
        if not letters or letters == len(token) or NUMBER_WITH_UNIT.fullmatch(token):
            continue
        digits = sum(c.isdigit() for c in token)
        folded = token.translate(LEET) if letters >= digits else token.translate(_SYMBOLS_ONLY)
        if letters < digits and len(token) >= 5:
            spelled = token.translate(LEET)  # 1d10t: a profane word of five letters or more
            if spelled.isalpha() and spelled in _mask_vocabulary().get(len(spelled), ()):
                folded = spelled
        if "!" in folded:
            folded = _fold_exclamations(folded)
        if folded != token:
            if chars is None:
                chars = list(text)
            chars[match.start() : match.end()] = folded
    return text if chars is None else "".join(chars)


def _fold_exclamations(token: str) -> str:
    """`b!tch` → `bitch`, but `wow!` stays: only an ! with a letter on both sides is an i."""
    chars = list(token)
    for i in range(1, len(chars) - 1):
        if chars[i] == "!" and chars[i - 1].isalpha() and chars[i + 1].isalpha():
            chars[i] = "i"
    return "".join(chars)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _is_pictograph(char: str) -> bool:
    """Emoji and other pictographic symbols (So), and emoji modifiers (non-ASCII Sk)."""
    category = unicodedata.category(char)
    return category == "So" or (category == "Sk" and not char.isascii())


# Worked out once for the planes where pictographs live (BMP and the emoji blocks).
_PICTOGRAPHS = frozenset(
    chr(code) for code in (*range(0x10000), *range(0x1F000, 0x1FB00)) if _is_pictograph(chr(code))
)
_LEET_CHARS = frozenset("013457@$!")


def _character_class(chars: frozenset[str]) -> str:
    """A regular-expression class of these characters, as ranges."""
    codes = sorted(map(ord, chars))
    ranges, first, last = [], codes[0], codes[0]
    for code in codes[1:]:
        if code != last + 1:
            ranges.append((first, last))
            first = code
        last = code
    ranges.append((first, last))
    return (
        "["
        + "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in ranges
        )
        + "]"
    )


_PICTOGRAPH_RUN = re.compile(_character_class(_PICTOGRAPHS) + "+")


def _fold_pictographs(text: str, index: list[int]) -> tuple[str, list[int]]:
    """Read 🐴 as 马 beside Chinese text; drop pictographs inside a word (傻😂逼); one between
    Latin letters is a mask (b🙃tch, f😂ck: see _fold_masks)."""
    if _PICTOGRAPHS.isdisjoint(text):
        return text, index
    chars: list[str] = []
    kept: list[int] = []
    previous = 0
    for match in _PICTOGRAPH_RUN.finditer(text):
        position, end = match.span()
        before = text[position - 1] if position else ""
        after = text[end] if end < len(text) else ""
        run = match.group()
        inside = _is_han(before) and _is_han(after)
        readable: Container[str] = CHARACTER_EMOJI if inside else EMOJI_CHARACTERS
        if inside and after not in VERB_EMOJI_BEFORE.get(run[-1], after):
            readable = frozenset()  # 去🔪死: not the verb
        if all(c in readable for c in run) and (_is_han(before) or _is_han(after)):
            replacement, positions = "".join(EMOJI_CHARACTERS[c] for c in run), index[position:end]
            if len(run) == 1 and _is_han(before) and _echoes(before, replacement):
                replacement, positions = "", []  # 你妈🐴死了: the 🐴 says 妈 again
        elif before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
            replacement, positions = "*", [index[position]]
        elif inside:
            replacement, positions = "", []
        else:
            continue  # between words, or at an edge: an emoji, not an evasion
        chars.append(text[previous:position])
        kept.extend(index[previous:position])
        chars.append(replacement)
        kept.extend(positions)
        previous = end
    if not previous:
        return text, index
    chars.append(text[previous:])
    kept.extend(index[previous:])
    return "".join(chars), kept


def _echoes(before: str, character: str) -> bool:
    """A pictograph read as `character` right after a character that sounds the same (妈🐴,
    死💀, 狗🐶) only says that syllable again: it is dropped, not read."""
    if before == character:
        return True
    from pypinyin import lazy_pinyin  # only for a pictograph beside Chinese

    first, second = lazy_pinyin(before + character)
    return first == second


@cache
def _mask_vocabulary() -> dict[int, tuple[str, ...]]:
    """Profane words (glin-profanity's English dictionary, one word each) by length: what a
    masked word may stand for."""
    path = files("glin_profanity.data") / "dictionaries" / "english.json"
    words = json.loads(path.read_text(encoding="utf-8"))["words"]
    words = {word.lower() for word in words if word.isascii() and word.isalpha()}
    words |= EXTRA_MASKED_WORDS
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        if len(word) >= 4:
            by_length.setdefault(len(word), []).append(word)
    return {length: tuple(group) for length, group in by_length.items()}


def profane_word(word: str) -> bool:
    """A folded word of four letters or more in the profane-word vocabulary masks fill in from
    (glin-profanity's English dictionary and the insults it lacks)."""
    return word in _profane_words()


@cache
def _profane_words() -> frozenset[str]:
    return frozenset(word for group in _mask_vocabulary().values() for word in group)


# Insults the glin-profanity dictionary lacks that are written masked too (wh*re, id**t).
EXTRA_MASKED_WORDS = {"whore", "idiot", "moron", "stupid", "fucking", "fucker", "bullshit", "loser"}
# When a masked word fits several (f**k: fuck, fvck), the common spelling wins.
COMMON_MASKED_WORDS = EXTRA_MASKED_WORDS | {
    "fuck", "shit", "bitch", "cunt", "dick", "cock", "slut", "twat", "asshole", "bastard",
    "pussy", "retard", "nigger", "faggot", "motherfucker",
}  # fmt: skip


# A word with an x written for a hidden letter (fxxk, fxck, bxtch): only these few forms, x being
# a letter of its own everywhere else.
X_MASKED_TOKEN = re.compile(r"(?<![a-z])[a-wyz]*x[a-z]*(?![a-z])")


def _fold_x_masks(text: str) -> str:
    """`fxxk` → `fuck`, `bxtch` → `bitch`: x as a mask, only where the word with its x's taken
    as masks fits exactly one common profane word (COMMON_MASKED_WORDS) of the same length, at
    most two x's and the first letter not one (`next`, `taxi`, `xbox` fit none). One letter
    for one, so positions stay."""
    chars = None
    for match in X_MASKED_TOKEN.finditer(text):
        token = match.group()
        if not 4 <= len(token) <= 9 or token.count("x") > 2 or token[0] == "x":
            continue
        fits = [
            word
            for word in COMMON_MASKED_WORDS
            if len(word) == len(token)
            and all(t == w or (t == "x" and w != "x") for t, w in zip(token, word, strict=True))
        ]
        if len(fits) == 1 and fits[0] != token:
            if chars is None:
                chars = list(text)
            chars[match.start() : match.end()] = fits[0]
    return text if chars is None else "".join(chars)


# "f*** off", "f*** you": one letter and its masks before these stand for a common profane word.
_ONE_LETTER_BEFORE = re.compile(r"\s+(?:off|you|u|ya|yourself|urself|ur|outta|this|that)\b")


def _fold_masks(text: str, index: list[int]) -> tuple[str, list[int]]:
    """`f**k` → `fuck`, `motherf*cker` → `motherfucker`, `sh.t` → `shit`: a token whose masks
    (`*`, `#`, `_`, `.`) fill in to exactly one profane word of the same length, keeping at
    least two letters and the first one visible; failing that, a token that is a profane word
    once its masks are taken out (`fu*ck`, an emoji put between letters). A token that fits no
    word, or several, stays as written (`node.js`, `e.g`, `snake_case`)."""
    replacements = []
    vocabulary = None
    for match in MASKED_TOKEN.finditer(text):
        token = match.group()
        letters = sum(c.isalpha() for c in token)
        one_letter = (
            letters == 1
            and token[0].isalpha()
            and _ONE_LETTER_BEFORE.match(text, match.end()) is not None
        )
        if (letters < 2 and not one_letter) or (letters * 2 < len(token) and not one_letter):
            continue
        if len(token) < 4:
            continue
        if vocabulary is None:
            vocabulary = _mask_vocabulary()
        fits = [
            word
            for word in vocabulary.get(len(token), ())
            if all(t == w or (t in MASK_CHARS) for t, w in zip(token, word, strict=True))
        ]
        if len(fits) > 1 or one_letter:
            fits = [word for word in fits if word in COMMON_MASKED_WORDS]
        if len(fits) == 1:
            replacements.append((match.start(), match.end(), fits[0], None))
            continue
        bare = "".join(c for c in token if c not in MASK_CHARS)
        if len(bare) >= 4 and bare in vocabulary.get(len(bare), ()):
            kept = [i for i, c in enumerate(token, match.start()) if c not in MASK_CHARS]
            replacements.append((match.start(), match.end(), bare, kept))
    if not replacements:
        return text, index
    chars: list[str] = []
    positions: list[int] = []
    previous = 0
    for start, end, word, kept in replacements:
        chars.append(text[previous:start])
        positions.extend(index[previous:start])
        chars.append(word)
        positions.extend(index[start:end] if kept is None else [index[i] for i in kept])
        previous = end
    chars.append(text[previous:])
    positions.extend(index[previous:])
    return "".join(chars), positions
