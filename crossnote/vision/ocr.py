"""Reading the text in a photo, offline: RapidOCR (PP-OCRv4 detection and recognition for Chinese
and English, ONNX models inside its wheel) behind one small function, `read_text(image bytes)`.

One engine per process, made on first use (~0.2 s); every reading goes through one worker thread,
so a process never runs two at once (ONNX Runtime already uses every core for one). The work is
bounded: the picture is shrunk to MAX_PIXELS before detection, a reading that takes longer than
TIME_LIMIT_S is abandoned (OcrFailed; the page and search simply have no text for that photo),
and at most MAX_LINES lines and MAX_TEXT_CHARS characters are kept.
"""

import io
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import cast

from PIL import Image, ImageOps

ENGINE = "rapidocr-ppocrv4"
MAX_PIXELS = 2_000_000  # a 1080 × 1440 large variant is 1.56 MP: read as it is
TIME_LIMIT_S = 30.0
MAX_LINES = 200
MAX_TEXT_CHARS = 5000  # the translation service's own limit (language.services)
FLAT_RANGE = 8  # grey levels between darkest and lightest below which nothing is written
MIN_CONFIDENCE = 0.5  # recognitions below this are mostly texture read as letters
# Two boxes are one line when they overlap vertically by this share of the smaller height and
# the gap between them is under LINE_GAP heights (the detector splits "Welcome | TikTok").
LINE_OVERLAP = 0.6
LINE_GAP = 1.2
# Lines joined from several detector boxes are recognised again whole (for screening), at most
# this many a picture.
MAX_REREADS = 20

_lock = threading.Lock()
_engine = None
_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crossnote-ocr")


class OcrFailed(Exception):  # noqa: N818 - reads as what happened
    """The picture could not be read (not an image, or the time limit ran out)."""


@dataclass
class Line:
    text: str
    box: list[float]  # x0, y0, x1, y1 in 0..1 of the image
    confidence: float
    pieces: int = 1  # detector boxes joined into this line (merge_lines)
    # The whole line recognised again as one piece, when it was joined from several: letters
    # drawn apart (full-width, spaced, circled) read as a word. For screening only (not stored).
    reread: str = ""

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "box": [round(v, 4) for v in self.box],
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Reading:
    lines: list[Line] = field(default_factory=list)
    width: int = 0
    height: int = 0
    elapsed_ms: int = 0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)[:MAX_TEXT_CHARS]

    @property
    def screenings(self) -> list[str]:
        """What moderation screens (screening_texts): the text as read, and as re-read."""
        return screening_texts(self.text, rereads=[line.reread for line in self.lines])

    @property
    def confidence(self) -> float:
        if not self.lines:
            return 0.0
        return round(sum(line.confidence for line in self.lines) / len(self.lines), 3)


def engine():
    """The process's RapidOCR engine, made on first use."""
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR()
    return _engine


def _picture(data: bytes) -> Image.Image:
    """The picture in RGB, upright, shrunk to MAX_PIXELS."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except Image.UnidentifiedImageError as exc:  # its text names an io.BytesIO object
        raise OcrFailed("not a readable image: not a picture format Pillow reads") from exc
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise OcrFailed(f"not a readable image: {exc}") from exc
    width, height = picture.size
    if width * height > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
        picture = picture.resize((max(1, int(width * scale)), max(1, int(height * scale))))
    return picture


def _flat(picture: Image.Image) -> bool:
    """One colour all over (no ink to read): the engine is not asked."""
    low, high = cast(tuple[int, int], picture.convert("L").getextrema())  # one band: (min, max)
    return high - low < FLAT_RANGE


def _spaced(left: str, right: str) -> str:
    """Join two pieces of a line: a space between Latin words, none between Han characters."""
    if not left or not right:
        return left + right
    wide = unicodedata.east_asian_width(left[-1]) in "WF" or (
        unicodedata.east_asian_width(right[0]) in "WF"
    )
    return left + right if wide else f"{left} {right}"


def _same_line(a: Line, b: Line) -> bool:
    height = min(a.box[3] - a.box[1], b.box[3] - b.box[1])
    overlap = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    gap = max(a.box[0], b.box[0]) - min(a.box[2], b.box[2])  # either side; < 0: they overlap
    return height > 0 and overlap >= LINE_OVERLAP * height and gap <= LINE_GAP * height


def _centre(line: Line) -> float:
    return (line.box[1] + line.box[3]) / 2


def merge_lines(pieces: list[Line]) -> list[Line]:
    """Pieces the detector split on one line joined again, in reading order (top to bottom,
    left to right), so a line is translated and screened as the phrase it is. A Han glyph's box
    is taller than a Latin word's beside it, so lines are ordered by their middles."""
    lines: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (p.box[0], _centre(p))):
        for line in lines:
            if _same_line(line, piece):
                line.text = _spaced(line.text, piece.text)
                line.box = [
                    min(line.box[0], piece.box[0]),
                    min(line.box[1], piece.box[1]),
                    max(line.box[2], piece.box[2]),
                    max(line.box[3], piece.box[3]),
                ]
                line.confidence = min(line.confidence, piece.confidence)
                line.pieces += piece.pieces
                break
        else:
            lines.append(Line(piece.text, list(piece.box), piece.confidence, piece.pieces))
    return sorted(lines, key=lambda line: (round(_centre(line), 2), line.box[0]))


def _recognise(array, size) -> list[Line]:
    found, _elapsed = engine()(array)
    width, height = size
    pieces = []
    for quad, text, score in found or []:
        text = " ".join(str(text).split())
        if not text or float(score) < MIN_CONFIDENCE:
            continue
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        box = [
            max(0.0, min(xs) / width),
            max(0.0, min(ys) / height),
            min(1.0, max(xs) / width),
            min(1.0, max(ys) / height),
        ]
        pieces.append(Line(text, box, float(score)))
    lines = merge_lines(pieces)
    for line in [line for line in lines if line.pieces > 1][:MAX_REREADS]:
        line.reread = _reread(array, line.box, size)
    return lines


def _reread(array, box, size) -> str:
    """The line in `box` recognised as one piece (no detection): the recogniser reads a whole
    line, so letters the detector split apart come back as the word they spell."""
    width, height = size
    tall = (box[3] - box[1]) * height
    x0, x1 = max(0, int(box[0] * width - 0.3 * tall)), min(width, int(box[2] * width + 0.3 * tall))
    y0 = max(0, int(box[1] * height - 0.15 * tall))
    y1 = min(height, int(box[3] * height + 0.15 * tall))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return ""
    found, _elapsed = engine()(array[y0:y1, x0:x1], use_det=False, use_cls=False, use_rec=True)
    for text, score in found or []:
        text = " ".join(str(text).split())
        if text and float(score) >= MIN_CONFIDENCE:
            return text
    return ""


# Single characters that are words of their own and do not join their neighbours.
_WORDS_OF_ONE = frozenset("aAI")


def _closed_up(line: str) -> str:
    """A line with the spaces around stray single characters closed up ("s hithead",
    "b 1 t ch": letters drawn apart, or read apart by the detector), "" when none."""
    tokens = line.split()
    if len(tokens) < 2:
        return ""
    out, changed = [tokens[0]], False
    for previous, token in zip(tokens, tokens[1:], strict=False):
        single = {len(previous), len(token)} & {1} and not (
            (len(previous) == 1 and previous in _WORDS_OF_ONE and len(token) > 1)
            or (len(token) == 1 and token in _WORDS_OF_ONE and len(previous) > 1)
        )
        if single and previous.isalnum() and token.isalnum():
            out[-1] += token
            changed = True
        else:
            out.append(token)
    return " ".join(out) if changed else ""


def screening_text(text: str, rereads=()) -> str:
    """What moderation screens for text read in a picture: the lines, each joined from several
    pieces replaced by its whole-line reading where there is one (`rereads`, in line order, ""
    where none: Line.reread), then each line with stray single characters closed up (see
    _closed_up), so letters drawn apart in the picture are screened as the word they spell. The
    garbled reading is left out rather than kept beside the good one: a classifier scores the
    whole text, and noise beside an insult dilutes it. Search and pages keep the text as read."""
    lines = text.splitlines()
    rereads = list(rereads)
    if len(rereads) == len(lines):
        lines = [again or line for line, again in zip(lines, rereads, strict=True)]
    closed = [line for line in lines if line]
    closed += [joined for line in lines if (joined := _closed_up(line))]
    return "\n".join(closed)


def screening_texts(text: str, rereads=()) -> list[str]:
    """The texts moderation screens, each on its own: the text as read, and with the lines read
    again whole in place of their pieces (when that differs). Neither is enough alone: a line
    read whole loses the spaces of "ｗｈａｔ ａ ｒｅｔａｒｄ", the pieces garble "ｓｔｕｐｉｄ"; and
    both in one text would let the garbled one dilute a classifier's score. [] when nothing."""
    found = [screening_text(text), screening_text(text, rereads)]
    return [text for text in dict.fromkeys(found) if text]


def read_text(data: bytes, *, time_limit: float = TIME_LIMIT_S) -> Reading:
    """The lines of text in an image (bytes of any format Pillow opens); raises OcrFailed."""
    import numpy as np

    started = time.monotonic()
    picture = _picture(data)
    size = picture.size
    if _flat(picture):
        return Reading([], size[0], size[1], int((time.monotonic() - started) * 1000))
    future = _worker.submit(_recognise, np.asarray(picture), size)
    try:
        lines = future.result(timeout=time_limit)
    except FutureTimeout as exc:
        future.cancel()
        raise OcrFailed(f"reading took over {time_limit:.0f} s") from exc
    kept, total = [], 0
    for line in lines[:MAX_LINES]:
        if total + len(line.text) > MAX_TEXT_CHARS:
            break
        kept.append(line)
        total += len(line.text) + 1
    elapsed = int((time.monotonic() - started) * 1000)
    return Reading(kept, size[0], size[1], elapsed)
