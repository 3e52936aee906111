"""Highlighted snippets: a window of the original text around the first match, escaped, with
each matched word in <mark>."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from crossnote.search.text import highlight_spans

ELLIPSIS = "…"


def snippet(text: str, tokens: set[str], *, width: int = 120) -> SafeString:
    """Up to `width` characters of `text` around its first match (its start when none)."""
    text = " ".join((text or "").split())
    spans = highlight_spans(text, tokens)
    start = 0
    if spans and spans[0][0] > width // 3:
        start = spans[0][0] - width // 3
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    out = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
