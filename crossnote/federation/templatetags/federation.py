"""`{{ html|remote_html }}`: HTML from another server, cleaned again as it is shown.
`{% moved_notice person %}`: "this account has moved to ..." on a moved person's profile;
`{% remote_moved_notice actor %}`: the same for a person elsewhere whose account moved;
`{% federation_on %}`: whether federation is enabled (for links to its pages).

Remote HTML is sanitised when it is stored (crossnote.federation.services.sanitise_html); this
filter runs the same allow-list at render time too, so a row written by any other path (an old
row, the admin, a future importer) can never reach a page unsanitised."""

from django import template
from django.utils.safestring import mark_safe

from crossnote.federation import activities, moving
from crossnote.federation.services import sanitise_html

register = template.Library()


@register.filter
def remote_html(value) -> str:
    return mark_safe(sanitise_html(str(value or "")))  # noqa: S308 - nh3's allow-list output


@register.simple_tag
def federation_on() -> bool:
    return activities.enabled()


@register.inclusion_tag("federation/_moved_notice.html")
def moved_notice(person) -> dict:
    """The notice for a local person who moved away (crossnote.federation.moving)."""
    move = moving.current_move(person) if activities.enabled() else None
    if move is None:
        return {"address": ""}
    url = move.target_uri if move.target_uri.startswith("https://") else ""
    return {"address": move.target_address or move.target_uri, "url": url}


@register.inclusion_tag("federation/_moved_notice.html")
def remote_moved_notice(person) -> dict:
    """The notice for a person elsewhere whose account moved (a Move received, or `movedTo`),
    linking to the new account's page here when it is known."""
    from django.urls import reverse

    from crossnote.accounts.models import User
    from crossnote.federation.models import RemoteActor

    target = getattr(person, "moved_to", "")
    if not target:
        return {"address": ""}
    local = activities.local_username(target)
    if local:
        user = User.objects.filter(username=local, is_active=True).first()
        if user is not None:
            return {"address": f"@{user.username}", "url": user.get_absolute_url()}
    known = RemoteActor.objects.filter(uri=target).first()
    if known is not None:
        return {
            "address": known.address,
            "url": reverse("federation:remote_person", kwargs={"pk": known.pk}),
        }
    return {"address": target, "url": target if target.startswith("https://") else ""}
