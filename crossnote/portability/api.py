"""REST operations of portability (mounted under /api/v1 by crossnote.api.api)."""

from ninja import Router

router = Router(tags=["portability"])
