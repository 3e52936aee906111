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
"""

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ahocorasick

from crossnote.moderation.detectors.base import Signal, Span, TextDetector
from crossnote.moderation.detectors.normalize import Normalised, normalise

MAX_TERM_LENGTH = 100
MODES = ("auto", "word", "substring")
# Language codes that say "we do not know", so every list applies.
UNKNOWN_LANGUAGES = {"", "mixed", "und"}
# A squeezed match may not reach across these: a new line or a sentence is a new thought.
HARD_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029,;:!?。、")


@dataclass(frozen=True)
class TermEntry:
    """One listed term. `language` is "zh", "en" or "" (any); `regions` ISO 3166 codes where
    the list applies (empty: everywhere); `mode` "word", "substring" or "auto" (word for terms
    with Latin letters or digits, substring otherwise); `exceptions` innocent words that contain
    the term and clear a match they cover."""

    term: str
    category: str
    list_name: str
    term_id: int | str
    language: str = ""
    regions: tuple[str, ...] = ()
    mode: str = "auto"
    exceptions: tuple[str, ...] = ()

    def __post_init__(self):
        # Lists from a form or a YAML import arrive as lists; entries must stay hashable.
        object.__setattr__(self, "regions", tuple(self.regions))
        object.__setattr__(self, "exceptions", tuple(self.exceptions))

    @property
    def rule(self) -> str:
        return f"terms:{self.list_name}#{self.term_id}"


@dataclass(frozen=True)
class TermMatch:
    """Where an entry matched, in the ORIGINAL text: text[start:end]."""

    entry: TermEntry
    start: int
    end: int


@dataclass(frozen=True)
class _Compiled:
    entry: TermEntry
    folded: str
    squeezed: str
    word_edges: tuple[bool, bool]  # must the start / end sit on a word boundary?
    language: str
    regions: frozenset[str]

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

    def __init__(self, entries: Iterable[TermEntry], exceptions: Iterable[str] = ()):
        self.entries: list[_Compiled] = []
        folded_terms: dict[str, list[int]] = {}
        squeezed_terms: dict[str, list[int]] = {}
        # exception text -> owners (entry numbers), None meaning every entry
        folded_exceptions: dict[str, set[int] | None] = {}
        squeezed_exceptions: dict[str, set[int] | None] = {}
        for entry in entries:
            number = len(self.entries)
            compiled = _compile(entry)
            self.entries.append(compiled)
            folded_terms.setdefault(compiled.folded, []).append(number)
            if _squeezable(compiled.squeezed):
                squeezed_terms.setdefault(compiled.squeezed, []).append(number)
            for exception in entry.exceptions:
                folded = fold_term(exception)
                if compiled.folded not in folded.text:
                    raise ValueError(
                        f"The exception {exception!r} does not contain the term {entry.term!r}."
                    )
                _own(folded_exceptions, folded.text, number)
                _own(squeezed_exceptions, folded.squeezed.text, number)
        for exception in exceptions:
            folded = fold_term(exception)
            folded_exceptions[folded.text] = None
            squeezed_exceptions[folded.squeezed.text] = None
        self._terms = _automaton(folded_terms)
        self._squeezed_terms = _automaton(squeezed_terms)
        self._exceptions = _automaton(folded_exceptions)
        self._squeezed_exceptions = _automaton(squeezed_exceptions)

    def find(self, text: str, *, language: str = "", region: str = "") -> list[TermMatch]:
        """Every entry in scope that matches `text`, with spans in the original text."""
        if not self.entries or not text:
            return []
        language = language.split("-")[0].lower()
        region = region.upper()
        normalised = normalise(text)
        hits = self._find_folded(normalised) + self._find_squeezed(normalised)
        if hits:
            hits = _without_exceptions(hits, self._exception_covers(normalised))
        found = dict.fromkeys(
            (number, *normalised.original_span(start, end)) for number, start, end in hits
        )
        return [
            TermMatch(self.entries[number].entry, start, end)
            for number, start, end in found
            if self.entries[number].applies(language, region)
        ]

    def _find_folded(self, normalised: Normalised) -> list[tuple[int, int, int]]:
        """(entry number, start, end) in folded positions."""
        text = normalised.text
        return [
            (number, end + 1 - length, end + 1)
            for end, (length, numbers) in _iterate(self._terms, text)
            for number in numbers
            if self._on_boundaries(self.entries[number], text, end + 1 - length, end + 1)
        ]

    def _find_squeezed(self, normalised: Normalised) -> list[tuple[int, int, int]]:
        """(entry number, start, end) in folded positions, for matches that crossed a gap."""
        squeezed = normalised.squeezed
        if len(squeezed.text) == len(normalised.text):
            return []  # nothing was squeezed out: the folded pass saw it all
        hits = []
        for end, (length, numbers) in _iterate(self._squeezed_terms, squeezed.text):
            positions = squeezed.folded[end + 1 - length : end + 1]
            if _spelled_out(normalised.text, positions):
                hits.extend((number, positions[0], positions[-1] + 1) for number in numbers)
        return hits

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

    @staticmethod
    def _on_boundaries(compiled: _Compiled, text: str, start: int, end: int) -> bool:
        must_start, must_end = compiled.word_edges
        if must_start and start > 0 and is_word_char(text[start - 1]):
            return False
        return not (must_end and end < len(text) and is_word_char(text[end]))


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
        for match in self.matcher.find(text, language=language, region=region):
            entry = match.entry
            signal = signals.get(entry)
            if signal is None:
                signal = signals[entry] = Signal(
                    layer="terms", category=entry.category, score=1.0, rule=entry.rule,
                    detail=entry.term,
                )  # fmt: skip
            signal.spans.append(Span(match.start, match.end, text[match.start : match.end]))
        return list(signals.values())


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
    return _Compiled(
        entry=entry,
        folded=text,
        squeezed=folded.squeezed.text,
        word_edges=(word and is_word_char(text[0]), word and is_word_char(text[-1])),
        language=entry.language.split("-")[0].lower(),
        regions=frozenset(region.upper() for region in entry.regions),
    )


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
    """A squeezed match counts if it crossed a gap without a hard break, and each Latin letter
    or digit in it stood alone ("f u c k", not "She's hit")."""
    if positions[-1] - positions[0] + 1 == len(positions):
        return False  # no gap: the folded pass already judged it
    for before, after in zip(positions, positions[1:], strict=False):
        if not HARD_BREAKS.isdisjoint(text[before + 1 : after]):
            return False
    last = len(text) - 1
    for position in positions:
        if is_word_char(text[position]) and (
            (position > 0 and is_word_char(text[position - 1]))
            or (position < last and is_word_char(text[position + 1]))
        ):
            return False
    return True


def _without_exceptions(hits: list, covers: list) -> list:
    """Drop hits covered by an exception that belongs to their entry (or to every entry)."""
    if not covers:
        return hits
    return [
        (number, start, end)
        for number, start, end in hits
        if not any(
            cover_start <= start and end <= cover_end and (owners is None or number in owners)
            for cover_start, cover_end, owners in covers
        )
    ]
