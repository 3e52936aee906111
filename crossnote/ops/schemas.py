from ninja import Schema


class FindingOut(Schema):
    level: str  # ok, info, warning, error
    area: str
    message: str
    fix: str


class StatusOut(Schema):
    summary: str
    errors: int
    warnings: int
    findings: list[FindingOut]
