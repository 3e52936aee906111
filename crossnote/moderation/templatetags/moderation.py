"""Template helpers: the statement of reasons an author sees on their own content."""

from django import template

from crossnote.moderation import roles
from crossnote.moderation.models import Action, Decision
from crossnote.moderation.services.enforcement import STATE_FOR

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


@register.filter
def state_says_more(decision, state: str) -> bool:
    """Whether the content's present state tells its author more than the decision's action:
    the banner names the state only then ("Show behind a content warning · Shown behind a content
    warning" said the same thing twice; a label later held for review says "· Held for review")."""
    if decision is None or not state or state == "visible":
        return False
    return STATE_FOR.get(decision.action) != state
