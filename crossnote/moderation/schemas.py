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
