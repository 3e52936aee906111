"""Template helpers: the statement of reasons an author sees on their own content; regions by
name."""

from django import template
from django.utils.translation import pgettext
from django_countries import countries

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


@register.filter
def region_name(code: str) -> str:
    """A region's (ISO 3166 country's) name in the reader's language: "DE" is "Germany" to an
    English reader and "德国" to a Chinese one; a code that names no country stays as it is."""
    code = (code or "").strip().upper()
    return str(countries.name(code) or code) if code else ""


@register.filter
def region_names(codes) -> str:
    """Several regions by name, comma-separated in the reader's language ("德国、中国")."""
    return pgettext("between names in a list", ", ").join(region_name(code) for code in codes or [])
