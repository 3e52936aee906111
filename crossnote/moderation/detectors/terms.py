"""Term lists matched with Aho-Corasick over normalised text, without the Scunthorpe problem.

Terms are plain strings, never regular expressions: matching is one pass of an Aho-Corasick
automaton (pyahocorasick) over the folded text and one over its squeezed view, so no operator
entry can cause catastrophic backtracking, and the cost does not grow with the number of terms.

Rules that keep innocent text clean:
- A term with Latin letters or digits at an edge ("word" mode, the default for such terms) only
  matches where that edge is a word boundary in the folded text: "cunt" never hits
  "Scunthorpe", "ass" never hits "classic" or "assassin", "rapist" never hits "therapist".
- On the squeezed view (spaces and punctuation removed) a match only counts when it crossed a
  gap, the gaps hold no line or sentence break, and every Latin letter matched stood alone in
  the original ("f u c k", "f.u.c.k" count; "She's hit" is not "shit").
- Chinese terms match as substrings, minus the term's exceptions: innocent words that contain
  the term and cover the match ("乳酪" for "乳", "鸡尾酒" for "鸡", "去死皮" for "去死").

Chinese terms are matched through their toneless pinyin too (pypinyin), since evaders write
them that way:
- in Latin text, the pinyin as a whole word ("caonima", "sha bi"; two-syllable terms only when
  it is 5 letters or more: "sima" is a surname) and, for terms of four syllables or more, the
  initials ("nmsl" for 你妈死了). Shorter initials ("sb", "cnm", "tmd") collide with English
  ("CNN", "usb") and are listed by hand as terms of their own, whole words only; marked
  ambiguous, they count only in a text that has Chinese in it or written in full-width
  letters, as a Chinese input method types them (ＳＢ); "CNM" is a nurse-midwife.
- in Chinese text, homophones: a run of characters whose pinyin is the term's (煞笔 for 傻逼,
  草泥马 for 操你妈), where a single Latin letter may stand for a syllable's initial (傻B), and
  a run of Latin letters written against a character, inside one word, is read as the listed
  terms' syllables and initials (智zhang, sha逼, 你mb for 你妈逼: "mixed", labels at most).
- short initials spaced out beside Chinese ("s b") count where they stand alone ("a s b c" is
  a list).

A multi-word Latin phrase written as one run of letters, as OCR and hashtags write it
("gokillyourself"), matches when the whole run is the phrase; never inside a longer run
("upskillyourself"). Benign compounds (trained/benign_compounds.txt: 沙比利 the wood) clear a
hit they cover where they stand as words of their own (for Chinese, as jieba segments them).

Context before action. A term is `ambiguous` when it has innocent readings ("retard" the verb,
去死 in 回去死活, 智障 in 智障儿童康复中心); its hits, and every homophone, two-syllable pinyin or
short-initials hit, are marked ambiguous, and the policy engine lets a lone ambiguous hit label
at most. Ambiguous Chinese hits and all homophone hits must also agree with jieba's
segmentation: a match that a dictionary word straddles (回去|死活 across 去死, 其他|妈妈 across
他妈) is not a match, nor is a homophone that is itself a common word (纸张 for 智障), nor a
"他马的" followed by a noun (他马的尾巴: the horse's tail). Exceptions may be written with the
homophone's characters (马的尾巴 for 他妈的).
"""

import dataclasses
import itertools
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from crossnote.moderation.detectors import patterns, senses
from crossnote.moderation.detectors.base import Signal, Span, TextDetector
from crossnote.moderation.detectors.normalize import Normalised, normalise

MAX_TERM_LENGTH = 100
MODES = ("auto", "word", "substring")
# Language codes that say "we do not know", so every list applies.
UNKNOWN_LANGUAGES = {"", "mixed", "und"}
# A squeezed match may not reach across these: a new line or a sentence is a new thought.
HARD_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029,;:!?。、")
# Commercial categories: their terms are not folded through pinyin (nobody writes "shuadan" to
# dodge a filter), and offensive signals do not make a spam hit agree (see engine.py).
NO_PINYIN_CATEGORIES = frozenset({"spam", "scam"})
# Categories whose one-word terms match in the plural too (_Compiled.plural): slurs. Not
# profanity: "hoes" and "dykes" are garden tools and sea walls far more often than their singulars
# are insults written on their own.
PLURAL_CATEGORIES = frozenset({"hate"})
MIN_PLURAL_LENGTH = 4  # "spics", "pakis"; not two- or three-letter words
MIN_INITIALS_SYLLABLES = 4  # nmsl; three letters collide with English (cnn, lsh, dlp)
# A three-syllable term's initials with 的 (cnmd) count only where the text has Chinese in it.
MIN_SHORT_INITIALS_SYLLABLES = 3
MIN_TWO_SYLLABLE_PINYIN = 5  # shabi, naocan; not sima (a surname) or jiba
# An ambiguous term this short in Latin letters is Chinese initials (sb, nc, tmd): it counts
# only in a text with Chinese in it, and not as an abbreviation ("lend sb. a hand").
MAX_INITIALS = 3
MAX_VARIANT_SYLLABLES = 4  # 傻B-style initials inside Chinese text, for terms this short
# jieba part-of-speech tags of words that, standing in for a term's characters, read as
# ordinary Chinese: verbs, prepositions, conjunctions, particles, adverbs, pronouns, modal
# particles (他骂的, 妈比我高, 你吗).
FUNCTION_TAGS = frozenset("vpcudry")
# A homophone that is a common word in jieba's dictionary (纸张 for 智障) means itself.
COMMON_WORD_FREQUENCY = 20
# Written for a hidden Chinese character beside Chinese text (傻*, 操你*, 傻×楼主).
CHINESE_MASKS = frozenset("*×xX")
# Runs read aloud for homophones: Chinese characters, with a lone Latin letter or mask beside
# them (傻B, 傻*, B傻); "Bar" or "x2" next to Chinese are words, not units.
# A run of Latin letters written against Chinese characters, inside one word, is read as pinyin
# syllables and initials (智zhang, 滚你mb, sha逼): up to this many letters.
MAX_MIXED_LETTERS = 8
SOUND_RUN = re.compile(
    r"(?<![a-z0-9])[a-z0-9*×](?![a-z0-9])(?=[\u3400-\u4dbf\u4e00-\u9fff])"
    r"|[\u3400-\u4dbf\u4e00-\u9fff]+(?:[a-z0-9*×](?![a-z0-9*×]))?"
)
# A lone digit beside Chinese is read aloud (去4吧, 你妈4了, 去死8: 4 for 死, 8 for 吧), but only
# inside a term of three syllables or more whose other characters are all written as listed:
# "去4个城市" is no 去死.
DIGIT_SOUNDS = {
    "0": "ling", "1": "yi", "2": "er", "3": "san", "4": "si", "5": "wu", "6": "liu", "7": "qi",
    "8": "ba", "9": "jiu",
}  # fmt: skip
MIN_DIGIT_SYLLABLES = 3
# The same, with runs of Latin letters against Chinese: for texts that have one (MIXED_RUN).
MIXED_SOUND_RUN = re.compile(
    SOUND_RUN.pattern
    + rf"|(?<![a-z0-9])[a-z]{{2,{MAX_MIXED_LETTERS}}}(?=[\u3400-\u4dbf\u4e00-\u9fff])"
    + rf"|(?<=[\u3400-\u4dbf\u4e00-\u9fff])[a-z]{{2,{MAX_MIXED_LETTERS}}}(?![a-z0-9])"
)
MIXED_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff][a-z]{2}|[a-z]{2}[\u3400-\u4dbf\u4e00-\u9fff]")
# Calling someone something: a homophone right after this is the insult it sounds like.
# modtune: a family or a group addressed too (你全家都是煞币), and the frame is read before the
# two-character rule below: said to someone as what they are, a homophone that keeps none of the
# term's characters (煞币 for 傻逼) is deliberate too
_INSULT_FRAME = re.compile(
    r"(?:你|您|楼主|楼上|博主)(?:们)?(?:全家|一家)?(?:都|就|真|才|也)?(?:是个|是|个|这个|这种|这)$"
)
INSULT_FRAME_REACH = 7
# Two Latin letters in a row: a homophone hit that holds them mixed scripts inside a word.
LATIN_PAIR = re.compile(r"[a-z]{2}")
# How a hit was found: the term as written (folded), or through its pinyin; "mixed" is a
# homophone written partly in pinyin or initials inside a Chinese word (智zhang, 滚你mb).
LITERAL, PINYIN, INITIALS, HOMOPHONE, MIXED = "literal", "pinyin", "initials", "homophone", "mixed"


@dataclass(frozen=True)
class TermEntry:
    """One listed term. `language` is "zh", "en" or "" (any); `regions` ISO 3166 codes where
    the list applies (empty: everywhere); `mode` "word", "substring" or "auto" (word for terms
    with Latin letters or digits, substring otherwise); `exceptions` innocent words that contain
    the term (or its homophone) and clear a match they cover; `ambiguous` when the term has
    innocent readings, so a lone hit labels at most."""

    term: str
    category: str
    list_name: str
    term_id: int | str
    language: str = ""
    regions: tuple[str, ...] = ()
    mode: str = "auto"
    exceptions: tuple[str, ...] = ()
    ambiguous: bool = False

    def __post_init__(self):
        # Lists from a form or a YAML import arrive as lists; entries must stay hashable.
        object.__setattr__(self, "regions", tuple(self.regions))
        object.__setattr__(self, "exceptions", tuple(self.exceptions))

    @property
    def rule(self) -> str:
        return f"terms:{self.list_name}#{self.term_id}"


@dataclass(frozen=True)
class TermMatch:
    """Where an entry matched, in the ORIGINAL text: text[start:end]; `via` how (literal,
    pinyin, initials or homophone); `ambiguous` whether this hit alone may only label."""

    entry: TermEntry
    start: int
    end: int
    via: str = LITERAL
    ambiguous: bool = False


@dataclass(frozen=True)
class _Compiled:
    entry: TermEntry
    folded: str
    squeezed: str
    word_edges: tuple[bool, bool]  # must the start / end sit on a word boundary?
    language: str
    regions: frozenset[str]
    syllables: tuple[str, ...] = ()  # toneless pinyin, for Chinese terms folded through it
    initials: bool = False  # an ambiguous term of up to three Latin letters: sb, nc, tmd
    # A one-word slur that also matches with a plural "s" ("wetbacks", "kikes"): a slur is a
    # slur in the plural, and a sentence about the group is usually in it (issue 17, modtune)
    plural: bool = False

    def applies(self, language: str, region: str) -> bool:
        if self.regions and region not in self.regions:
            return False
        return not self.language or language in UNKNOWN_LANGUAGES or language == self.language


def fold_term(term: str) -> Normalised:
    """Check a term (or an exception) and fold it as texts are folded.

    Raises ValueError naming the problem, for admin forms and imports to show."""
    if not isinstance(term, str) or not term.strip():
        raise ValueError("A term cannot be empty or only whitespace.")
    term = " ".join(term.split())
    if len(term) > MAX_TERM_LENGTH:
        raise ValueError(
            f"The term {term[:20]!r}… is {len(term)} characters long; "
            f"the limit is {MAX_TERM_LENGTH}."
        )
    folded = normalise(term)
    if not folded.squeezed.text:
        raise ValueError(
            f"The term {term!r} normalises to nothing: it holds only spaces, punctuation or "
            "invisible characters."
        )
    return folded


def is_word_char(char: str) -> bool:
    """Letters and digits of scripts that separate words with spaces (not CJK)."""
    return char.isalnum() and char < "\u2e80"


class TermMatcher:
    """All entries compiled into Aho-Corasick automata; immutable once built."""

    def __init__(
        self,
        entries: Iterable[TermEntry],
        exceptions: Iterable[str] = (),
        benign: Iterable[str] | None = None,
    ):
        self.entries: list[_Compiled] = []
        folded_terms: dict[str, list[int]] = {}
        squeezed_terms: dict[str, list[int]] = {}
        # pinyin key -> [(entry number, via)]; homophone key ("sha|bi|") -> [entry number]
        pinyin_terms: dict[str, list[tuple[int, str]]] = {}
        homophone_terms: dict[str, list[int]] = {}
        # exception text -> owners (entry numbers), None meaning every entry
        folded_exceptions: dict[str, set[int] | None] = {}
        squeezed_exceptions: dict[str, set[int] | None] = {}
        for entry in entries:
            number = len(self.entries)
            compiled = _compile(entry)
            self.entries.append(compiled)
            folded_terms.setdefault(compiled.folded, []).append(number)
            if _squeezable(compiled.squeezed) or compiled.initials:
                squeezed_terms.setdefault(compiled.squeezed, []).append(number)
            if _run_phrase(compiled):
                # Written as one run of letters (OCR, hashtags: "gokillyourself"): matched by
                # the folded pass, on word boundaries, so only as the whole run.
                folded_terms.setdefault(compiled.squeezed, []).append(number)
            for key, via in _pinyin_keys(compiled.syllables):
                pinyin_terms.setdefault(key, []).append((number, via))
            for key in _homophone_keys(compiled.syllables):
                homophone_terms.setdefault(key, []).append(number)
            for exception in entry.exceptions:
                folded = fold_term(exception)
                if compiled.folded not in folded.text and not _sounds_within(
                    compiled.syllables, folded.text
                ):
                    raise ValueError(
                        f"The exception {exception!r} does not contain the term {entry.term!r}."
                    )
                if folded.squeezed.text == compiled.squeezed:
                    raise ValueError(
                        f"The exception {exception!r} is the term {entry.term!r} itself once "
                        "spaces and punctuation are set aside: it would clear every match."
                    )
                _own(folded_exceptions, folded.text, number)
                _own(squeezed_exceptions, folded.squeezed.text, number)
        for exception in exceptions:
            folded = fold_term(exception)
            folded_exceptions[folded.text] = None
            squeezed_exceptions[folded.squeezed.text] = None
        # Every syllable of a listed Chinese term: how Latin runs inside Chinese words are read.
        self._syllables = frozenset(
            sound for compiled in self.entries for sound in compiled.syllables
        )
        self._benign = _automaton(
            {
                folded.text: None
                for folded in map(normalise, shipped_benign() if benign is None else benign)
                if folded.text.strip()
            }
        )
        self._terms = _automaton(folded_terms)
        self._squeezed_terms = _automaton(squeezed_terms)
        self._pinyin_terms = _automaton(pinyin_terms)
        self._homophone_terms = _automaton(homophone_terms)
        self._exceptions = _automaton(folded_exceptions)
        self._squeezed_exceptions = _automaton(squeezed_exceptions)
        if homophone_terms or any(c.entry.ambiguous and c.syllables for c in self.entries):
            _segmenter()  # load jieba now, not on the first post that needs it

    def find(
        self,
        text: str,
        *,
        language: str = "",
        region: str = "",
        normalised: Normalised | None = None,
    ) -> list[TermMatch]:
        """Every entry in scope that matches `text`, with spans in the original text
        (`normalised`: `normalise(text)` if the caller has it already)."""
        if not self.entries or not text:
            return []
        language = language.split("-")[0].lower()
        region = region.upper()
        if normalised is None:
            normalised = normalise(text)
        hits = self._find_folded(normalised) + self._find_squeezed(normalised)
        if self._pinyin_terms is not None:
            hits += self._find_pinyin(normalised)
        if self._homophone_terms is not None:
            hits += self._find_homophones(normalised)
        if hits:
            # Sounds first: a homophone of 泥马 where 尼玛 is written goes with 尼玛's exceptions.
            hits = _one_per_sound(hits)
            covers = self._exception_covers(normalised)
            if self._benign is not None:
                covers += self._benign_covers(normalised)
            hits = _without_exceptions(hits, covers)
            hits = self._in_context(normalised, hits)
        found: dict[tuple[int, int, int], tuple[str, bool]] = {}
        for number, start, end, via in hits:
            key = (number, *normalised.original_span(start, end))
            ambiguous = self._ambiguous(number, via, end - start)
            if key not in found or found[key][1] > ambiguous:
                found[key] = (via, ambiguous)
        return [
            TermMatch(self.entries[number].entry, start, end, via, ambiguous)
            for (number, start, end), (via, ambiguous) in found.items()
            if self.entries[number].applies(language, region)
        ]

    def _ambiguous(self, number: int, via: str, length: int) -> bool:
        """A hit may only label when its term is ambiguous, or it was found through short
        initials ("sb", "tmd"), a two-syllable pinyin word ("shabi") or a homophone of a
        two-character term (沙比)."""
        compiled = self.entries[number]
        if compiled.entry.ambiguous:
            return True
        if via == INITIALS:
            return length <= 3 or len(compiled.syllables) < MIN_INITIALS_SYLLABLES
        if via == MIXED:
            return True  # half pinyin, half characters: strong enough to label, not to hold
        if via in (PINYIN, HOMOPHONE):
            return len(compiled.syllables) <= 2
        return False

    def _find_folded(self, normalised: Normalised) -> list[tuple[int, int, int, str]]:
        """(entry number, start, end, via) in folded positions."""
        text = normalised.text
        return [
            (number, end + 1 - length, end + 1, LITERAL)
            for end, (length, numbers) in _iterate(self._terms, text)
            for number in numbers
            if self._on_boundaries(self.entries[number], text, end + 1 - length, end + 1)
        ]

    def _find_squeezed(self, normalised: Normalised) -> list[tuple[int, int, int, str]]:
        """(entry number, start, end, via) in folded positions, for matches that crossed a gap."""
        squeezed = normalised.squeezed
        if len(squeezed.text) == len(normalised.text):
            return []  # nothing was squeezed out: the folded pass saw it all
        hits = []
        text = squeezed.text
        for end, (length, numbers) in _iterate(self._squeezed_terms, text):
            positions = squeezed.folded[end + 1 - length : end + 1]
            if (
                length < 3
                and text[end].isascii()
                and (
                    (end + 1 - length > 0 and is_word_char(text[end - length]))
                    or (end + 1 < len(text) and is_word_char(text[end + 1]))
                )
            ):
                continue  # spaced initials (s b) stand alone: not the middle of "a s b c"
            if _spelled_out(normalised.text, positions):
                hits.extend(
                    (number, positions[0], positions[-1] + 1, LITERAL) for number in numbers
                )
                continue
            hits.extend(
                (number, positions[0], positions[-1] + 1, LITERAL)
                for number in numbers
                if _spelled_phrase(normalised.text, positions, self.entries[number].folded)
            )
        return hits

    def _find_pinyin(self, normalised: Normalised) -> list[tuple[int, int, int, str]]:
        """Chinese terms written in Latin letters: whole words only ("sb" never in "usb")."""
        text = normalised.text
        return [
            (number, start, end + 1, via)
            for end, (length, pairs) in _iterate(self._pinyin_terms, text)
            for start in (end + 1 - length,)
            if (start == 0 or not is_word_char(text[start - 1]))
            and (end + 1 == len(text) or not is_word_char(text[end + 1]))
            for number, via in pairs
        ]

    def _find_homophones(self, normalised: Normalised) -> list[tuple[int, int, int, str]]:
        """Runs of Chinese characters that sound like a term (煞笔, 草泥马, 傻B); a run that is
        the term itself is left to the literal pass."""
        text = normalised.text
        spoken, runs, pieces = _sound_units(text, self._syllables)
        if not spoken:
            return []
        hits = []
        unit_spans = None
        for end, (length, numbers) in _iterate(self._homophone_terms, spoken):
            if unit_spans is None:
                unit_spans = _unit_spans(runs, pieces)
            begin = end + 1 - length
            if begin and spoken[begin - 1] != "|":
                continue  # the match starts inside a syllable ("ni" of "xini")
            first = spoken.count("|", 0, begin)
            spans = unit_spans[first : first + spoken.count("|", begin, end + 1)]
            if any(a[1] != b[0] for a, b in zip(spans, spans[1:], strict=False)):
                continue  # the units are not adjacent in the text
            start, stop = spans[0][0], spans[-1][1]
            if _splits_latin(text, start, stop):
                continue  # "你mbc": the letters go on past the match
            units = [text[a:b] for a, b in spans]
            via = MIXED if LATIN_PAIR.search(text, start, stop) else HOMOPHONE
            for number in numbers:
                compiled = self.entries[number]
                if text[start:stop] == compiled.folded:
                    continue
                if not any(_is_han(unit) for unit in units):
                    continue
                masked = [
                    (unit in CHINESE_MASKS or unit in DIGIT_SOUNDS) and not _is_han(unit)
                    for unit in units
                ]
                if any(masked) and any(
                    not hidden and unit != char
                    for unit, hidden, char in zip(units, masked, compiled.folded, strict=True)
                ):
                    continue  # beside a mask or a digit, every other character is the term's own
                if len(compiled.syllables) < MIN_DIGIT_SYLLABLES and any(
                    unit in DIGIT_SOUNDS for unit in units
                ):
                    continue  # 去4 is no 去死: "去4个城市"
                if any(
                    not _is_han(unit) and not hidden and unit not in (sound, sound[0])
                    for unit, hidden, sound in zip(units, masked, compiled.syllables, strict=True)
                ):
                    continue
                hits.append((number, start, stop, via))
        return hits

    def _in_context(self, normalised: Normalised, hits: list) -> list:
        """Drop Chinese hits that jieba's segmentation contradicts (see the module docstring):
        for homophones and ambiguous terms only; a listed unambiguous term stands as written
        (傻|逼人|渣 still holds 傻逼)."""
        text = normalised.text
        kept = []
        runs: dict[int, tuple[int, list[tuple[int, int]]]] = {}
        chinese = None
        for hit in hits:
            number, start, end, via = hit
            compiled = self.entries[number]
            if compiled.initials:
                if chinese is None:
                    chinese = any(_is_han(char) for char in text)
                # Full-width letters (ＳＢ) are typed with a Chinese input method.
                written = normalised.original[slice(*normalised.original_span(start, end))]
                wide = all("\uff01" <= char <= "\uff5e" for char in written)
                if not (chinese or wide) or text[end : end + 1] == ".":
                    continue  # "CNM" the nurse, "lend sb. a hand"
            if via == INITIALS and len(compiled.syllables) < MIN_INITIALS_SYLLABLES:
                if chinese is None:
                    chinese = any(_is_han(char) for char in text)
                written = normalised.original[slice(*normalised.original_span(start, end))]
                if not (chinese or all("\uff01" <= char <= "\uff5e" for char in written)):
                    continue  # "cnn", "dlp" in English text: no Chinese initials there
            sounded = via in (HOMOPHONE, MIXED)
            if not compiled.syllables or not (sounded or compiled.entry.ambiguous):
                kept.append(hit)
                continue
            if via in (PINYIN, INITIALS):
                kept.append(hit)
                continue
            run_start, words = _segmented_run(text, start, runs)
            if _straddled(words, start - run_start, end - run_start, strict=sounded):
                continue
            if sounded and not self._plausible_homophone(
                compiled, text, run_start, words, start, end, self._syllables
            ):
                continue
            if text[end - 1] == "的" and _noun_follows(text, run_start, words, end - run_start):
                continue
            kept.append(hit)
        return kept

    @staticmethod
    def _plausible_homophone(
        compiled, text, run_start, words, start, end, syllables=frozenset()
    ) -> bool:
        """A homophone stands for the term unless it reads as Chinese of its own: a common
        word (纸张 for 智障); for two characters, a window that keeps none of the term's
        characters (出声 for 畜生, 滥交 for 懒叫; 傻币 and 傻B keep 傻); and, for terms of
        up to three characters, a verb or function word standing in for the term's characters
        beside characters it kept (他骂的 for 他妈的, 我妈比我高 for 妈逼, 是你吗 for 你妈, 见人 for
        贱人). A window respelt throughout (草拟吗) or a long one (你吗死了) is deliberate."""
        window = text[start:end]
        term = _aligned(window, compiled.folded, syllables)
        frequency = _segmenter().dt.FREQ.get(window, 0)
        if frequency >= COMMON_WORD_FREQUENCY:
            return False
        if _INSULT_FRAME.search(text, max(0, start - INSULT_FRAME_REACH), start):
            return True  # 你是脑摊吧, 你个煞币: said to someone as what they are
        kept = sum(a == b for a, b in zip(window, term, strict=False))
        if len(compiled.syllables) == 2 and not kept:
            return False  # 滥交 for 懒叫, 出声 for 畜生; the known ones (煞笔) are listed
        if len(compiled.syllables) > 3 or not kept:
            return True
        from jieba import posseg

        tags = posseg.dt.word_tag_tab
        for a, b in words:
            a, b = a + run_start, b + run_start
            if start <= a and b <= end and text[a:b] != "".join(term[a - start : b - start]):
                if tags.get(text[a:b], "x")[0] in FUNCTION_TAGS:
                    return False
        return True

    def _exception_covers(self, normalised: Normalised) -> list[tuple[int, int, set | None]]:
        """Where exceptions occur, in folded positions, in either view ("乳 酪" is still 乳酪)."""
        covers = [
            (end + 1 - length, end + 1, owners)
            for end, (length, owners) in _iterate(self._exceptions, normalised.text)
        ]
        squeezed = normalised.squeezed
        for end, (length, owners) in _iterate(self._squeezed_exceptions, squeezed.text):
            positions = squeezed.folded
            covers.append((positions[end + 1 - length], positions[end] + 1, owners))
        return covers

    def _benign_covers(self, normalised: Normalised) -> list[tuple[int, int, None]]:
        """Where a benign compound (trained/benign_compounds.txt: 沙比利 the wood, "pussy
        willow") stands as words of its own: Latin edges on word boundaries, and in Chinese no
        jieba word reaching across its edges (沙比|利用 is 沙比 and 利用, not the wood)."""
        text = normalised.text
        covers: list[tuple[int, int, None]] = []
        runs: dict[int, tuple[int, list[tuple[int, int]]]] = {}
        for end, (length, _none) in _iterate(self._benign, text):
            start, end = end + 1 - length, end + 1
            if (start and is_word_char(text[start]) and is_word_char(text[start - 1])) or (
                end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end])
            ):
                continue
            if _is_han(text[start]) or _is_han(text[end - 1]):
                run_start, words = _segmented_run(text, start, runs)
                if any(a < start - run_start < b or a < end - run_start < b for a, b in words):
                    continue
            covers.append((start, end, None))
        return covers

    @staticmethod
    def _on_boundaries(compiled: _Compiled, text: str, start: int, end: int) -> bool:
        must_start, must_end = compiled.word_edges
        if must_start and start > 0 and is_word_char(text[start - 1]):
            return False
        if not (must_end and end < len(text) and is_word_char(text[end])):
            return True
        # "wetbacks": the plural of a one-word slur, then a boundary
        return (
            compiled.plural
            and text[end] == "s"
            and (end + 1 == len(text) or not is_word_char(text[end + 1]))
        )


class TermListDetector(TextDetector):
    """The "terms" layer: one Signal per matching entry, with every span where it matched.

    Built lazily from `load_entries()` (and `load_exceptions()`, a platform-wide allow-list) on
    first use and cached; call `invalidate()` after an operator edits the lists and the next
    `detect` rebuilds."""

    name = "terms"

    def __init__(
        self,
        load_entries: Callable[[], Iterable[TermEntry]],
        load_exceptions: Callable[[], Iterable[str]] = tuple,
    ):
        self._load_entries = load_entries
        self._load_exceptions = load_exceptions
        self._matcher: TermMatcher | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_entries(
        cls, entries: Iterable[TermEntry], *, exceptions: Iterable[str] = ()
    ) -> "TermListDetector":
        """A detector over fixed entries, built now so a bad term raises ValueError here."""
        entries, exceptions = list(entries), list(exceptions)
        detector = cls(lambda: entries, lambda: exceptions)
        detector.matcher  # noqa: B018 - build (and validate) eagerly
        return detector

    @property
    def matcher(self) -> TermMatcher:
        matcher = self._matcher
        if matcher is None:
            with self._lock:
                if self._matcher is None:
                    self._matcher = TermMatcher(self._load_entries(), self._load_exceptions())
                matcher = self._matcher
        return matcher

    def invalidate(self) -> None:
        """Forget the compiled lists; the next detection rebuilds them from the loaders."""
        self._matcher = None

    def detect(self, text: str, *, language: str = "", region: str = "") -> list[Signal]:
        signals: dict[TermEntry, Signal] = {}
        normalised = normalise(text)
        found = self.matcher.find(text, language=language, region=region, normalised=normalised)
        found += [  # a pattern says nothing more where a listed term already holds its words
            hit
            for hit in pattern_matches(text, normalised)
            if not any(m.start <= hit.start and hit.end <= m.end for m in found)
        ]
        for match in sorted(
            in_sense(text, found),
            key=lambda match: (match.ambiguous, match.start),
        ):
            entry = match.entry
            signal = signals.get(entry)
            if signal is None:
                # One signal per entry; it is ambiguous only if every hit of it is.
                signal = signals[entry] = Signal(
                    layer="terms", category=entry.category, score=1.0, rule=entry.rule,
                    detail=entry.term if match.via == LITERAL else f"{entry.term} ({match.via})",
                    ambiguous=match.ambiguous,
                )  # fmt: skip
            signal.spans.append(Span(match.start, match.end, text[match.start : match.end]))
        for signal in signals.values():
            signal.spans.sort(key=lambda span: span.start)
        return list(signals.values())


@cache
def _pattern_entry(pattern: patterns.Pattern) -> TermEntry:
    number = patterns.PATTERNS.index(pattern) + 1
    return TermEntry(
        term=pattern.name, category=pattern.category, list_name=patterns.LIST_NAME,
        term_id=number, ambiguous=True,
    )  # fmt: skip


def pattern_matches(text: str, normalised: Normalised | None = None) -> list[TermMatch]:
    """The built-in phrase patterns' hits (detectors/patterns.py: threats, wishing death,
    calling someone an animal) as ambiguous term matches, read in sense like the lists'."""
    return [
        TermMatch(_pattern_entry(hit.pattern), hit.start, hit.end, LITERAL, ambiguous=True)
        for hit in patterns.find(text, normalised)
    ]


def in_sense(text: str, matches: list[TermMatch]) -> list[TermMatch]:
    """Matches in the sense their term is listed for (detectors/senses.py): a hit on a word
    with innocent readings (bitch, hoe, 垃圾) is ambiguous whatever its list says, and one
    read in an innocent sense ("the bitch had puppies", “垃圾”的英文, 垃圾桶) is dropped, and so is
    any hit in a short question about a word ("what does 傻逼 mean?") or in news of abuse ("the
    trial heard he called her a slut"). Any other term only mentioned (in quotes, "the word
    …"), reported or in a title labels at most:
    quoting is no disguise for a slur, but no proof of one either."""
    if not matches:
        return matches
    kept = []
    innocent = senses.innocent_original_spans(text)
    # modtune17: a sentence warning about a scam drops that scam's terms, and only those
    warned = [(first, last) for first, last, kind in innocent if kind == senses.WARNED]
    if warned:
        innocent = [span for span in innocent if span[2] != senses.WARNED]
    teased = None  # modtune18: whether the text is affection around a teasing word (lazily)
    for match in matches:
        if match.entry.category in NO_PINYIN_CATEGORIES and any(
            first <= match.start and match.end <= last for first, last in warned
        ):
            continue
        word = fold_term(match.entry.term).text
        if word in senses.MILD_INSULTS:
            # modtune18: a mild insult inside affection ("To my idiot brother …: love you, you
            # absolute clown", 生日快乐我的傻瓜弟弟) is teasing; never where the text addresses
            # someone in earnest (senses.lone_frame)
            if teased is None:
                teased = senses.lone_frame(text) == "affection"
            if teased:
                continue
        sense = senses.covered(innocent, match.start, match.end) if innocent else ""
        if sense in senses.UNSAID_SENSES:
            continue  # a question about the word, or news of abuse: said to no one
        if any(
            kind == senses.QUOTED and first < match.end and match.start < last
            for first, last, kind in innocent
        ):
            continue  # modtune15: a phrase read across a reported quotation's edge (我发“不给钱…”)
        if sense in senses.PROPER_SENSES:
            continue  # someone's or somewhere's name (Dick Francis, Bastardo in Umbria)
        if (
            senses.has_innocent_reading(word)
            or match.ambiguous
            or match.entry.ambiguous
            # modtune11: a phrase holding such a word, read with it ("a black cock and hens")
            or (" " in word and any(senses.has_innocent_reading(w) for w in word.split()))
        ):
            if sense:
                continue
            if not match.ambiguous:
                match = dataclasses.replace(match, ambiguous=True)
        elif sense in senses.TOLD_SENSES and not match.ambiguous:
            match = dataclasses.replace(match, ambiguous=True)
        kept.append(match)
    return kept


def _compile(entry: TermEntry) -> _Compiled:
    if entry.mode not in MODES:
        raise ValueError(
            f"Unknown match mode {entry.mode!r} for {entry.term!r}; use one of {MODES}."
        )
    if not entry.category or not entry.list_name:
        raise ValueError(f"The term {entry.term!r} needs a category and a list name.")
    folded = fold_term(entry.term)
    text = folded.text.strip()
    mode = entry.mode
    if mode == "auto":
        mode = "word" if any(is_word_char(char) for char in text) else "substring"
    word = mode == "word"
    chinese = len(text) >= 2 and all(_is_han(char) for char in text)
    return _Compiled(
        entry=entry,
        folded=text,
        squeezed=folded.squeezed.text,
        word_edges=(word and is_word_char(text[0]), word and is_word_char(text[-1])),
        language=entry.language.split("-")[0].lower(),
        regions=frozenset(region.upper() for region in entry.regions),
        syllables=_syllables(text)
        if chinese and entry.category not in NO_PINYIN_CATEGORIES
        else (),
        initials=entry.ambiguous
        and len(text) <= MAX_INITIALS
        and text.isascii()
        and text.isalpha(),
        plural=entry.category in PLURAL_CATEGORIES
        and not entry.ambiguous
        and word
        and text.isascii()
        and text.isalpha()
        and len(text) >= MIN_PLURAL_LENGTH
        and not text.endswith("s"),
    )


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _run_phrase(compiled: _Compiled) -> bool:
    """A phrase of several Latin words, matched as a whole word both ends ("kill yourself")."""
    squeezed = compiled.squeezed
    return (
        " " in compiled.folded
        and squeezed.isascii()
        and squeezed.isalpha()
        and all(compiled.word_edges)
    )


BENIGN_PATH = Path(__file__).resolve().parent.parent / "trained" / "benign_compounds.txt"


@cache
def shipped_benign() -> tuple[str, ...]:
    """trained/benign_compounds.txt: innocent phrases holding an offensive word (沙比利 the wood,
    "pussy willow"). The classifier layers blank them; the term layer lets them cover a hit as
    a platform-wide exception, where they stand as words of their own."""
    lines = BENIGN_PATH.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_sounds: dict[str, str] = {}


def _sound(char: str) -> str:
    """The toneless pinyin of one Chinese character, its most common reading (cached)."""
    sound = _sounds.get(char)
    if sound is None:
        from pypinyin import lazy_pinyin

        sound = _sounds[char] = lazy_pinyin(char)[0]
    return sound


def _syllables(text: str) -> tuple[str, ...]:
    return tuple(_sound(char) for char in text)


def _pinyin_keys(syllables: tuple[str, ...]) -> list[tuple[str, str]]:
    """Latin spellings of a Chinese term: its pinyin joined and spaced ("caonima", "cao ni ma";
    two-syllable terms only when long enough), and its initials for four syllables or more
    ("nmsl"); for three, only with the 的 a curse ends in ("cnmd" for 操你妈的: three letters
    alone collide with English, "cnn", "lbs"), and only in a text with Chinese in it (see
    TermMatcher._in_context)."""
    if len(syllables) < 2:
        return []
    keys = []
    joined = "".join(syllables)
    if len(syllables) > 2 or len(joined) >= MIN_TWO_SYLLABLE_PINYIN:
        keys += [(joined, PINYIN), (" ".join(syllables), PINYIN)]
    initials = "".join(sound[0] for sound in syllables)
    if len(syllables) >= MIN_INITIALS_SYLLABLES:
        keys.append((initials, INITIALS))
    elif len(syllables) == MIN_SHORT_INITIALS_SYLLABLES and syllables[-1] != "de":
        keys.append((initials + "d", INITIALS))
    return keys


def _homophone_keys(syllables: tuple[str, ...]) -> list[str]:
    """ "sha|bi|" and, for short terms, the spellings with a Latin initial for some syllables
    ("sha|b|", as 傻B is read); never all initials (that is Latin text, not a homophone)."""
    if len(syllables) < 2:
        return []
    if len(syllables) > MAX_VARIANT_SYLLABLES:
        return ["".join(f"{sound}|" for sound in syllables)]
    keys = [
        "".join("?|" if i == masked else f"{sound}|" for i, sound in enumerate(syllables))
        for masked in range(1, len(syllables))
    ]
    for choice in itertools.product((False, True), repeat=len(syllables)):
        if all(choice):
            continue
        keys.append(
            "".join(
                f"{sound[0] if initial else sound}|"
                for sound, initial in zip(syllables, choice, strict=True)
            )
        )
    return keys


class _SoundTable(dict):
    """str.translate table: a Chinese character → "sound|", a lone Latin letter → "b|" (the
    B of 傻B), a mask → "?|"; filled in as characters are first seen."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if _is_han(char):
            unit = _sound(char) + "|"
        elif char in CHINESE_MASKS:
            unit = "?|"
        elif char in DIGIT_SOUNDS:
            unit = DIGIT_SOUNDS[char] + "|"
        else:
            unit = char + "|"
        self[code] = unit
        return unit


_SOUND_TABLE = _SoundTable()


def _sound_units(
    text: str, syllables: frozenset[str] = frozenset()
) -> tuple[str, list[re.Match], dict[int, list[int]]]:
    """The text's Chinese, spoken: "sound|" for each Chinese character, and for each lone Latin
    letter or mask beside one; a run of Latin letters against a Chinese character is read as
    the listed terms' syllables and, letter by letter, initials ("zhang|", "m|b|"). With the
    runs it came from, (match, syllable lengths or None for one unit a character): see
    _unit_spans. Empty when the text has no Chinese."""
    if not MIXED_RUN.search(text):  # most texts: one unit a character
        runs = list(SOUND_RUN.finditer(text))
        return "".join([run.group().translate(_SOUND_TABLE) for run in runs]), runs, {}
    spoken: list[str] = []
    runs = []
    pieces: dict[int, list[int]] = {}
    for run in MIXED_SOUND_RUN.finditer(text):
        letters = run.group()
        if len(letters) > 1 and letters.isascii():
            ends = pieces[len(runs)] = _pinyin_pieces(letters, syllables)
            spoken.extend(letters[a:b] + "|" for a, b in itertools.pairwise([0, *ends]))
        else:
            spoken.append(letters.translate(_SOUND_TABLE))
        runs.append(run)
    return "".join(spoken), runs, pieces


def _pinyin_pieces(letters: str, syllables: frozenset[str]) -> list[int]:
    """Where each unit of a Latin run ends: the longest listed syllable at each point, else a
    single letter (an initial): "shabi" → sha|bi, "mb" → m|b, "zhang" → zhang."""
    ends, at = [], 0
    while at < len(letters):
        size = next(
            (
                n
                for n in range(min(6, len(letters) - at), 1, -1)
                if letters[at : at + n] in syllables
            ),
            1,
        )
        at += size
        ends.append(at)
    return ends


def _unit_spans(runs: list[re.Match], pieces: dict[int, list[int]]) -> list[tuple[int, int]]:
    """Where in the text each spoken unit is (worked out only when something matched)."""
    spans: list[tuple[int, int]] = []
    for number, run in enumerate(runs):
        start = run.start()
        ends = pieces.get(number)
        if ends is None:
            spans.extend((position, position + 1) for position in range(start, run.end()))
        else:
            spans.extend((start + a, start + b) for a, b in itertools.pairwise([0, *ends]))
    return spans


def _aligned(window: str, term: str, syllables: frozenset[str]) -> list[str]:
    """For each character of a homophone's window, the term's character it stands for ("" for
    the letters of a pinyin run): 智zhang → 智, "", "", "", "", "" against 智障."""
    aligned: list[str] = []
    unit = 0
    for piece in _WINDOW_UNITS.finditer(window):
        letters = piece.group()
        if len(letters) > 1:
            aligned.extend([""] * len(letters))
            unit += len(_pinyin_pieces(letters, syllables))
        else:
            aligned.append(term[unit] if unit < len(term) else "")
            unit += 1
    return aligned


_WINDOW_UNITS = re.compile(r"[a-z]{2,}|.", re.DOTALL)


def _splits_latin(text: str, start: int, stop: int) -> bool:
    """A match that begins or ends between two Latin letters (the "mb" of "你mbc")."""
    return (
        0 < start < len(text) and _ascii_letter(text[start - 1]) and _ascii_letter(text[start])
    ) or (0 < stop < len(text) and _ascii_letter(text[stop - 1]) and _ascii_letter(text[stop]))


def _ascii_letter(char: str) -> bool:
    return "a" <= char <= "z"


def _sounds_within(syllables: tuple[str, ...], text: str) -> bool:
    """Whether `text` (an exception) holds a run of characters that sounds like the term."""
    if not syllables:
        return False
    target = "".join(f"{sound}|" for sound in syllables)
    return target in "".join(_sound(char) + "|" if _is_han(char) else "#" for char in text)


def _segmenter():
    """jieba's shared tokenizer, loaded once (about a second; search and the classifier use it
    too). Only read here: adding words would change their segmentation."""
    import jieba
    import jieba.posseg  # part-of-speech tags, for homophones (他骂的) and 的 + noun

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.posseg.dt.word_tag_tab  # noqa: B018 - load it now, not on a post that needs it
    return jieba


def _segmented_run(text: str, start: int, runs: dict) -> tuple[int, list[tuple[int, int]]]:
    """The run of Chinese characters around `start`, segmented by jieba: (where the run starts,
    [(word start, word end)] relative to it); cached per run for one text."""
    run_start = start
    while run_start > 0 and _is_han(text[run_start - 1]):
        run_start -= 1
    cached = runs.get(run_start)
    if cached is None:
        run_end = start
        while run_end < len(text) and (_is_han(text[run_end]) or "a" <= text[run_end] <= "z"):
            run_end += 1
        words, offset = [], 0
        for word in _segmenter().lcut(text[run_start:run_end], HMM=False):
            words.append((offset, offset + len(word)))
            offset += len(word)
        cached = runs[run_start] = (run_start, words)
    return cached


def _straddled(words: list[tuple[int, int]], start: int, end: int, *, strict: bool) -> bool:
    """A word reaches across the start or the end of the match (回去 across 去死 in 回去死活)
    or holds it in its middle (体操比赛 around 操比). A word that begins or ends with a listed
    term (去死吧, 大傻逼) is no objection; for a homophone (`strict`), any longer word around it
    is (福建人 around 建人, which sounds like 贱人)."""
    if strict:
        return any(
            (a < start < b or a < end < b) or (a <= start < end <= b and b - a > end - start)
            for a, b in words
        )
    return any((a < start < b or a < end < b) and not (a == start or end == b) for a, b in words)


def _common_word(text: str) -> bool:
    """A word jieba's dictionary knows well (纸张): said as itself, not as a homophone."""
    return _segmenter().dt.FREQ.get(text, 0) >= COMMON_WORD_FREQUENCY


def _noun_follows(text: str, run_start: int, words: list[tuple[int, int]], end: int) -> bool:
    """The match ends in 的 and a noun comes next: possessive (他马的尾巴), not a curse."""
    following = next((text[run_start + a : run_start + b] for a, b in words if a == end), "")
    if not following:
        return False
    from jieba import posseg

    return posseg.dt.word_tag_tab.get(following, "").startswith("n")


def _squeezable(squeezed: str) -> bool:
    """Worth looking for in the squeezed view: two characters, three if only Latin ("m/f" is
    not "mf", but "傻 逼" is "傻逼")."""
    if all(is_word_char(char) for char in squeezed):
        return len(squeezed) >= 3
    return len(squeezed) >= 2


def _own(exceptions: dict[str, set[int] | None], text: str, number: int) -> None:
    owners = exceptions.setdefault(text, set())
    if owners is not None:
        owners.add(number)


def _automaton(keys: dict) -> ahocorasick.Automaton | None:
    if not keys:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
    for key, value in keys.items():
        automaton.add_word(key, (len(key), value))
    automaton.make_automaton()
    return automaton


def _iterate(automaton: ahocorasick.Automaton | None, text: str):
    return () if automaton is None else automaton.iter(text)


def _spelled_out(text: str, positions: list[int]) -> bool:
    """A squeezed match counts if it crossed a gap without a hard break (or only single ones
    between single characters), and each letter, digit or Chinese character in it stood alone
    ("f u c k", 去。死。吧; not "She's hit", not 累。死了)."""
    if positions[-1] - positions[0] + 1 == len(positions):
        return False  # no gap: the folded pass already judged it
    last = len(text) - 1
    for before, after in zip(positions, positions[1:], strict=False):
        gap = text[before + 1 : after]
        # A break between thoughts, except a lone one between characters that each stand
        # alone (去。死。吧, "f, u, c, k"; not 他很傻。逼自己): that is a mask.
        if not HARD_BREAKS.isdisjoint(gap) and (
            len(gap.strip()) > 1 or not all(_alone(text, p, last) for p in positions)
        ):
            return False
    for position in positions:
        if is_word_char(text[position]) and (
            (position > 0 and is_word_char(text[position - 1]))
            or (position < last and is_word_char(text[position + 1]))
        ):
            return False
    return True


def _spelled_phrase(text: str, positions: list[int], term: str) -> bool:
    """A phrase with some of its words spelt out letter by letter and the others written whole
    ("k i l l yourself", "go d i e"): each of the term's words is either a whole word of the
    text or letters that each stand alone, at least one is spelt out, and no sentence break
    falls inside the phrase. ("s hit" is no "shit": a one-word term must be spelt out whole.)"""
    words = term.split()
    if len(words) < 2 or sum(map(len, words)) != len(positions):
        return False
    last, at, spelt = len(text) - 1, 0, False
    for word in words:
        mine = positions[at : at + len(word)]
        at += len(word)
        if mine[-1] - mine[0] + 1 == len(mine):
            whole = (mine[0] == 0 or not is_word_char(text[mine[0] - 1])) and (
                mine[-1] == last or not is_word_char(text[mine[-1] + 1])
            )
            if whole and (len(mine) > 1 or not word.isalpha()):
                continue
        if len(mine) < 2 or not all(_alone(text, p, last) for p in mine):
            return False
        spelt = True
    gaps = (text[a + 1 : b] for a, b in zip(positions, positions[1:], strict=False))
    return spelt and all(HARD_BREAKS.isdisjoint(gap) for gap in gaps)


def _alone(text: str, position: int, last: int) -> bool:
    """No letter, digit or Chinese character right beside text[position]."""
    return not any(
        0 <= at <= last and (is_word_char(text[at]) or _is_han(text[at]))
        for at in (position - 1, position + 1)
    )


def _one_per_sound(hits: list) -> list:
    """A span read through its sound counts once: not once per listed spelling of it (煞笔 is
    a homophone of 傻逼, 沙比 and 傻比), and not at all where a term matched as written."""
    literal = {(start, end) for _number, start, end, via in hits if via == LITERAL}
    kept, seen = [], set()
    for hit in sorted(hits, key=lambda hit: hit[0]):  # hand-made lists come first
        _number, start, end, via = hit
        if via != LITERAL:
            if (start, end) in literal or (start, end, via) in seen:
                continue
            seen.add((start, end, via))
        kept.append(hit)
    return kept


def _without_exceptions(hits: list, covers: list) -> list:
    """Drop hits covered by an exception that belongs to their entry (or to every entry)."""
    if not covers:
        return hits
    return [
        (number, start, end, via)
        for number, start, end, via in hits
        if not any(
            cover_start <= start and end <= cover_end and (owners is None or number in owners)
            for cover_start, cover_end, owners in covers
        )
    ]
