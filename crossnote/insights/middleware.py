"""Marks each logged-in person active once a day (ActiveDay), cheaply: a per-process memo, then
the shared cache, and only then the database."""

from django.core.cache import cache
from django.utils import timezone

_seen: dict[int, object] = {}  # user id → the last day this process recorded them
_MEMO_LIMIT = 50_000


class ActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and response.status_code < 500:
            self._mark(user.pk)
        return response

    @staticmethod
    def _mark(user_id: int) -> None:
        today = timezone.now().date()
        if _seen.get(user_id) == today:
            return
        if len(_seen) > _MEMO_LIMIT:
            _seen.clear()
        _seen[user_id] = today
        if cache.add(f"insights:seen:{user_id}:{today.isoformat()}", 1, timeout=26 * 3600):
            from crossnote.insights.services import mark_active

            mark_active(user_id=user_id, day=today)
