"""View-models: what the pages, the API and the CLI show, built from selectors' reads.

The review page of one item (the original, a translation into the moderator's language with the
triggering spans highlighted in both, the signals, the author's history and the AI's suggestion),
the queue's rows, a person's notices, what a report is about, and the transparency charts."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from crossnote.accounts.models import READER_LANGUAGE_NAMES
from crossnote.core import hooks
from crossnote.core.errors import DomainError
from crossnote.language.detection import UNDETERMINED
from crossnote.language.services import translate_text
from crossnote.moderation import engine, selectors
from crossnote.moderation.categories import category_name
from crossnote.moderation.engine import compares
from crossnote.moderation.models import SEVERITY, Action
from crossnote.moderation.services.enforcement import ACTION_WORDS, LAYER_NAMES, restate
from crossnote.notes.models import Comment, ModerationState, Note
from crossnote.notes.policies import viewer_region

# The default policies' names (default_policies.yaml), for the translations to know them; a
# test keeps this list equal to the file's. Stored as written; shown by `policy_name`.
DEFAULT_POLICY_NAMES = (
    gettext_noop("Known illegal image (hash bank)"),
    gettext_noop("Scam phrases"),
    gettext_noop("Spam wave repost"),
    gettext_noop("Spam phrases"),
    gettext_noop("Hate terms"),
    gettext_noop("Harassment terms"),
    gettext_noop("Likely offensive (classifier)"),
    gettext_noop("Very likely offensive (classifier)"),
    gettext_noop("English profanity (alt-profanity-check)"),
    gettext_noop("Listed profanity"),
    gettext_noop("LLM guard hate"),
    gettext_noop("LLM guard sexual content"),
    gettext_noop("LLM guard self-harm"),
    gettext_noop("LLM guard violence"),
    gettext_noop("Private information (warn the author only)"),
)
SNIPPET_CHARS = 140
NOTICE_COMMENT_CHARS = 60


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text with the given (start, end) spans wrapped in <mark>."""
    out: list[str] = []
    position = 0
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
    signals, _verdict = selectors.screen_text(
        text, kind=item.kind, language=item.language or "", author=item.author
    )
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


def policy_threshold(policy, signal, *, lone: bool = False) -> tuple[float | None, str]:
    """The score at which `policy` acts on `signal`, and whose threshold that is: the policy's
    own min_score, or the model's threshold for that action and the text's language group
    (Signal.thresholds, chosen on validation data and stored with the model; for a `lone`
    signal its alone threshold where higher) where that is higher; None when the model never
    takes that action alone. The same rule as the engine (engine.model_threshold)."""
    if policy.action in (getattr(signal, "thresholds", None) or {}):
        needed = engine.model_threshold(signal, policy.action, lone=lone)
        if needed is None:
            return None, "model"
        if needed > policy.min_score:
            return float(needed), "model"
    return policy.min_score, "policy"


def policy_name(name: str) -> str:
    """A policy's name in the reader's language: a default policy's as the translations know it
    (a Chinese moderator read “Harassment terms” in English), an operator's own as written."""
    return _(name) if name else name


def explain_suggestion(item, text: str) -> dict:
    """Why the AI suggests what it does for this item: each layer's score on the text, the
    threshold of every policy that score was compared to, and the suggestion those comparisons
    give (the policy engine's verdict). Recomputed from the text and the policies in force now;
    `recorded` is what was suggested when the item was queued."""
    region = viewer_region(item.author)
    if (text or "").strip():
        signals, verdict = selectors.screen_text(
            text, kind=item.kind, language=item.language or "", author=item.author
        )
    else:
        signals, verdict = [], engine.Verdict()
    policies = engine.active_policies()
    order = list(LAYER_NAMES)
    layers, pairs = [], []
    for signal in sorted(
        signals, key=lambda s: (order.index(s.layer) if s.layer in order else 99, -s.score)
    ):
        compared = []
        lone = engine.is_lone(signal, signals, policies, item.kind, region)
        for policy in policies:
            if not compares(policy, signal, item.kind, region):
                continue
            threshold, source = policy_threshold(policy, signal, lone=lone)
            row = {
                "policy": policy.name,
                "policy_name": policy_name(policy.name),
                "threshold": round(threshold, 4) if threshold is not None else None,
                "threshold_from": source,
                "action": policy.action,
                "action_name": str(Action(policy.action).label),
                "reached": threshold is not None and signal.score >= threshold,
            }
            compared.append(row)
            if policy.action != Action.ALLOW and threshold is not None:
                pairs.append((signal, row))
        layers.append(
            {
                "layer": signal.layer,
                "layer_name": str(LAYER_NAMES.get(signal.layer, signal.layer)),
                "category": signal.category,
                "category_name": category_name(signal.category),
                "score": round(signal.score, 4),
                "rule": signal.rule,
                "detail": signal.detail,
                "advisory": signal.layer in engine.ADVISORY_LAYERS,
                "ambiguous": bool(getattr(signal, "ambiguous", False)),
                "policies": compared,
            }
        )
    seen = {row["layer"] for row in layers}
    for layer, name in LAYER_NAMES.items():
        if layer not in seen and layer not in engine.ADVISORY_LAYERS:
            layers.append(
                {
                    "layer": layer,
                    "layer_name": str(name),
                    "category": "",
                    "category_name": "",
                    "score": None,
                    "rule": "",
                    "detail": "",
                    "advisory": False,
                    "ambiguous": False,
                    "policies": [],
                }
            )
    action = verdict.action
    if verdict.policy is not None:
        trigger = max(verdict.signals, key=lambda s: s.score)
        threshold, _source = policy_threshold(
            verdict.policy,
            trigger,
            lone=engine.is_lone(trigger, signals, policies, item.kind, region),
        )
        why = _(
            "%(layer)s scored %(score).2f, at or above %(threshold).2f, the threshold of the "
            "policy “%(policy)s”: %(action)s."
        ) % {
            "layer": LAYER_NAMES.get(trigger.layer, trigger.layer),
            "score": trigger.score,
            "threshold": threshold,
            "policy": policy_name(verdict.policy.name),
            "action": Action(action).label,
        }
    elif verdict.acts and any(row["reached"] for _signal, row in pairs):
        # The engine capped the action: an ambiguous signal on its own labels at most.
        signal, row = max(
            ((sig, row) for sig, row in pairs if row["reached"]),
            key=lambda pair: (SEVERITY[str(pair[1]["action"])], pair[0].score),
        )
        why = _(
            "%(layer)s scored %(score).2f, at or above %(threshold).2f, the threshold of the "
            "policy “%(policy)s”; on its own an ambiguous signal labels at most: %(action)s."
        ) % {
            "layer": LAYER_NAMES.get(signal.layer, signal.layer),
            "score": signal.score,
            "threshold": row["threshold"],
            "policy": row["policy_name"],
            "action": Action(action).label,
        }
    elif pairs:
        signal, row = max(pairs, key=lambda pair: pair[0].score / (pair[1]["threshold"] or 1))
        why = _(
            "No policy's threshold was reached: the closest is %(layer)s at %(score).2f against "
            "%(threshold).2f (“%(policy)s”, which would: %(action)s)."
        ) % {
            "layer": LAYER_NAMES.get(signal.layer, signal.layer),
            "score": signal.score,
            "threshold": row["threshold"],
            "policy": row["policy_name"],
            "action": row["action_name"],
        }
    else:
        why = _("No layer gave a score that any policy acts on.")
    acting = [s for s in signals if s.layer not in engine.ADVISORY_LAYERS]
    top = max(acting, key=lambda s: s.score, default=None)
    recorded = item.suggested_action or Action.ALLOW
    return {
        "action": action,
        "action_name": str(Action(action).label),
        "policy": verdict.policy.name if verdict.policy is not None else None,
        "why": why,
        "top_score": round(engine.top_score(signals), 4),
        "top_layer": top.layer if top is not None else None,
        "top_layer_name": str(LAYER_NAMES.get(top.layer, top.layer)) if top is not None else None,
        "layers": layers,
        "recorded": recorded,
        "recorded_name": str(Action(recorded).label) if recorded in Action.values else recorded,
        "changed": item.appeal_id is None and recorded != action,
    }


def _note_ref(note, comment=None) -> dict:
    url = note.get_absolute_url()
    return {
        "id": note.pk,
        "title": note.title,
        "snippet": Truncator(" ".join(note.body.split())).chars(SNIPPET_CHARS),
        "url": f"{url}#c{comment.pk}" if comment is not None else url,
    }


def parent_notes(items) -> dict[int, dict]:
    """For comment items: the note each comment sits under (title, a snippet, its link), keyed
    by the item's id, in one query."""
    ids = {i.object_id for i in items if i.kind == "comment"}
    if not ids:
        return {}
    comments = {
        c.pk: c
        for c in Comment.objects.filter(pk__in=ids)
        .select_related("note")
        .only("pk", "note__id", "note__title", "note__body", "note__language", "note__visibility")
    }
    return {
        i.pk: {
            **_note_ref(comments[i.object_id].note, comments[i.object_id]),
            "language": comments[i.object_id].note.language,
            "private": comments[i.object_id].note.visibility != "public",
        }
        for i in items
        if i.kind == "comment" and i.object_id in comments
    }


QUEUE_TITLES_BATCH = 10  # titles translated by one request after the queue page has loaded


def _wants_title(ref: dict, target: str) -> bool:
    """Whether a parent note's title is worth translating for a reader of `target`: it has one
    and its note is in another language (undetermined text is left as it is)."""
    language = ref.get("language") or UNDETERMINED
    return bool(ref["title"].strip()) and language not in (target, UNDETERMINED)


def queue_titles(under: dict[int, dict], target: str) -> list[str]:
    """The queue's parent-note titles in the moderator's language without slowing the page:
    those in the translation cache go in now (one query each for public and private notes);
    the rest are marked `title_pending` and returned as batches of item ids ("1,2,3") for the
    page to fetch once it has loaded (views.queue_titles); without JavaScript the original
    stays. Translating 100 titles on first view took seconds with the offline engine."""
    target = target.split("-")[0]
    wanted = {pk: ref for pk, ref in under.items() if _wants_title(ref, target)}
    for private in (False, True):
        refs = [ref for ref in wanted.values() if ref["private"] is private]
        cached = selectors.cached_for_reader(
            [ref["title"] for ref in refs], target, private=private
        )
        for ref in refs:
            ref["title_translated"] = cached.get(ref["title"].strip())
    pending = [pk for pk, ref in wanted.items() if ref.get("title_translated") is None]
    for pk in pending:
        under[pk]["title_pending"] = True
    return [
        ",".join(str(pk) for pk in pending[i : i + QUEUE_TITLES_BATCH])
        for i in range(0, len(pending), QUEUE_TITLES_BATCH)
    ]


def queue_titles_translated(items, target: str) -> list[tuple[int, dict]]:
    """For views.queue_titles: each of these comment items' parent-note title translated for
    the moderator (through the translation service and its cache), [(item id, ref)]."""
    under = parent_notes(list(items))
    for ref in under.values():
        if _wants_title(ref, target.split("-")[0]):
            ref["title_translated"] = selectors.translate_for_reader(
                ref["title"], target, private=ref["private"]
            )
    return sorted(under.items())


def restatement(decision, target: str, *, private: bool) -> str | None:
    """The decision's statement of reasons written again in the reader's language (`target`)
    from its parts, as it was written for the author; None where its parts are not kept (the
    statement the author received, translated, stands in) or it reads the same."""
    parts = selectors.statement_parts(decision)
    if parts is None:
        return None
    language = selectors.statement_language(target)
    if language == selectors.author_language(decision.author):
        return None  # the reader reads the author's own statement
    return restate(decision, parts, language, private=private)


def note_ref_for_reader(ref: dict, target: str, *, private: bool) -> dict:
    """The note a comment sits under with its title and snippet translated into the moderator's
    language, as the comment's own text is (a Chinese moderator read the title in English)."""
    return {
        **ref,
        "title_translated": selectors.translate_for_reader(ref["title"], target, private=private),
        "snippet_translated": selectors.translate_for_reader(
            ref["snippet"], target, private=private
        ),
    }


def appeal_context(item, target: str) -> dict | None:
    """For an appeal: the author's appeal and the original decision, each with a translation
    into the deciding moderator's language (the engine named) beside the original; the statement
    the author received written again in that language (`restatement`)."""
    if item.appeal_id is None:
        return None
    appeal = item.appeal
    decision = appeal.decision
    obj = selectors.content_for(decision.kind, decision.object_id)
    private = selectors.is_private(decision.kind, obj)
    return {
        "id": appeal.pk,
        "text": selectors.translate_for_reader(appeal.text, target, private=private),
        "decision": {
            "id": decision.pk,
            "action": decision.action,
            "action_name": str(Action(decision.action).label),
            "category": decision.category,
            "category_name": category_name(decision.category) if decision.category else "",
            "automated": decision.automated,
            "moderator": decision.moderator.username if decision.moderator_id else None,
            "reason": selectors.translate_for_reader(
                selectors.decision_reason(decision), target, private=private
            ),
            "statement": selectors.translate_for_reader(
                decision.statement, target, private=private
            ),
            "restatement": restatement(decision, target, private=private),
            "statement_language": selectors.author_language(decision.author),
            "created_at": decision.created_at,
        },
    }


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
    """Everything the review page shows of one item; `api` is the API's ItemDetailOut."""
    item = selectors.review_item(item_id)
    obj = selectors.content_for(item.kind, item.object_id)
    text = selectors.text_of(obj, item.kind) if obj is not None else item.content_text
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
        hooks.collect(hooks.REVIEW_ITEM_VIEWED, viewer=moderator, item=item, obj=obj)
    translation, translation_html, engine_name = _translated(
        text, target, [text[s:e] for s, e in spans], private
    )
    strikes = selectors.active_strikes(item.author)
    suggestion = explain_suggestion(item, text)
    under = _note_ref(obj.note, obj) if item.kind == "comment" and obj is not None else None
    if under is not None:
        under = note_ref_for_reader(under, target, private=private)
    appeal = appeal_context(item, target)
    api = {
        **summary(item),
        "original": text,
        "translation": translation,
        "translation_engine": engine_name or None,
        "signals": signals,
        "author_strikes": strikes,
        "suggestion": suggestion,
        "note": under,
        "appeal": appeal,
    }
    images = list(obj.images.all()) if item.kind == "note" and obj is not None else []
    return {
        "item": item,
        "obj": obj,
        "api": api,
        "original_html": highlight(text, spans),
        "translation_html": translation_html,
        "engine": engine_name,
        "signals": signals,
        "strikes": strikes,
        "suggestion": suggestion,
        "under": under,
        "appeal": appeal,
        "images": images,
        "reports": report_rows(item, target, private),
    }


def report_rows(item, target: str, private: bool) -> list[dict]:
    """The reports on an item as its moderator reads them: the category's name (the stored slug,
    e.g. "harassment", reached a Chinese moderator in English) and the reporter's own words with
    a translation into the moderator's language beside them."""
    return [
        {
            "reason": report.reason,
            "reason_name": category_name(report.reason),
            "text": (
                selectors.translate_for_reader(report.text, target, private=private)
                if report.text
                else None
            ),
        }
        for report in item.reports.all()
    ]


def queue_rows(items, target: str = "") -> tuple[list, list[str]]:
    """The queue page's items, each with the note it sits under (comments), its title in the
    moderator's language (`target`) where the cache has it, and its category's name; and the
    batches of item ids whose titles the page fetches once loaded (queue_titles)."""
    items = list(items)
    under = parent_notes(items)
    batches = queue_titles(under, target) if target else []
    for item in items:
        item.under = under.get(item.pk)
        item.category_name = category_name(item.category) if item.category else ""
    return items, batches


def agreement_view(agreement: dict) -> dict:
    """Agreement figures with each category's name (the queue page and the transparency report)."""
    for row in agreement["by_category"]:
        row["name"] = category_name(row["key"]) if row["key"] else "—"
    return agreement


def most_wrong_rows(items) -> list:
    """The AI's worst misses, each with the human outcome in words."""
    items = list(items)
    for item in items:
        item.outcome_words = ACTION_WORDS.get(item.outcome, item.outcome)
    return items


def notice_subjects(decisions, reader) -> dict[int, dict]:
    """What each notice is about, keyed by the decision's id, so its author can tell which of
    their notes or comments it means ("comment #3" named nothing they could recognise): their
    note's title, or their comment's opening words and the note it sits under (whose title is
    left out when that note is someone else's and was removed). Two queries."""
    note_ids = {d.object_id for d in decisions if d.kind == "note"}
    comment_ids = {d.object_id for d in decisions if d.kind == "comment"}
    notes = Note.objects.filter(pk__in=note_ids).only("pk", "title", "body") if note_ids else []
    comments = (
        Comment.objects.filter(pk__in=comment_ids)
        .select_related("note")
        .only(
            "pk",
            "body",
            "note__id",
            "note__title",
            "note__body",
            "note__author_id",
            "note__moderation",
        )
        if comment_ids
        else []
    )
    by_note = {n.pk: _note_ref(n) for n in notes}
    by_comment = {}
    for c in comments:
        ref = _note_ref(c.note, c)
        if c.note.author_id != reader.pk and c.note.moderation == ModerationState.REMOVED:
            ref["title"] = ref["snippet"] = ""
        ref["comment"] = Truncator(" ".join(c.body.split())).chars(NOTICE_COMMENT_CHARS)
        by_comment[c.pk] = ref
    found = {"note": by_note, "comment": by_comment}
    return {
        d.pk: found[d.kind][d.object_id] for d in decisions if d.object_id in found.get(d.kind, {})
    }


def notices(decisions, target: str, reader) -> list:
    """A person's notices, each with what it is about (`notice_subjects`) and whether a later
    decision replaced it; a senior moderator's appeal reason in the reader's language
    (`target`), the original beside it."""
    decisions = list(decisions)
    subjects = notice_subjects(decisions, reader)
    superseded = selectors.superseded_decisions(decisions)
    for decision in decisions:
        decision.subject = subjects.get(decision.pk)
        decision.superseded = decision.pk in superseded  # only the latest can be appealed
        appeal = getattr(decision, "appeal", None)  # None: not appealed
        if appeal is not None and appeal.reason:
            obj = selectors.content_for(decision.kind, decision.object_id)
            decision.appeal_reason = selectors.translate_for_reader(
                appeal.reason, target, private=selectors.is_private(decision.kind, obj)
            )
    return decisions


# --- what a report is about -------------------------------------------------------------------

REPORT_SNIPPET_WORDS = 40
REPORT_SNIPPET_CHARS = 160


def _report_snippet(text: str) -> str:
    text = " ".join((text or "").split())
    return Truncator(Truncator(text).chars(REPORT_SNIPPET_CHARS)).words(REPORT_SNIPPET_WORDS)


def report_subject(obj, kind: str) -> dict:
    """What the report is about, as the reporter sees it: a title, a snippet, who wrote it, where
    it is, and a thumbnail for a note (none behind a content warning). The API's
    ReportSubjectOut; the report form (page, CLI) shows the same."""
    author = selectors.author_of(obj, kind)
    out = {
        "kind": kind,
        "object_id": obj.pk,
        "title": "",
        "snippet": "",
        "author_username": author.username,
        "author_name": author.name,
        "url": author.get_absolute_url() if kind == "profile" else "",
        "thumbnail": "",
        "content_warning": False,
        "under_note": "",
    }
    if kind == "note":
        cover = obj.images.order_by("position").first()
        warned = obj.moderation == ModerationState.LABELLED
        out.update(
            title=obj.title,
            snippet=_report_snippet(obj.body),
            url=obj.get_absolute_url(),
            thumbnail=cover.thumb.url if cover and not warned else "",
            content_warning=warned,
        )
    elif kind == "comment":
        out.update(
            snippet=_report_snippet(obj.body),
            url=f"{obj.note.get_absolute_url()}#c{obj.pk}",
            under_note=obj.note.title,
            content_warning=obj.moderation == ModerationState.LABELLED,
        )
    else:
        out.update(title=author.name, snippet=_report_snippet(getattr(author, "bio", "")))
    return out


# --- the transparency charts ---------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT, AXIS = 600, 180, 26


def month_chart(by_month: list[dict]) -> dict:
    """Stacked bars (automated below, human above) per month, in SVG user units."""
    peak = max((m["total"] for m in by_month), default=0) or 1
    slot = CHART_WIDTH / max(len(by_month), 1)
    bars = []
    for i, month in enumerate(by_month):
        auto_h = CHART_HEIGHT * month["automated"] / peak
        human_h = CHART_HEIGHT * month["human"] / peak
        x = i * slot + slot * 0.15
        bars.append(
            {
                **month,
                "x": round(x, 1),
                "width": round(slot * 0.7, 1),
                "label_x": round(i * slot + slot / 2, 1),
                "auto_y": round(CHART_HEIGHT - auto_h, 1),
                "auto_h": round(auto_h, 1),
                "human_y": round(CHART_HEIGHT - auto_h - human_h, 1),
                "human_h": round(human_h, 1),
                "label": month["month"][5:],
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT + AXIS,
        "axis_y": CHART_HEIGHT + 21,
        "baseline": CHART_HEIGHT,
        "peak": peak if any(m["total"] for m in by_month) else 0,
    }


def bar_rows(rows: list[dict], value: str = "total") -> list[dict]:
    """Rows with a `percent` of the largest, for horizontal bars drawn as SVG rectangles."""
    peak = max((row[value] for row in rows), default=0) or 1
    return [{**row, "percent": round(100 * row[value] / peak, 1)} for row in rows]


# --- the regression suite page ----------------------------------------------------------------

SUITE_SETS = {
    "evasions": gettext_lazy("Abusive words in disguise"),
    "lookalikes": gettext_lazy("Innocent look-alikes"),
    "newcomers": gettext_lazy("Newcomers' everyday posts"),
}
SUITE_KINDS = {
    "plain": gettext_lazy("written plainly"),
    "pinyin": gettext_lazy("pinyin and initials"),
    "homophone": gettext_lazy("homophones"),
    "mask": gettext_lazy("masked letters (*, .)"),
    "spacing": gettext_lazy("spaced out"),
    "leet": gettext_lazy("leetspeak"),
    "traditional": gettext_lazy("traditional characters"),
    "homoglyph": gettext_lazy("look-alike letters"),
    "fullwidth": gettext_lazy("full-width letters"),
    "repeat": gettext_lazy("repeated letters"),
    "emoji_char": gettext_lazy("emoji for a character"),
    "emoji_inside": gettext_lazy("emoji inside a word"),
    "styled": gettext_lazy("styled letters"),
    "zero_width": gettext_lazy("invisible characters"),
    "diacritics": gettext_lazy("accents added"),
    "lookalike": gettext_lazy("innocent look-alike"),
    "newcomer": gettext_lazy("newcomer's post"),
}
# The suite's languages named in the reader's language, as everywhere (accounts.language_name).
SUITE_LANGUAGES = {**READER_LANGUAGE_NAMES, "mixed": gettext_lazy("Mixed")}
SUITE_FIGURES = {
    "catch_rate": gettext_lazy("share caught"),
    "flagged_rate": gettext_lazy("share flagged"),
    "flagged": gettext_lazy("cases flagged"),
    "held": gettext_lazy("cases held"),
}


def _percent(value) -> str:
    return "—" if value is None else f"{value:.1%}"


def _suite_row(slug: str, part: dict, names: dict) -> dict:
    return {
        **part,
        "slug": slug,
        "name": names.get(slug, slug),
        "catch": _percent(part.get("catch_rate")),
        "flagged_share": _percent(part.get("flagged_rate")),
    }


def _kind_order(row: dict):
    if row.get("abusive"):
        return (0, row.get("catch_rate") or 0.0, row["slug"])
    return (1, -(row.get("flagged_rate") or 0.0), row["slug"])


def _suite_case(case: dict) -> dict:
    action = case.get("action", "allow")
    return {
        **case,
        "kind_name": SUITE_KINDS.get(case.get("kind", ""), case.get("kind", "")),
        "set_name": SUITE_SETS.get(case.get("set", ""), case.get("set", "")),
        "language_name": SUITE_LANGUAGES.get(case.get("language", ""), case.get("language", "")),
        "action_name": Action(action).label if action in Action.values else action,
        "category_name": category_name(case["category"]) if case.get("category") else "",
    }


def _suite_target(target: dict) -> dict:
    rate = target["figure"].endswith("_rate")
    bound = target["target"].split()[-1]
    return {
        **target,
        "set_name": SUITE_SETS.get(target["set"], target["set"]),
        "figure_name": SUITE_FIGURES.get(target["figure"], target["figure"]),
        "shown": _percent(target["value"]) if rate else str(target["value"]),
        "bound": _percent(float(bound)) if rate else bound,
        "at_least": target["target"].startswith(">="),
    }


def suite_view(result: dict | None, classifier: str) -> dict | None:
    """The suite's last run as its page shows it: rates by set, kind and language with their
    names in the reader's language, the targets, and the misses of each side. `classifier`: the
    version active now (the run is stale when it ran on another)."""
    if result is None:
        return None
    groups = result.get("groups", {})
    failures = result.get("failures", {})
    return {
        "ran_at": result.get("ran_at"),
        "seconds": result.get("seconds"),
        "by": result.get("by", ""),
        "group": result.get("group", ""),
        "classifier": result.get("classifier", ""),
        "stale": result.get("classifier", "") != classifier,
        "overall": _suite_row("", result.get("overall", {}), {}),
        "sets": [_suite_row(k, v, SUITE_SETS) for k, v in groups.get("set", {}).items()],
        # Kinds of evasion worst caught first, then the innocent kinds most flagged first.
        "kinds": sorted(
            (_suite_row(k, v, SUITE_KINDS) for k, v in groups.get("kind", {}).items()),
            key=_kind_order,
        ),
        "languages": [
            _suite_row(k, v, SUITE_LANGUAGES) for k, v in groups.get("language", {}).items()
        ],
        "targets": [_suite_target(target) for target in result.get("targets", [])],
        "missed": [_suite_case(c) for c in failures.get("missed", [])],
        "missed_total": failures.get("missed_total", 0),
        "false_alarms": [_suite_case(c) for c in failures.get("false_alarms", [])],
        "false_alarms_total": failures.get("false_alarms_total", 0),
    }
