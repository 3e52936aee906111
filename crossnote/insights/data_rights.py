"""Insights' part of a person's export and erasure (crossnote.core.data_rights): the days they
were active are personal data (GDPR Art. 15 and 20), under `moderation.other.active_days` of
data.json (where archives of format version 1 have it); they go with the account. Daily rollups,
cohorts and tallies are counts that name no one.
"""

from crossnote.core.data_rights import register
from crossnote.insights.models import ActiveDay

COVERS = ("insights.ActiveDay",)


def export(user, media: dict[str, str]) -> dict:
    days = ActiveDay.objects.filter(user=user).order_by("day").values_list("day", flat=True)
    return {"moderation": {"other": {"active_days": [day.isoformat() for day in days]}}}


def erase(user) -> None:
    ActiveDay.objects.filter(user=user).delete()


register("insights", order=80, export=export, erase=erase, covers=COVERS)
