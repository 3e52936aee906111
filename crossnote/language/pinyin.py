"""Pinyin ruby over Chinese text for learners (pypinyin, with its phrase dictionary)."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pypinyin import Style, pinyin

HAN_RUN_RE = re.compile(r"[\u3400-\u9fff]+")


def pinyin_ruby(text: str) -> SafeString:
    """Escaped text where each Han character carries its tone-marked pinyin in <ruby>."""
    out: list[str] = []
    position = 0
    for match in HAN_RUN_RE.finditer(text or ""):
        out.append(escape(text[position : match.start()]))
        run = match.group(0)
        readings = pinyin(run, style=Style.TONE, heteronym=False)
        for char, reading in zip(run, readings, strict=False):
            out.append(f"<ruby>{escape(char)}<rt>{escape(reading[0])}</rt></ruby>")
        position = match.end()
    out.append(escape((text or "")[position:]))
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - every part escaped


def pinyin_text(text: str) -> str:
    """Plain pinyin of the Han characters, other text kept: '我爱火锅!' → 'wǒ ài huǒ guō!'."""
    parts = []
    position = 0
    for match in HAN_RUN_RE.finditer(text or ""):
        parts.append(text[position : match.start()])
        parts.append(" ".join(r[0] for r in pinyin(match.group(0), style=Style.TONE)))
        position = match.end()
    parts.append((text or "")[position:])
    return "".join(parts)
