"""Feeds' part of a person's export and erasure (crossnote.core.data_rights): the topics they
picked as interests (explore draws from them) are exported under `interests` and go with the
account. Timelines in the cache hold note ids only and expire.
"""

from crossnote.core.data_rights import iso, register
from crossnote.feeds.models import TopicInterest

COVERS = ("feeds.TopicInterest",)


def export(user, media: dict[str, str]) -> dict:
    rows = TopicInterest.objects.filter(user=user).select_related("topic").order_by("pk")
    return {"interests": [{"topic": r.topic.name, "since": iso(r.created_at)} for r in rows]}


def erase(user) -> None:
    TopicInterest.objects.filter(user=user).delete()


register("feeds", order=50, export=export, erase=erase, covers=COVERS)
