"""Follows between people, and the notifications their actions cause."""

from datetime import UTC
from uuid import uuid4

from django.db import models
from django.utils import timezone
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
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

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
        SHARE = "share", _("shared your note")  # a boost from another server
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
    # Which line of the notifications page this joins (set on save, see group_key_for): likes,
    # saves and follows of one subject on one (UTC) day share one; any other is alone. Stored so
    # that grouping is a plain GROUP BY over an index, not a date function over every row.
    group_key = models.CharField(max_length=80, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"]),
            models.Index(fields=["recipient", "group_key"]),
            # "Told already?" (social.services._already_notified, and inside the like's one
            # statement): one exact look-up, where the recipient's index scanned every
            # notification a popular author ever had, on every like of theirs.
            models.Index(
                fields=["actor", "recipient", "verb", "note"], name="social_notif_told_idx"
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.actor} {self.verb} → {self.recipient}"

    def save(self, *args, **kwargs):
        if not self.group_key:
            self.group_key = group_key_for(
                self.verb, self.note_id, self.comment_id, self.created_at or timezone.now()
            )
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "group_key"}
        super().save(*args, **kwargs)


# These gather into one line per subject and day ("Sam and 3 others liked your note"); comments,
# replies and mentions each carry their own words and stay one per line.
GROUPED_VERBS = (
    Notification.Verb.LIKE,
    Notification.Verb.COMMENT_LIKE,
    Notification.Verb.COLLECT,
    Notification.Verb.FOLLOW,
    Notification.Verb.SHARE,
)


def group_key_for(verb: str, note_id, comment_id, when) -> str:
    """The key of the line a notification joins: verb, subject and UTC day for grouped verbs,
    a key of its own for every other."""
    if verb in GROUPED_VERBS:
        day = when.astimezone(UTC).date().isoformat()
        return f"{verb}:{note_id or ''}:{comment_id or ''}:{day}"
    return f"{verb}:{uuid4().hex}"


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
