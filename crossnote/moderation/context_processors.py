"""Newcomers (first 14 days) get short contextual tips on norms."""

from crossnote.moderation.selectors import is_newcomer


def norms(request):
    user = getattr(request, "user", None)
    return {"newcomer": bool(user is not None and user.is_authenticated and is_newcomer(user))}
