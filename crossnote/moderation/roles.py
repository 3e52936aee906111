"""Who may moderate what: roles (groups) and per-region scopes."""

MODERATOR = "moderator"
SENIOR = "senior moderator"
_ROLES = (MODERATOR, SENIOR)


def _groups(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_moderation_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._moderation_groups = cached
    return cached


def roles_sql(user_column: str) -> tuple[list[str], list]:
    """SQL expressions (and their parameters), one per role, true when the person whose id is
    `user_column` is in that role's group: for a query that reads the person for something
    else too (remember_roles keeps the answers)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection

    quote = connection.ops.quote_name
    members = quote(get_user_model().groups.through._meta.db_table)
    groups = quote(Group._meta.db_table)
    sql = (
        f"EXISTS(SELECT 1 FROM {members} m JOIN {groups} g ON g.id = m.group_id "  # noqa: S608
        f"WHERE m.user_id = {user_column} AND g.name = %s)"
    )
    return [sql for _name in _ROLES], list(_ROLES)


def remember_roles(user, answers) -> None:
    """Keep on `user` (this request's object only) the role groups read with roles_sql, in its
    order: the role checks of the rest of the request ask no query."""
    user._moderation_groups = {name for name, member in zip(_ROLES, answers, strict=True) if member}


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


def can_lift_suspensions(user) -> bool:
    """Lifting a suspension by hand is an operator's act, as on the admin's Suspensions list:
    staff who may change suspensions (admins). A moderator, senior included, ends one only by
    reversing the decision it was given on, when the suspended person appeals."""
    return bool(getattr(user, "is_staff", False) and user.has_perm("moderation.change_suspension"))


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
