"""API shapes for moderation."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from crossnote.moderation.suite.schemas import SuiteOut


class CheckIn(Schema):
    text: str = Field(max_length=5000)
    kind: str = Field("note", description="note or comment")


class SignalOut(Schema):
    layer: str
    category: str
    score: float
    rule: str
    detail: str
    spans: list[dict]


class CheckOut(Schema):
    action: str = Field(description="What would happen if this were posted now")
    category: str
    guideline: str
    signals: list[SignalOut]
    advisories: list[SignalOut] = Field(description="Warnings for the author only (e.g. PII)")


class WithholdIn(Schema):
    regions: list[str] = Field(examples=[["DE"]])
    legal_basis: str = Field(max_length=200)
    reference: str = Field("", max_length=100)


class DecisionOut(Schema):
    id: int
    kind: str
    object_id: int
    action: str
    category: str
    automated: bool
    regions: list[str]
    statement: str = Field(
        description="The statement of reasons in the author's language; a moderator's decision "
        "has one line per part (what, facts, means, ground, redress)"
    )
    signals: list[dict]
    created_at: datetime


class WithholdingOut(Schema):
    note_id: int
    regions: list[str]
    legal_basis: str
    reference: str
    created_at: datetime


class ReportIn(Schema):
    kind: str = Field(description="note, comment or profile")
    object_id: int
    reason: str = Field(description="a category: spam, scam, harassment, hate, sexual, ...")
    text: str = Field("", max_length=1000)


class ReportOut(Schema):
    id: int
    kind: str
    object_id: int
    reason: str
    status: str
    created_at: datetime


class ReportSubjectOut(Schema):
    """What a report would be about, as the reporter sees it (the form shows it first)."""

    kind: str
    object_id: int
    title: str = Field(description="a note's title or a profile's name; empty for a comment")
    snippet: str = Field(description="the start of the note's text, the comment or the bio")
    author_username: str
    author_name: str
    url: str
    thumbnail: str = Field(description="a note's first photo; empty behind a content warning")
    content_warning: bool
    under_note: str = Field(description="for a comment: the title of the note it is under")


class ItemOut(Schema):
    id: int
    kind: str
    object_id: int
    source: str
    category: str
    language: str
    region: str
    priority: float
    suggested_action: str
    confidence: float
    status: str
    needs_senior: bool
    claimed_by: str | None
    is_appeal: bool
    reports: int
    created_at: datetime


class PolicyComparisonOut(Schema):
    policy: str
    threshold: float | None = Field(
        description="The score at which this policy acts on this layer's signal (None: the "
        "model never takes this action alone)"
    )
    threshold_from: str = Field(
        description="policy: the policy's own minimum score; model: the classifier's threshold "
        "for the text's language, chosen on validation data and stored with the model"
    )
    action: str
    action_name: str
    reached: bool = Field(description="Whether the layer's score is at or above the threshold")


class LayerScoreOut(Schema):
    layer: str
    layer_name: str
    category: str
    category_name: str
    score: float | None = Field(description="None: this layer gave no signal on the text")
    rule: str
    detail: str
    advisory: bool = Field(description="Warns the author only; never acts on content")
    ambiguous: bool = Field(description="On its own (no other signal agreeing) it labels at most")
    policies: list[PolicyComparisonOut]


class SuggestionOut(Schema):
    action: str = Field(description="The AI's suggestion: the policy engine's verdict now")
    action_name: str
    policy: str | None = Field(description="The policy that gave it (None: allow)")
    why: str
    top_score: float = Field(description="The highest score of the layers that can act")
    top_layer: str | None
    top_layer_name: str | None
    layers: list[LayerScoreOut]
    recorded: str = Field(description="What was suggested when the item was queued")
    recorded_name: str
    changed: bool = Field(description="The suggestion now differs from the recorded one")


class TranslatedTextOut(Schema):
    original: str
    translation: str | None = Field(description="None: already in your language, or none")
    engine: str | None
    gloss: bool = Field(
        False, description="The translation is only word-by-word glosses (offline dictionary)"
    )


class NoteRefOut(Schema):
    id: int
    title: str
    snippet: str
    url: str
    title_translated: TranslatedTextOut | None = Field(
        None, description="The title in your language (`target`), as the item's text is"
    )
    snippet_translated: TranslatedTextOut | None = Field(
        None, description="The snippet in your language (`target`)"
    )


class AppealDecisionOut(Schema):
    id: int
    action: str
    action_name: str
    category: str
    category_name: str
    automated: bool
    moderator: str | None
    reason: TranslatedTextOut = Field(description="The moderator's own reason, translated")
    statement: TranslatedTextOut = Field(description="The statement the author received")
    restatement: str | None = Field(
        None,
        description="That statement written again in your language (`target`) from the "
        "decision's parts, as it was written for the author (the moderator's own words "
        "translated in it); None when your language is the author's or its parts are not kept "
        "(`statement.translation` stands in)",
    )
    created_at: datetime


class AppealContextOut(Schema):
    id: int
    text: TranslatedTextOut
    decision: AppealDecisionOut


class ItemDetailOut(ItemOut):
    original: str
    translation: str | None
    translation_engine: str | None
    signals: list[dict]
    author_strikes: int
    suggestion: SuggestionOut
    note: NoteRefOut | None = Field(description="For a comment: the note it sits under")
    appeal: AppealContextOut | None = Field(description="For an appeal: the appeal, translated")


class DecideIn(Schema):
    action: str = Field(
        description="approve, label, limit, withhold, remove or escalate; "
        "for appeals: uphold or reverse"
    )
    reason: str = Field(
        "",
        max_length=1000,
        description="The reason the author reads as the facts of their statement of reasons: "
        "required (400 with field `reason` when empty) for label, limit, withhold, remove and "
        "uphold; optional for approve, escalate and reverse",
    )
    regions: list[str] = Field(default_factory=list)
    legal_basis: str = Field("", max_length=200)


class AppealIn(Schema):
    text: str = Field(max_length=2000)


class AppealOut(Schema):
    id: int
    decision_id: int
    status: str
    reason: str
    created_at: datetime


class UnsuspendIn(Schema):
    reason: str = Field(
        "",
        max_length=1000,
        description="Why the suspensions are lifted, kept in the audit log: required (400 with "
        "field `reason` when empty or blank)",
    )


class UnsuspendOut(Schema):
    username: str
    lifted: int = Field(description="how many suspensions in force were lifted (at least 1)")
    active: bool = Field(description="whether the account is active again")


class SuiteRunIn(Schema):
    group: str = Field(
        "", max_length=40, description="only the cases of one set, kind or language; '' for all"
    )


class SuiteRunOut(SuiteOut):
    """The regression suite's report with when it ran (GET /moderation/suite/last)."""

    group: str = Field(description="the group run ('' for every case)")
    ran_at: datetime
    seconds: float = Field(description="how long the run took")
    classifier: str = Field(description="the classifier version active when it ran")
    by: str = Field(description="who ran it ('' from the command line)")


# --- the transparency report (GET /transparency): counts only, never content -------------------


class MonthCategoryOut(Schema):
    category: str = Field(description="category slug ('' when none was recorded)")
    name: str = Field(description="the category's name in the caller's language")
    n: int


class MonthOut(Schema):
    month: str = Field(description="YYYY-MM (UTC)")
    automated: int
    human: int
    total: int
    categories: list[MonthCategoryOut]


class CategoryActionsOut(Schema):
    category: str
    name: str
    automated: int
    human: int
    total: int


class ActionsOut(Schema):
    total: int = Field(description="decisions that restricted something (not 'allow')")
    automated: int
    human: int
    by_month: list[MonthOut]
    by_category: list[CategoryActionsOut]


class AppealsOut(Schema):
    total: int
    open: int
    upheld: int
    reversed: int
    reversal_rate: float | None = Field(description="reversed / decided; null when none decided")


class SourceTimeOut(Schema):
    source: str
    name: str
    n: int
    median_hours: float | None


class TimeToDecisionOut(Schema):
    n: int = Field(description="review-queue items a moderator decided in the period")
    median_hours: float | None
    by_source: list[SourceTimeOut]


class RegionCountOut(Schema):
    region: str
    n: int


class AgreementPartOut(Schema):
    key: str | None = None
    name: str | None = None
    n: int
    agreed: int
    share: float | None


class AgreementOut(Schema):
    overall: AgreementPartOut
    by_category: list[AgreementPartOut]
    by_language: list[AgreementPartOut]


class TransparencyOut(Schema):
    since: str = Field(description="the first day counted, YYYY-MM-DD (UTC)")
    months: list[str]
    actions: ActionsOut
    appeals: AppealsOut
    time_to_decision: TimeToDecisionOut
    withholdings_by_region: list[RegionCountOut]
    agreement: AgreementOut
