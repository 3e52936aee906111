"""Moderation reads: the pages, the API, the CLI and the services read through these.

Screening a text (the layers and the policy engine, no writes), the content an item or decision
is about, the review queue, a person's notices, the decisions on a note, the public withholding
log, strikes and limits on an account, and how often moderators agreed with the AI."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, F, FloatField, Max, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.core.errors import DomainError, InvalidInput, NotFound
from crossnote.language.backends import get_backend
from crossnote.language.services import cached_translations, translate_text
from crossnote.moderation import engine, pipeline, roles
from crossnote.moderation.model_store import SHIPPED
from crossnote.moderation.models import (
    Action,
    AuditEntry,
    ClassifierVersion,
    Decision,
    ReviewItem,
    Strike,
    Withholding,
)
from crossnote.notes.models import Comment, Note
from crossnote.notes.policies import can_view_note, viewer_region

# The content a review item or decision of each kind is about (other kinds: hooks.REVIEW_CONTENT).
CONTENT_MODELS: dict[str, Any] = {"note": Note, "comment": Comment, "profile": User}
# What a reader may report from the report form (messages are reported in crossnote.messaging).
REPORTABLE_KINDS = ("note", "comment", "profile")
APPROVE = "approve"  # a moderator's "nothing to restrict" (stored as the item's outcome)
OPEN_STATUSES = (ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED)
NOTICES_SHOWN = 200
SUITE_CACHE_KEY = "moderation:suite:last"  # the regression suite's last run (services.suite_runs)
WITHHOLDINGS_SHOWN = 500


# --- screening --------------------------------------------------------------------------------


def text_of(obj, kind: str) -> str:
    """The text the layers screen for a note, comment, profile or another app's reviewable."""
    if kind == "note":
        return f"{obj.title}\n{obj.body}"
    if kind == "comment":
        return obj.body
    if hasattr(obj, "review_text"):  # other apps' reviewable objects (message reports)
        return obj.review_text()
    return f"{obj.display_name}\n{obj.bio}"


def screen_text(text: str, *, kind: str, language: str = "", author=None, version=None):
    """Run the synchronous layers and the policy engine; returns (signals, verdict). `version`:
    the lists' version token when the caller has read it already (pipeline.lists_version)."""
    region = viewer_region(author)
    signals = pipeline.run_text(text, language=language, region=region, version=version)
    return signals, engine.decide(signals, kind=kind, author_region=region)


def statement_language(code: str) -> str:
    """The UI language a statement is written in for a reader of `code` (a language such as
    "zh" or "ja", or a UI code such as "zh-hans"): Chinese for Chinese, else English."""
    return "zh-hans" if (code or "").lower().split("-")[0] == "zh" else "en"


def author_language(user) -> str:
    """The UI language a statement is written in for this person: Chinese if it is the first
    language they speak, else English."""
    languages = list(getattr(user, "languages", None) or [])
    return statement_language(languages[0] if languages else "")


def is_newcomer(user) -> bool:
    """The first 14 days: contextual tips on norms."""
    return (timezone.now() - user.date_joined).days < 14


# --- the content an item or decision is about --------------------------------------------------


def content_for(kind: str, object_id: int):
    """The note, comment or user an item is about (None when it is gone)."""
    model = CONTENT_MODELS.get(kind)
    if model is None:  # another app's reviewable object, e.g. a message report (messaging)
        found = hooks.collect(hooks.REVIEW_CONTENT, kind=kind, object_id=object_id)
        return found[0] if found else None
    return model.objects.filter(pk=object_id).first()


def author_of(obj, kind: str):
    """Who wrote the content (a profile is its own author)."""
    return obj if kind == "profile" else obj.author


def reportable(reporter, kind: str, object_id: int):
    """The note, comment or profile `reporter` may report; a clear error otherwise (an unknown
    kind, something gone or out of their sight, their own content)."""
    if kind not in REPORTABLE_KINDS:
        raise InvalidInput(_("You can report a note, a comment or a profile."), field="kind")
    obj = content_for(kind, object_id)
    visible = obj is not None and (
        (kind == "profile" and isinstance(obj, User) and obj.is_active)
        or (kind == "note" and can_view_note(reporter, obj))
        or (kind == "comment" and can_view_note(reporter, obj.note))
    )
    if not visible:
        raise NotFound(_("That content no longer exists."))
    if author_of(obj, kind).pk == reporter.pk:
        raise InvalidInput(_("You cannot report your own content."))
    return obj


def note_for_moderator(note_id: int) -> Note:
    """Moderators act on notes whatever their state (held, removed, withheld)."""
    note = Note.objects.filter(pk=note_id).first()
    if note is None:
        raise NotFound(_("Note not found."))
    return note


def is_private(kind: str, obj) -> bool:
    """Whether text about this content may go only to local translation engines: a note or
    comment that is not public, and anything that is not a note, comment or profile (private
    messages)."""
    if kind == "profile":
        return False
    if kind not in ("note", "comment"):
        return True
    note = obj if kind == "note" else getattr(obj, "note", None)
    return note is None or note.visibility != "public"


def translate_for_reader(text: str, target: str, *, private: bool) -> dict:
    """`text` for a reader of `target` (a language or UI code): through crossnote.language's
    translation service and its cache. Returns the original, the translation (None when the text
    is already in that language or no engine can translate it), the engine's name, and whether
    it is only word-by-word glosses (the offline dictionary), which no page may call a
    translation."""
    text = (text or "").strip()
    out = {"original": text, "translation": None, "engine": None, "gloss": False}
    if not text:
        return out
    try:
        result = translate_text(text, target, private=private)
    except DomainError:  # no engine for this pair right now, or too long: the original stands
        return out
    if not result.unchanged and result.text.strip() != text:
        out.update(
            translation=result.text.strip(),
            engine=result.backend_label or result.backend,
            gloss=result.is_gloss,  # word-by-word glosses, not a sentence translation
        )
    return out


def cached_for_reader(texts, target: str, *, private: bool) -> dict[str, dict]:
    """translate_for_reader's answer for each text whose translation into `target` is in the
    cache already, {text: answer}, in one query; nothing is translated (the review queue's
    titles: the rest are fetched after the page has loaded)."""
    try:
        rows = cached_translations(texts, target, private=private)
    except DomainError:  # a target this server does not translate into
        return {}
    out = {}
    for text, row in rows.items():
        if row.text.strip() != text.strip():
            out[text] = {
                "original": text.strip(),
                "translation": row.text.strip(),
                "engine": str(get_backend(row.backend).info.label),
                "gloss": row.is_gloss,
            }
    return out


# --- the review queue -------------------------------------------------------------------------


def queue_for(moderator, *, category="", language="", region=""):
    """Open items this moderator may take, most urgent first, with optional filters."""
    items = ReviewItem.objects.filter(status__in=OPEN_STATUSES).select_related(
        "author", "claimed_by", "appeal"
    )
    if not roles.is_senior(moderator):
        items = items.filter(needs_senior=False)
    scope = roles.moderator_regions(moderator)
    if scope:
        items = items.filter(region__in=scope)
    if category:
        items = items.filter(category=category)
    if language:
        items = items.filter(language=language)
    if region:
        items = items.filter(region=region.upper())
    return items.exclude(excluded_moderator=moderator).order_by("-priority", "created_at")


def review_item_or_none(item_id: int) -> ReviewItem | None:
    """One item with what its page shows beside it (its author, trigger and appeal)."""
    return (
        ReviewItem.objects.select_related("author", "trigger", "appeal").filter(pk=item_id).first()
    )


def review_item(item_id: int) -> ReviewItem:
    """review_item_or_none, or NotFound when there is no such item."""
    item = review_item_or_none(item_id)
    if item is None:
        raise NotFound()
    return item


def is_appeal_item(item_id: int) -> bool:
    """Whether this item is an appeal (decided with uphold or reverse, not an action)."""
    return ReviewItem.objects.filter(pk=item_id, appeal__isnull=False).exists()


def open_item_about(kind: str, object_id: int) -> ReviewItem | None:
    """The open (or claimed) item about this content that is not an appeal, if any. Found
    through the (kind, object_id) index, the appeal tested here: with `appeal IS NULL` in the
    query SQLite walked the unique index of appeal_id, i.e. the whole queue (10 ms at 20,000
    open items, inside the write transaction of every automated action)."""
    items = ReviewItem.objects.filter(kind=kind, object_id=object_id, status__in=OPEN_STATUSES)
    return next((item for item in items.order_by("pk") if item.appeal_id is None), None)


def active_strikes(user) -> int:
    """Strikes on the account that are not lifted (what the review page shows)."""
    return Strike.objects.filter(user=user, lifted=False).count() if user else 0


def account_limited_until(user):
    """When the strike ladder's "limit" step on this account ends; None when it is not limited.
    Each active strike stands where it fell on the ladder (the first is its first step, ...);
    `limit:N` lasts N days from its strike, a bare `limit` as long as that strike is active."""
    ladder = settings.CROSSNOTE_STRIKE_LADDER
    if not any(step.startswith("limit") for step in ladder):
        return None
    now = timezone.now()
    strikes = Strike.objects.filter(user=user, lifted=False, expires_at__gt=now)
    until = None
    for n, strike in enumerate(strikes.order_by("created_at"), start=1):
        step = ladder[min(n - 1, len(ladder) - 1)]
        if not step.startswith("limit"):
            continue
        days = step.partition(":")[2]
        end = strike.expires_at
        if days.isdigit():
            end = min(end, strike.created_at + timedelta(days=int(days)))
        if end > now and (until is None or end > until):
            until = end
    return until


def _decision_entry(decision) -> dict | None:
    """What the audit entry written with a human decision kept of it (reason, legal basis)."""
    return (
        AuditEntry.objects.filter(
            action__startswith="decide:",
            target=f"{decision.kind}:{decision.object_id}",
            after__decision=decision.pk,
        )
        .values_list("after", flat=True)
        .first()
    )


def decision_reason(decision) -> str:
    """What the moderator wrote as the reason for a human decision ("" for automated ones, or
    if they wrote none): kept in the audit entry written with the decision."""
    if decision is None or decision.automated:
        return ""
    return (_decision_entry(decision) or {}).get("reason", "")


def statement_parts(decision) -> dict | None:
    """What a decision's statement of reasons was written from, so that it can be written
    again in another reader's language (services.enforcement.restate): a withholding's regions,
    legal basis and reference; an automated decision's own fields (action, category, signals);
    a moderator's reason, legal basis and whether automated means had flagged the content (the
    source of the item they decided). None where those parts are not kept: an appeal's
    outcome, or a moderator's decision whose audit entry or item is gone."""
    withholding = Withholding.objects.filter(decision=decision).first()
    if withholding is not None:
        return {
            "form": "withheld",
            "regions": list(withholding.regions),
            "legal_basis": withholding.legal_basis,
            "reference": withholding.reference,
        }
    if decision.on_appeal:
        return None
    if decision.automated:
        return {"form": "automated"}
    entry = _decision_entry(decision)
    # The item the moderator closed with this decision (close_item: in the same transaction).
    item = (
        ReviewItem.objects.filter(
            kind=decision.kind,
            object_id=decision.object_id,
            decided_by_id=decision.moderator_id,
            appeal__isnull=True,
            decided_at__gte=decision.created_at,
        )
        .order_by("decided_at")
        .first()
    )
    if entry is None or item is None:
        return None
    return {
        "form": "human",
        "action": entry.get("state", ""),
        "facts": entry.get("reason", ""),
        "legal_basis": entry.get("legal_basis", ""),
        "automated_detection": item.source == ReviewItem.Source.AUTOMATED,
    }


# --- decisions and withholdings ---------------------------------------------------------------


def notices_for(user):
    """Every decision about this person's content or account that restricted something (and
    every appeal decision), newest first, with its appeal."""
    return (
        Decision.objects.filter(author=user)
        .exclude(action=Action.ALLOW, on_appeal=False)
        .select_related("appeal")
        .order_by("-created_at")[:NOTICES_SHOWN]
    )


def superseded_decisions(decisions) -> set[int]:
    """The ids of those `decisions` a later decision about the same content replaced (a
    moderator decided what the automated screening had held): only the latest can still be
    appealed. Appeal decisions decide an appeal, not the content afresh, and a withholding's own
    record comes with the moderator's decision that withheld, in the same step: neither replaces
    anything nor is replaced. Allowing decisions do replace. One query."""
    decisions = [d for d in decisions if not d.on_appeal]
    objects = {(d.kind, d.object_id) for d in decisions}
    if not objects:
        return set()
    rows = (
        Decision.objects.filter(on_appeal=False, withholding__isnull=True)
        .filter(
            Q(*[Q(kind=kind, object_id=object_id) for kind, object_id in objects], _connector=Q.OR)
        )
        .values("kind", "object_id")
        .annotate(latest=Max("pk"))
    )
    latest = {(r["kind"], r["object_id"]): r["latest"] for r in rows}
    return {d.pk for d in decisions if d.pk < latest.get((d.kind, d.object_id), d.pk)}


def decisions_on_note(note):
    """The statements of reasons for a note (decisions that restricted it), newest first."""
    return (
        Decision.objects.filter(kind="note", object_id=note.pk)
        .exclude(action=Action.ALLOW)
        .order_by("-created_at")
    )


def public_withholdings():
    """The public log of regional withholdings (never the content), newest first."""
    return Withholding.objects.order_by("-created_at")[:WITHHOLDINGS_SHOWN]


# --- agreement between moderators and the AI --------------------------------------------------


def _decided_by_humans(since=None, until=None):
    # Appeal items compare a decision with an earlier decision, not with the AI.
    items = ReviewItem.objects.filter(
        status=ReviewItem.Status.DECIDED, agreed_with_ai__isnull=False, appeal__isnull=True
    )
    if since:
        items = items.filter(decided_at__gte=since)
    return items.filter(decided_at__lt=until) if until else items


def agreement_stats(*, since=None, until=None) -> dict:
    """How often moderators agreed with the AI's suggestion: overall, per category, per
    language. Each part is {"n", "agreed", "share"} (share None when nothing was decided)."""
    items = _decided_by_humans(since, until)

    def part(rows) -> dict:
        n, agreed = rows["n"], rows["agreed"] or 0
        return {"n": n, "agreed": agreed, "share": round(agreed / n, 4) if n else None}

    counts = {"n": Count("pk"), "agreed": Count("pk", filter=Q(agreed_with_ai=True))}
    by = {
        field: [
            {"key": row[field], **part(row)}
            for row in items.values(field).annotate(**counts).order_by("-n", field)
        ]
        for field in ("category", "language")
    }
    return {
        "overall": part(items.aggregate(**counts)),
        "by_category": by["category"],
        "by_language": by["language"],
    }


def most_wrong(limit: int = 20):
    """Decided items where the AI was most wrong, for a second look: the moderator approved
    what the AI acted on with confidence ≥ 0.9, or removed what the AI would have allowed.
    Worst first: the AI's confidence in its wrong answer."""
    acting = [a for a in Action.values if a != Action.ALLOW]
    confident_miss = Q(outcome=APPROVE, suggested_action__in=acting, confidence__gte=0.9)
    missed = Q(outcome=Action.REMOVE, suggested_action=Action.ALLOW)
    return (
        _decided_by_humans()
        .filter(confident_miss | missed)
        .annotate(
            wrongness=Case(
                When(outcome=APPROVE, then=F("confidence")),
                default=Value(1.0) - F("confidence"),
                output_field=FloatField(),
            )
        )
        .select_related("decided_by")
        .order_by("-wrongness", "-decided_at")[:limit]
    )


# --- the regression suite's last run ----------------------------------------------------------


def active_classifier_version() -> str:
    """The name of the classifier version the pipeline loads ("shipped" when none is active)."""
    active = ClassifierVersion.objects.filter(active=True).values_list("version", flat=True)
    return active.first() or SHIPPED


def last_suite_run() -> dict | None:
    """The regression suite's last run from the page, the API or `crossnote moderation suite`
    (its report, when it ran, in how many seconds, on which classifier version, by whom); None
    before the first. Kept in the shared cache, so every process shows the same one."""
    return cache.get(SUITE_CACHE_KEY)
