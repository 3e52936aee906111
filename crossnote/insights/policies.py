"""Who may see insights: operators (staff) see everything; everyone sees the public summary when
the operator has switched it on."""

from crossnote.insights.models import InsightsSettings


def is_operator(user) -> bool:
    """An operator is a staff member (admins included), as for the moderation tools' staff actions."""
    return bool(getattr(user, "is_authenticated", False) and (user.is_staff or user.is_superuser))


def public_summary_on() -> bool:
    return InsightsSettings.current().public_summary


def can_see_chart(user, name: str) -> bool:
    from crossnote.insights.figures import PUBLIC_CHARTS

    return is_operator(user) or (name in PUBLIC_CHARTS and public_summary_on())
