"""API shapes of the regression suite's report (`GET /api/v1/moderation/suite`)."""

from ninja import Schema
from pydantic import Field


class SuiteRatesOut(Schema):
    n: int
    abusive: int = Field(description="cases expected to be acted on")
    caught: int = Field(description="abusive cases with any action")
    catch_rate: float | None = Field(description="caught / abusive; null without abusive cases")
    benign: int = Field(description="cases expected to get no action at all")
    flagged: int = Field(description="benign cases with any action (label, limit, hold...)")
    flagged_rate: float | None
    held: int = Field(description="benign cases held or removed")
    held_rate: float | None


class SuiteCaseOut(Schema):
    text: str
    expected: str = Field(description="flag or allow")
    kind: str
    language: str
    note: str
    set: str = Field(description="the case file: evasions, lookalikes or newcomers")
    line: int
    action: str
    category: str
    score: float = Field(description="the highest score of a layer that may act")
    layer_scores: dict[str, float]
    evidence: list[dict]


class SuiteFailuresOut(Schema):
    missed: list[SuiteCaseOut] = Field(description="abusive cases with no action, lowest first")
    missed_total: int
    false_alarms: list[SuiteCaseOut] = Field(description="benign cases acted on, worst first")
    false_alarms_total: int


class SuiteTargetOut(Schema):
    set: str
    figure: str
    target: str = Field(description='e.g. ">= 0.95"')
    value: float
    met: bool


class SuiteOut(Schema):
    overall: SuiteRatesOut
    groups: dict[str, dict[str, SuiteRatesOut]] = Field(
        description="rates by set, by kind and by language"
    )
    failures: SuiteFailuresOut
    targets: list[SuiteTargetOut] = Field(description="issue 17's targets for the sets run")
