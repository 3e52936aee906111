"""Cursor pagination: opaque cursors over (created_at, id), never OFFSET on hot paths."""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass
class Page:
    """One page of rows and the cursor that continues after it (None at the end)."""

    items: list[Any]
    next_cursor: str | None


def encode_cursor(created_at: datetime, pk: int) -> str:
    """Make the opaque cursor that points just after the row (created_at, pk)."""
    raw = json.dumps([created_at.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """Read a cursor back; a tampered or foreign cursor is a clear 400."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        created = datetime.fromisoformat(created)
        if created.tzinfo is None:
            raise ValueError("cursors carry an aware timestamp")
        return created, int(pk)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidInput(_("The cursor is not valid."), field="cursor") from exc


def paginate(queryset: QuerySet, cursor: str | None = None, limit: int = DEFAULT_PAGE_SIZE) -> Page:
    """Newest-first page of `queryset` after `cursor`, by (created_at, id) descending."""
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    queryset = queryset.order_by("-created_at", "-id")
    if cursor:
        created, pk = decode_cursor(cursor)
        queryset = queryset.filter(Q(created_at__lt=created) | Q(created_at=created, id__lt=pk))
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].created_at, rows[-1].pk) if more and rows else None
    return Page(items=rows, next_cursor=next_cursor)
