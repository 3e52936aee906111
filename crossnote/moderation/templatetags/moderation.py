"""Template helpers: the statement of reasons an author sees on their own content."""

from django import template

from crossnote.moderation import roles
from crossnote.moderation.models import Action, Decision

register = template.Library()


@register.simple_tag
def latest_decision(obj, kind: str):
    """The most recent decision that acted on this note or comment (None if none)."""
    if obj is None or obj.pk is None:
        return None
    return (
        Decision.objects.filter(kind=kind, object_id=obj.pk)
        .exclude(action=Action.ALLOW)
        .order_by("-created_at")
        .first()
    )


@register.filter
def is_moderator(user) -> bool:
    return roles.is_moderator(user)
