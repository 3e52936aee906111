"""Ninja schemas of the insights API."""

import re
from datetime import date

from ninja import Field, Schema
from pydantic import field_validator

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class RangeQuery(Schema):
    start: date | None = Field(None, alias="from", description="first day (UTC), YYYY-MM-DD")
    end: date | None = Field(None, alias="to", description="last day (UTC), YYYY-MM-DD")
    weeks: int | None = Field(None, description="a preset instead of from/to: 4, 12 or 26")
    region: str | None = Field(None, description="cohorts: only people from this region")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _iso_day(cls, value):
        """A day is written YYYY-MM-DD (pydantic alone would read `0` as 1970-01-01)."""
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
            raise ValueError("a day is written YYYY-MM-DD")
        return value

    def params(self) -> dict:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "weeks": str(self.weeks) if self.weeks is not None else None,  # 0 is refused too
            "region": self.region,
        }


class ChartInfo(Schema):
    name: str
    title: str
    public: bool


class SeriesOut(Schema):
    label: str
    values: list[float | None]


class ChartOut(Schema):
    name: str
    title: str
    kind: str
    start: date
    end: date
    x: list[str]
    series: list[SeriesOut]
    percent: bool


class SummaryOut(Schema):
    start: date
    end: date
    signups: int
    mean_dau: float
    last_wau: int
    notes: int
    interactions: int
    cross_border: int
    cross_border_share: float | None
    translations: int
    moderation: int


class RetentionOut(Schema):
    size: int
    d1: float | None
    d7: float | None
    d30: float | None
    weeks: list[float | None]


class CohortOut(Schema):
    week: date
    retention: RetentionOut


class WaveRowOut(Schema):
    language: str
    wave: RetentionOut
    baseline: RetentionOut


class WaveOut(Schema):
    start: date
    end: date
    signups: int
    peak: int
    baseline_per_day: float
    baseline_start: date
    rows: list[WaveRowOut]


class SettingsIO(Schema):
    public_summary: bool
    alert_margin: float
    spike_factor: float
    baseline_days: int


class RollupIn(Schema):
    start: date = Field(..., alias="from")
    end: date = Field(..., alias="to")


class RollupOut(Schema):
    days: int
    rows: int
