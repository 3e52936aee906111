"""Feed state: the topics a reader picked (cold start and the followed-topics candidates)."""

from django.db import models

from crossnote.core.models import TimestampedModel

MAX_PICKED_TOPICS = 20


class TopicInterest(TimestampedModel):
    """`user` picked `topic` (at sign-up or later): explore draws candidates from it."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="topic_interests"
    )
    topic = models.ForeignKey("notes.Topic", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="unique_topic_interest")
        ]

    def __str__(self):
        return f"{self.user_id} ♡ {self.topic_id}"
