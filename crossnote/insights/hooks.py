"""What the insights app listens to: translation requests from the language bridge, and the
privacy export (a person's active days are personal data: GDPR Art. 15 and 20)."""

from crossnote.core import hooks


def _translation_requested(*, source: str, target: str, **_ignored) -> None:
    from crossnote.insights.services import count_translation_request

    count_translation_request(source=source, target=target)


def _export_sections(*, user) -> dict:
    from crossnote.insights.models import ActiveDay

    days = ActiveDay.objects.filter(user=user).order_by("day").values_list("day", flat=True)
    return {"active_days": [day.isoformat() for day in days]}


def connect() -> None:
    hooks.register(hooks.TRANSLATION_REQUESTED, _translation_requested)
    hooks.register(hooks.EXPORT_SECTIONS, _export_sections)
