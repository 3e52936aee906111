"""Puts the unread-message count on every page for the nav link."""

from crossnote.messaging.selectors import request_count, unread_total


def unread_messages(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": unread_total(user) + request_count(user)}
