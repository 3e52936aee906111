"""Who may moderate what: roles (groups) and per-region scopes."""

MODERATOR = "moderator"
SENIOR = "senior moderator"


def _groups(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_moderation_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._moderation_groups = cached
    return cached


def is_senior(user) -> bool:
    """Senior moderators (and admins) decide appeals and escalations."""
    return getattr(user, "is_superuser", False) or SENIOR in _groups(user)


def is_moderator(user) -> bool:
    return is_senior(user) or MODERATOR in _groups(user)


def moderator_regions(user) -> list[str]:
    """Regions a scoped moderator covers; [] means everywhere."""
    scope = getattr(user, "moderator_scope", None) if is_moderator(user) else None
    try:
        return [r.upper() for r in (scope.regions if scope else [])]
    except Exception:  # noqa: BLE001 - no scope row
        return []


def can_take(user, item) -> bool:
    """Whether `user` may claim and decide this review item."""
    if not is_moderator(user):
        return False
    if item.excluded_moderator_id and item.excluded_moderator_id == user.pk:
        return False
    if item.needs_senior and not is_senior(user):
        return False
    if item.author_id == user.pk:
        return False
    regions = moderator_regions(user)
    return not regions or (item.region or "").upper() in regions
