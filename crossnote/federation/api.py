"""REST operations of federation (mounted under /api/v1 by crossnote.api.api)."""

from ninja import Router

router = Router(tags=["federation"])
