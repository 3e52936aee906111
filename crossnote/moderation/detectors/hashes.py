"""Hash matching: known-bad images by PDQ (perceptual) or MD5 (exact), spam waves by text hash.

PDQ is Meta's open perceptual image hash (ThreatExchange, HMA): 256 bits written as 64 hex
characters, most significant bit first, exactly as python-threatexchange writes them, so hashes
shared by other platforms match ours. Two images match when their Hamming distance is at most
31 (Meta's recommended threshold); hashes of quality below 50 are too featureless to match on.

A text hash is the SHA-256 of the text normalised so that reposts of a spam wave with trivial
edits (case, spacing, tracking parameters, changed numbers) hash the same; see `normalise_for_hash`.

`HashBank` holds entries in memory and returns `Signal`s; the lead's `HashEntry` model stores them.
`import_csv` / `export_csv` read and write hash lists (formats in `import_csv`'s docstring).
"""

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

import numpy as np
import pdqhash
from PIL import Image

from crossnote.moderation.detectors.base import Signal

PDQ_MATCH_THRESHOLD = 31  # Meta: distance <= 31 is a confident PDQ match
PDQ_MIN_QUALITY = 50  # python-threatexchange's PdqSignal.QUALITY_THRESHOLD
MAX_MATCHES = 20  # signals returned per image; the nearest first
KINDS = ("pdq", "md5", "text")
HEX_LENGTH = {"pdq": 64, "md5": 32, "text": 64}
KIND_ALIASES = {  # python-threatexchange / HMA signal type names -> ours
    "pdq": "pdq",
    "md5": "md5",
    "video_md5": "md5",
    "photo_md5": "md5",
    "text": "text",
    "raw_text": "raw_text",  # the text itself: hashed with text_hash on import
}
CATEGORY_SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")  # HashEntry.category is 40 characters
NOTE_MAX = 200  # HashEntry.note is 200 characters; longer tag lists are cut
HEX = re.compile(r"^[0-9a-f]*$")
VALUE_COLUMNS = ("value", "signal_str", "signal_value", "signal", "hash")
KIND_COLUMNS = ("kind", "signal_type")
EXPORT_COLUMNS = ("kind", "value", "category", "note", "id")


class HashListError(ValueError):
    """A hash list could not be imported; the message names the line and the problem."""


@dataclass(frozen=True)
class HashEntry:
    """One banked hash: what it is, which policy category it evidences, where it came from."""

    kind: str  # "pdq", "md5" or "text"
    value: str  # lower-case hex: 64 (pdq, text) or 32 (md5) characters
    category: str  # a policy category slug
    source: str = ""  # the bank or list it came from, e.g. "local", "threatexchange"
    note: str = ""
    id: int | str | None = None  # the stored row's id (or the list's own id) for the rule name

    @property
    def rule(self) -> str:
        """Names the entry in a Signal: hash:<source>#<id>."""
        ident = self.id if self.id not in (None, "") else f"{self.kind}:{self.value[:16]}"
        return f"hash:{self.source or 'local'}#{ident}"


# --- hashing ---------------------------------------------------------------------------------


def pdq_hash(image: Image.Image) -> tuple[str, int]:
    """(64-hex PDQ hash, quality 0..100) of a decoded image; alpha is dropped, as PDQ wants RGB."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    bits, quality = pdqhash.compute(np.asarray(rgb))
    # bits[0] is the most significant bit of the first hex digit (python-threatexchange order).
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex(), int(quality)


def pdq_hash_bytes(data: bytes) -> tuple[str, int]:
    """PDQ of an encoded image (e.g. the stored "large" WebP variant)."""
    with Image.open(io.BytesIO(data), formats=("WEBP", "JPEG", "PNG", "GIF")) as image:
        image.seek(0)
        return pdq_hash(image)


def pdq_distance(a_hex: str, b_hex: str) -> int:
    """Hamming distance between two 64-hex PDQ hashes (0..256)."""
    return (int(a_hex, 16) ^ int(b_hex, 16)).bit_count()


def md5_hex(data: bytes) -> str:
    """MD5 of the bytes, as hash lists share it (not a security use)."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


# Unicode's format characters (category Cf): zero-width spaces and joiners, bidi controls, soft
# hyphen, BOM, tag characters. Listed rather than tested one by one: 20× faster.
INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
URL_QUERY = re.compile(r"((?:https?://|www\.)[^\s?#]+)[?#]\S*")
DIGIT_RUN = re.compile(r"\d+")
WHITESPACE = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """The text as a spam wave's reposts share it.

    In order: NFKC (full-width → ASCII, compatibility forms); invisible format characters
    (zero-width spaces and joiners, category Cf) removed; case-folded; each URL's query string and
    fragment dropped (tracking parameters); every run of digits → "0" (prices, phone numbers,
    counters); all whitespace removed — not just collapsed — so "加 微 信" equals "加微信".
    """
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    text = URL_QUERY.sub(r"\1", text.casefold())
    text = DIGIT_RUN.sub("0", text)
    return WHITESPACE.sub("", text)


def text_hash(text: str) -> str:
    """SHA-256 hex of `normalise_for_hash(text)`."""
    return hashlib.sha256(normalise_for_hash(text).encode()).hexdigest()


# --- the bank --------------------------------------------------------------------------------


class HashBank:
    """Entries in memory, ready to match: PDQ by a vectorised Hamming scan, MD5 and text by dict.

    The scan XORs the query against every banked hash as four uint64 words and counts bits with
    numpy; 100,000 hashes take about 0.2 ms on one core (bench/moderation_hashes.py).
    """

    def __init__(
        self,
        entries: Iterable[HashEntry] = (),
        *,
        pdq_threshold: int = PDQ_MATCH_THRESHOLD,
        min_quality: int = PDQ_MIN_QUALITY,
    ):
        self.pdq_threshold = pdq_threshold
        self.min_quality = min_quality
        self._pdq: list[HashEntry] = []
        self._exact: dict[tuple[str, str], list[HashEntry]] = {}
        for entry in entries:
            check_value(entry.kind, entry.value)
            if entry.kind == "pdq":
                self._pdq.append(entry)
            else:
                self._exact.setdefault((entry.kind, entry.value.lower()), []).append(entry)
        packed = b"".join(bytes.fromhex(entry.value) for entry in self._pdq)
        # Column-major (4, N): each of the four XOR + popcount passes runs over contiguous
        # memory, about 8× faster than summing the rows of an (N, 4) array.
        words = np.frombuffer(packed, dtype=np.uint64).reshape(-1, 4)
        self._pdq_words = np.ascontiguousarray(words.T)

    def __len__(self) -> int:
        return len(self._pdq) + sum(len(found) for found in self._exact.values())

    def match_image(
        self,
        pdq_hex: str | None = None,
        md5_hex: str | None = None,
        *,
        quality: int | None = None,
        threshold: int | None = None,
        limit: int = MAX_MATCHES,
    ) -> list[Signal]:
        """Signals for banked images near this PDQ hash or equal to this MD5; nearest first.

        Pass the hash's `quality`: below `min_quality` the PDQ is not matched (flat images hash
        alike). MD5 matches score 1.0; PDQ matches 1 - distance/256.
        """
        signals = [
            Signal(layer="hash", category=e.category, score=1.0, rule=e.rule, detail="MD5 match")
            for e in self._exact.get(("md5", (md5_hex or "").lower()), [])
        ]
        if pdq_hex and len(self._pdq) and (quality is None or quality >= self.min_quality):
            signals += self._match_pdq(pdq_hex, threshold, limit)
        return signals[:limit]

    def _match_pdq(self, pdq_hex: str, threshold: int | None, limit: int) -> list[Signal]:
        check_value("pdq", pdq_hex)
        query = np.frombuffer(bytes.fromhex(pdq_hex), dtype=np.uint64)
        words = self._pdq_words
        distances = np.bitwise_count(words[0] ^ query[0]).astype(np.uint16)
        for k in (1, 2, 3):
            distances += np.bitwise_count(words[k] ^ query[k])
        limit_distance = self.pdq_threshold if threshold is None else threshold
        near = np.flatnonzero(distances <= limit_distance)
        near = near[np.argsort(distances[near], kind="stable")][:limit]
        return [
            Signal(
                layer="hash",
                category=self._pdq[i].category,
                score=1 - int(distances[i]) / 256,
                rule=self._pdq[i].rule,
                detail=f"PDQ distance {int(distances[i])}",
            )
            for i in near
        ]

    def match_text(self, text: str) -> list[Signal]:
        """Signals for banked texts this text equals after `normalise_for_hash`."""
        if not normalise_for_hash(text):
            return []  # emoji-only or blank: nothing to match on
        return [
            Signal(layer="hash", category=e.category, score=1.0, rule=e.rule, detail="same text")
            for e in self._exact.get(("text", text_hash(text)), [])
        ]


def check_value(kind: str, value: str) -> str:
    """The lower-cased hex value, or ValueError saying what is wrong with it."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (expected {', '.join(KINDS)})")
    value = value.strip().lower()
    if not HEX.match(value):
        raise ValueError(f"{kind} value is not hexadecimal: {value[:70]!r}")
    if len(value) != HEX_LENGTH[kind]:
        raise ValueError(
            f"{kind} value has {len(value)} hex characters, expected {HEX_LENGTH[kind]}"
        )
    return value


# --- CSV import / export ---------------------------------------------------------------------


def import_csv(
    fileobj: IO, default_category: str, source: str, *, default_kind: str = "pdq"
) -> list[HashEntry]:
    """Read a hash list; all or nothing: the first bad line raises HashListError naming it.

    Accepted forms (blank lines and lines starting with "#" are skipped; UTF-8, BOM allowed):

    1. One signal per line, bare ("<hex>", read as `default_kind`) or "<kind> <value>" separated
       by a space — python-threatexchange's LocalFileSignalExchangeAPI file format.
    2. Headerless CSV "<hex>,<category>[,<note>]": a blank category means `default_category`.
    3. Headerless ThreatExchange rows whose second column is a number:
       "<hash>,<indicator id>,<added on>,<space-separated tags>" as in HMA's sample_data/*.csv
       (id and tags kept; tags go to the note), or "<hash>,<quality>[,<file>]" as Meta's
       pdq-photo-hasher prints it (the file name goes to the note).
    4. CSV with a header naming its columns: value (or signal_str, signal_value, signal, hash),
       kind (or signal_type), category, note, tags, id. This module's `export_csv` writes this
       form. In python-threatexchange's form (a `signal_str` column) `category` is a
       ThreatExchange opinion such as WORTH_INVESTIGATING, so it goes to the note.

    Kinds: pdq, md5 (aliases video_md5, photo_md5), text (a text_hash), raw_text (the text
    itself, hashed here). Values are checked (hex, length); categories must be slugs. A value
    listed twice is kept once. Notes longer than 200 characters are cut.
    """
    rows = _csv_rows(fileobj)
    header = _header(*rows[0]) if rows else None
    entries: dict[tuple[str, str], HashEntry] = {}
    for line, cells in rows[1:] if header else rows:
        try:
            fields = _fields_from_header(cells, header) if header else _fields(cells)
            entry = _entry(fields, default_category, source, default_kind)
        except ValueError as exc:
            raise HashListError(f"line {line}: {exc}") from None
        entries.setdefault((entry.kind, entry.value), entry)
    return list(entries.values())


def export_csv(entries: Iterable[HashEntry], fileobj: IO[str]) -> None:
    """Write entries as CSV with a header (kind,value,category,note,id), readable by import_csv."""
    writer = csv.writer(fileobj, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for entry in entries:
        ident = "" if entry.id is None else entry.id
        writer.writerow([entry.kind, entry.value, entry.category, entry.note, ident])


def _csv_rows(fileobj: IO) -> list[tuple[int, list[str]]]:
    """(line number, stripped cells) of every row that is not blank or a comment."""
    data = fileobj.read()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise HashListError("line 1: the file is not UTF-8 text") from exc
    reader = csv.reader(io.StringIO(data.removeprefix("\ufeff")))
    rows = []
    try:
        for cells in reader:
            cells = [cell.strip() for cell in cells]
            if any(cells) and not cells[0].startswith("#"):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise HashListError(f"line {reader.line_num}: {exc}") from exc
    return rows


def _header(line: int, cells: list[str]) -> dict[str, int] | None:
    """Column positions when the first row is a header, else None."""
    names = [cell.lower() for cell in cells]
    known = {*VALUE_COLUMNS, *KIND_COLUMNS, "category", "note", "tags", "id", "collab", "source"}
    if not any(name in known for name in names):
        return None
    header = {name: i for i, name in reversed(list(enumerate(names)))}
    if not any(name in header for name in VALUE_COLUMNS):
        columns = ", ".join(VALUE_COLUMNS)
        raise HashListError(f"line {line}: the header has no value column ({columns})")
    return header


def _fields_from_header(cells: list[str], header: dict[str, int]) -> dict[str, str]:
    def cell(*names: str) -> str:
        for name in names:
            if name in header and header[name] < len(cells):
                return cells[header[name]]
        return ""

    value_column = next(name for name in VALUE_COLUMNS if name in header)
    if header[value_column] >= len(cells) or not cells[header[value_column]]:
        raise ValueError(f"missing the {value_column} column")
    fields = {"value": cell(value_column), "kind": cell(*KIND_COLUMNS), "id": cell("id")}
    opinion = "signal_str" in header  # python-threatexchange: category is TE's opinion
    category = cell("category")
    notes = [cell("note"), category if opinion else "", cell("tags")]
    fields["category"] = "" if opinion else category
    fields["note"] = "; ".join(note for note in notes if note)
    return fields


def _fields(cells: list[str]) -> dict[str, str]:
    """Fields of a headerless row (forms 1–3 of import_csv)."""
    if len(cells) == 1:
        kind, _, value = cells[0].partition(" ")
        return {"kind": kind, "value": value.strip()} if value else {"value": kind}
    value, second, *rest = cells
    if second.isdigit() and len(cells) >= 4:  # hash, indicator id, added on, tags
        return {"value": value, "id": second, "note": " ".join(rest[1:])}
    if second.isdigit():  # hash, quality[, file]
        return {"value": value, "note": " ".join(rest)}
    return {"value": value, "category": second, "note": ",".join(rest)}


def _entry(fields: dict, default_category: str, source: str, default_kind: str) -> HashEntry:
    kind_name = (fields.get("kind") or default_kind).lower()
    kind = KIND_ALIASES.get(kind_name)
    if kind is None:
        raise ValueError(f"unknown kind {kind_name!r} (expected {', '.join(KIND_ALIASES)})")
    value = fields.get("value", "")
    if not value:
        raise ValueError("missing the value column")
    if kind == "raw_text":
        kind, value = "text", text_hash(value)
    category = fields.get("category") or default_category
    if not CATEGORY_SLUG.match(category):
        raise ValueError(f"category {category[:50]!r} is not a slug such as 'spam' or 'hate'")
    return HashEntry(
        kind=kind,
        value=check_value(kind, value),
        category=category,
        source=source,
        note=fields.get("note", "")[:NOTE_MAX],
        id=_ident(fields.get("id", "")),
    )


def _ident(text: str) -> int | str | None:
    """A list's own id: a number stays a number (so export → import round-trips)."""
    return int(text) if text.isdigit() else (text or None)
