"""Feed writes: the topics a reader picks (cold start for explore)."""

from django.db import transaction
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput
from crossnote.feeds.models import MAX_PICKED_TOPICS, TopicInterest
from crossnote.notes.models import Topic


def pick_topics(*, user, names) -> list[Topic]:
    """Replace the topics `user` follows in explore with `names` (existing topics, '#' optional,
    any case); returns them by name."""
    wanted = []
    for name in names or []:
        name = str(name).strip().lstrip("#").casefold()
        if name and name not in wanted:
            wanted.append(name)
    if len(wanted) > MAX_PICKED_TOPICS:
        raise InvalidInput(
            _("Pick at most %(max)d topics.") % {"max": MAX_PICKED_TOPICS}, field="topics"
        )
    topics = list(Topic.objects.filter(name__in=wanted).order_by("name"))
    unknown = sorted(set(wanted) - {topic.name for topic in topics})
    if unknown:
        raise InvalidInput(
            _("No such topic: %(names)s") % {"names": ", ".join(f"#{n}" for n in unknown)},
            field="topics",
        )
    with transaction.atomic():
        # Written anew every time: the newest pick id changes, and explore ranks afresh
        # (crossnote.feeds.ranking.freshness).
        TopicInterest.objects.filter(user=user).delete()
        TopicInterest.objects.bulk_create([TopicInterest(user=user, topic=t) for t in topics])
    return topics
