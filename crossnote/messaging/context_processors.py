"""Puts the unread-message count on every page for the nav link."""

from crossnote.messaging.selectors import badge_count


def unread_messages(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": badge_count(user)}
