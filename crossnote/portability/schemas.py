"""Input and output shapes of portability's REST operations."""

from datetime import datetime

from ninja import Schema
from pydantic import StrictInt, StrictStr


class ImportProblem(Schema):
    item: str
    reason: str


class ImportOut(Schema):
    id: int
    kind: str
    status: str
    original_name: str
    total: int
    done: int
    imported: int
    skipped: int
    progress: int
    errors: list[ImportProblem]
    error: str
    created_at: datetime
    finished_at: datetime | None


class DraftOut(Schema):
    note_id: int
    title: str
    body: str
    created_at: datetime
    image_count: int
    cover: str | None
    content_warning: str
    suggested_visibility: str
    url: str


class PublishIn(Schema):
    # Strict: `[false]` or `["1"]` is refused (422), not read as note 0 or 1.
    note_ids: list[StrictInt] | None = None
    visibility: StrictStr = ""


class PublishOut(Schema):
    published: int


class CsvImportOut(Schema):
    kind: str
    local: int
    already: int
    remote_sent: int
    remote_unsent: int
    unknown: int
    federation_off: bool
    problems: list[ImportProblem]
