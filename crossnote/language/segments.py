"""Splitting text for translation so that what must survive does.

#topics, @mentions, URLs and emoji never reach a translation engine: the text is cut into
protected pieces, kept as they are, and translatable pieces, each split on sentence boundaries
and batched. Slang from the operator's glossary is protected too and replaced by its meaning in
the target language. Mixed Chinese/Latin text is further cut by script so each run is translated
from its own language.
"""

import re
from dataclasses import dataclass

URL = r"""https?://[^\s<>"']*[^\s<>"'.,!?;:，。！？）)]"""
MENTION = r"(?<![A-Za-z0-9_@])@[A-Za-z0-9_]{3,30}"
TOPIC = r"(?<![A-Za-z0-9_&#/])[#＃]\w{1,30}[#＃]?"
EMOJI = (
    r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]"
    r"[\uFE0F\u200D\U0001F3FB-\U0001F3FF]*)+"
)
PROTECTED_RE = re.compile(f"({URL}|{MENTION}|{TOPIC}|{EMOJI})")
SENTENCE_RE = re.compile(r"[^.!?。！？；;\n]+[.!?。！？；;]*\s*|\n+")
HAN_RUN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")


@dataclass
class Piece:
    text: str
    translate: bool
    source: str = ""  # language of a translatable piece
    replacement: str | None = None  # glossary meaning, for slang pieces


def _slang_re(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    parts = []
    for term in ordered:
        escaped = re.escape(term)
        # Latin slang must be a whole word ("yyds", not inside "yydsx"); Chinese has no spaces.
        parts.append(rf"(?<![A-Za-z]){escaped}(?![A-Za-z])" if term.isascii() else escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


def _sentences(text: str, source: str) -> list[Piece]:
    pieces = []
    for match in SENTENCE_RE.finditer(text):
        chunk = match.group(0)
        core = chunk.strip()
        if not core:
            pieces.append(Piece(chunk, translate=False))
            continue
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        tail = chunk[len(chunk.rstrip()) :]
        if lead:
            pieces.append(Piece(lead, translate=False))
        pieces.append(Piece(core, translate=True, source=source))
        if tail:
            pieces.append(Piece(tail, translate=False))
    return pieces


def _by_script(text: str, latin_source: str) -> list[Piece]:
    """Mixed text: Han runs are Chinese, the rest is the Latin part's language."""
    pieces: list[Piece] = []
    position = 0
    for match in HAN_RUN_RE.finditer(text):
        if match.start() > position:
            pieces += _sentences(text[position : match.start()], latin_source)
        pieces += _sentences(match.group(0), "zh")
        position = match.end()
    if position < len(text):
        pieces += _sentences(text[position:], latin_source)
    return pieces


def split_for_translation(
    text: str,
    source: str,
    *,
    mixed_latin: str | None = None,
    glossary: dict | None = None,
    target: str = "",
) -> list[Piece]:
    """Cut `text` into protected and translatable pieces (see module docstring)."""
    glossary = glossary or {}
    slang = _slang_re(list(glossary))
    lowered = {term.lower(): meanings for term, meanings in glossary.items()}
    pieces: list[Piece] = []
    for index, chunk in enumerate(PROTECTED_RE.split(text)):
        if not chunk:
            continue
        if index % 2 == 1:
            pieces.append(Piece(chunk, translate=False))
            continue
        position = 0
        for match in slang.finditer(chunk) if slang else ():
            pieces += _plain(chunk[position : match.start()], source, mixed_latin)
            meaning = lowered.get(match.group(0).lower(), {}).get(target)
            pieces.append(Piece(match.group(0), translate=False, replacement=meaning))
            position = match.end()
        pieces += _plain(chunk[position:], source, mixed_latin)
    return pieces


def _plain(text: str, source: str, mixed_latin: str | None) -> list[Piece]:
    if not text:
        return []
    if mixed_latin is not None:
        return _by_script(text, mixed_latin)
    return _sentences(text, source)


def join_pieces(pieces: list[Piece], translated: dict[int, str]) -> str:
    """Put the text back together: translations where made, glossary meanings, the rest as is."""
    out = []
    for index, piece in enumerate(pieces):
        if index in translated:
            out.append(translated[index])
        elif piece.replacement:
            out.append(piece.replacement)
        else:
            out.append(piece.text)
    return "".join(out)
