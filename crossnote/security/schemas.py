"""API shapes for the sign-up surge controls and rate limits."""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class SignupModeOut(Schema):
    mode: str
    label: str
    notice: str

    @staticmethod
    def resolve_label(obj):
        return str(obj.get_mode_display())


class SurgeOut(SignupModeOut):
    signups_per_hour: int
    updated_at: datetime
    updated_by: str


class SurgeIn(Schema):
    mode: str = Field(description="open, limited, approval or invite")
    signups_per_hour: int | None = Field(None, ge=1, le=1_000_000)
    notice: str | None = Field(None, max_length=300)


class InviteIn(Schema):
    max_uses: int = Field(1, ge=1, le=10_000)
    days: int | None = Field(None, ge=1, le=365)
    note: str = Field("", max_length=200)


class InviteOut(Schema):
    id: int
    code: str
    max_uses: int
    uses: int
    note: str
    expires_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime


class ApplicationOut(Schema):
    id: int
    username: str
    status: str
    language: str
    reason: str
    created_at: datetime
    decided_by: str
    decided_at: datetime | None


class RateOut(Schema):
    action: str
    scope: str
    rate: str


class RateIn(Schema):
    rate: str = Field("", max_length=20, description="e.g. 25/5m; empty: back to the default")
