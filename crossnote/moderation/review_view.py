"""What a moderator sees for one item: the original, a translation into their language with the
triggering spans highlighted in both, the signals, the author's history and the AI's suggestion."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from crossnote.core.errors import NotFound
from crossnote.moderation.models import ReviewItem, Strike
from crossnote.moderation.review import content_for


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text with the given (start, end) spans wrapped in <mark>."""
    out, position = [], 0
    for start, end in sorted(set(spans)):
        if start < position or end > len(text) or start >= end:
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - every part escaped


def _signals(item, text: str) -> list[dict]:
    if item.trigger is not None and item.trigger.signals:
        return item.trigger.signals
    from crossnote.moderation.services import screen_text

    signals, _verdict = screen_text(text, kind=item.kind, author=item.author)
    return [
        {**s.as_dict(), "spans": [span.__dict__ for span in s.spans]}
        for s in signals
        if s.score >= 0.3
    ]


def _spans(signals, text) -> list[tuple[int, int]]:
    spans = []
    for signal in signals:
        for span in signal.get("spans", []):
            if text[span["start"] : span["end"]] == span["text"]:
                spans.append((span["start"], span["end"]))
    return spans


def _translated(text, target, span_texts, private):
    """The text in the moderator's language, with the spans' translations marked too."""
    from crossnote.core.errors import DomainError
    from crossnote.language.services import translate_text

    try:
        result = translate_text(text, target, private=private)
    except DomainError:
        return None, None, ""
    if result.unchanged:
        return None, None, ""
    marks = []
    for term in span_texts:
        try:
            term_target = translate_text(term, target, private=private).text.strip()
        except DomainError:
            continue
        for candidate in {term, term_target}:
            start = result.text.find(candidate) if candidate else -1
            while start != -1:
                marks.append((start, start + len(candidate)))
                start = result.text.find(candidate, start + len(candidate))
    return result.text, highlight(result.text, marks), result.backend_label


SUMMARY_FIELDS = (
    "id",
    "kind",
    "object_id",
    "source",
    "category",
    "language",
    "region",
    "priority",
    "suggested_action",
    "confidence",
    "status",
    "needs_senior",
    "created_at",
)


def summary(item) -> dict:
    """The queue's view of an item (the API's ItemOut)."""
    return {
        **{field: getattr(item, field) for field in SUMMARY_FIELDS},
        "claimed_by": item.claimed_by.username if item.claimed_by_id else None,
        "is_appeal": item.appeal_id is not None,
        "reports": item.reports.count(),
    }


def item_context(moderator, item_id: int, *, target: str = "") -> dict:
    item = (
        ReviewItem.objects.select_related("author", "trigger", "appeal").filter(pk=item_id).first()
    )
    if item is None:
        raise NotFound()
    obj = content_for(item.kind, item.object_id)
    from crossnote.moderation.services import text_of

    text = text_of(obj, item.kind) if obj is not None else item.content_text
    signals = _signals(item, text)
    spans = _spans(signals, text)
    target = target or (moderator.languages[0] if moderator.languages else "en")
    # A comment is as private as the note it sits under (followers-only text stays local).
    note = obj if item.kind == "note" else getattr(obj, "note", None)
    private = item.kind in ("note", "comment") and note is not None and note.visibility != "public"
    # Private messages (a message report, or its text once the report is gone) stay on local
    # engines, and each view of them goes into the senders' access log.
    private = private or item.kind not in ("note", "comment", "profile")
    if obj is not None and getattr(obj, "is_private", False):
        from crossnote.core import hooks

        hooks.collect("review_item_viewed", viewer=moderator, item=item, obj=obj)
    translation, translation_html, engine = _translated(
        text, target, [text[s:e] for s, e in spans], private
    )
    strikes = Strike.objects.filter(user=item.author, lifted=False).count() if item.author else 0
    api = {
        **summary(item),
        "original": text,
        "translation": translation,
        "translation_engine": engine or None,
        "signals": signals,
        "author_strikes": strikes,
    }
    images = list(obj.images.all()) if item.kind == "note" and obj is not None else []
    return {
        "item": item,
        "obj": obj,
        "api": api,
        "original_html": highlight(text, spans),
        "translation_html": translation_html,
        "engine": engine,
        "signals": signals,
        "strikes": strikes,
        "images": images,
        "reports": item.reports.select_related("reporter"),
    }
