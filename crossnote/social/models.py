"""Follows between people, and the notifications their actions cause."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossnote.core.models import TimestampedModel


class Follow(TimestampedModel):
    """`follower` follows `followee`."""

    follower = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="following_set"
    )
    followee = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="follower_set"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="unique_follow"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followee")), name="no_self_follow"
            ),
        ]
        indexes = [models.Index(fields=["followee", "-created_at"])]

    def __str__(self):
        return f"{self.follower} → {self.followee}"


class Notification(TimestampedModel):
    """Something `actor` did that `recipient` should hear about."""

    class Verb(models.TextChoices):
        LIKE = "like", _("liked your note")
        COMMENT_LIKE = "comment_like", _("liked your comment")
        COMMENT = "comment", _("commented on your note")
        REPLY = "reply", _("replied to your comment")
        FOLLOW = "follow", _("started following you")
        MENTION = "mention", _("mentioned you")
        COLLECT = "collect", _("saved your note")
        MODERATION = "moderation", _("took a moderation action on your content")
        EXPORT_READY = (
            "export_ready",
            _("prepared your data export: download it under Settings → Privacy"),
        )
        REPORT_DECIDED = "report_decided", _("decided on something you reported")

    recipient = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notifications"
    )
    # None: the platform itself (a moderation decision), shown as "Crossnote".
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    verb = models.CharField(max_length=20, choices=Verb.choices)
    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, null=True, blank=True)
    comment = models.ForeignKey("notes.Comment", on_delete=models.CASCADE, null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self):
        return f"{self.actor} {self.verb} → {self.recipient}"


class Block(TimestampedModel):
    """`blocker` blocked `blocked`: neither sees the other's notes, comments or follows them
    (decided in crossnote.notes.policies; existing follows both ways end on block)."""

    blocker = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="blocks_received"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="no_self_block"
            ),
        ]
        indexes = [models.Index(fields=["blocked", "blocker"])]

    def __str__(self):
        return f"{self.blocker} ⊘ {self.blocked}"


class Mute(TimestampedModel):
    """`muter` muted `muted`: the muted person's notes are left out of the muter's feeds; the
    muted person is not told and can still see and comment."""

    muter = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="mutes_made")
    muted = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="unique_mute"),
            models.CheckConstraint(
                condition=~models.Q(muter=models.F("muted")), name="no_self_mute"
            ),
        ]

    def __str__(self):
        return f"{self.muter} mutes {self.muted}"
