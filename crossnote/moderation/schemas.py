"""API shapes for moderation."""

from datetime import datetime

from ninja import Schema
from pydantic import Field


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
    statement: str
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


class ItemDetailOut(ItemOut):
    original: str
    translation: str | None
    translation_engine: str | None
    signals: list[dict]
    author_strikes: int


class DecideIn(Schema):
    action: str = Field(
        description="approve, label, limit, withhold, remove or escalate; "
        "for appeals: uphold or reverse"
    )
    reason: str = Field("", max_length=1000)
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
