"""Conversations, their participants and messages, and each person's messaging preferences."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossnote.core.models import LanguageTagged, TimestampedModel

BODY_MAX = 4000
GROUP_MAX = 20


class WhoMayMessage(models.TextChoices):
    EVERYONE = "everyone", _("Everyone (people I don't follow land in Requests)")
    FOLLOWING = "following", _("Only people I follow")
    NOBODY = "nobody", _("Nobody")


class MessagingPreferences(TimestampedModel):
    """One person's messaging choices (a row appears the first time they change one)."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="messaging_preferences"
    )
    who_may_message = models.CharField(
        _("who may message me"),
        max_length=10,
        choices=WhoMayMessage.choices,
        default=WhoMayMessage.EVERYONE,
    )
    read_receipts = models.BooleanField(_("send read receipts"), default=True)

    def __str__(self):
        return f"{self.user_id}: {self.who_may_message}"


class Conversation(TimestampedModel):
    """Two people, or a small group (up to GROUP_MAX)."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("direct")
        # In context: a plain "group" is also Django's auth group (组), which read "群聊" in the admin.
        GROUP = "group", pgettext_lazy("conversation kind", "group")

    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.DIRECT)
    title = models.CharField(_("title"), max_length=80, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # "small_id:large_id" for a direct conversation, so two people have exactly one.
    direct_key = models.CharField(max_length=41, null=True, blank=True, unique=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set when a block between the two people of a direct conversation ended it.
    ended_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("messaging:conversation", args=[self.pk])


class Participant(TimestampedModel):
    """A person in a conversation, with their own state: request, read position, settings."""

    class State(models.TextChoices):
        ACTIVE = "active", _("active")
        REQUEST = "request", _("message request")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="conversation_memberships"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.ACTIVE)
    # Everything up to and including this message id has been read.
    last_read_id = models.PositiveBigIntegerField(default=0)
    auto_translate = models.BooleanField(_("translate their messages automatically"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_participant_row")
        ]
        indexes = [models.Index(fields=["user", "state"])]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id} ({self.state})"


class Message(TimestampedModel, LanguageTagged):
    """One message: text and/or an image, maybe a reply to another message of the same
    conversation. Unsending blanks it for everyone; deleting hides it for one person."""

    class Safety(models.TextChoices):
        CLEAR = "clear", _("clear")
        WARN = "warn", _("shown with a warning")
        LABELLED = "labelled", _("shown behind a content warning")
        REMOVED = "removed", _("removed")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="messages_sent"
    )
    body = models.TextField(max_length=BODY_MAX, blank=True)
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Re-encoded through crossnote.core.images (EXIF stripped); served only to participants.
    image = models.FileField(upload_to="messages/", blank=True)
    image_width = models.PositiveIntegerField(default=0)
    image_height = models.PositiveIntegerField(default=0)
    image_blurhash = models.CharField(max_length=60, blank=True)
    image_pdq = models.CharField(max_length=64, blank=True)
    # Screened because the recipient does not follow the sender (moderation + scam signals).
    screened = models.BooleanField(default=False)
    safety = models.CharField(max_length=8, choices=Safety.choices, default=Safety.CLEAR)
    # Scam signals found ("link", "payment", "off_platform"), shown as a calm warning.
    scam_signals = models.JSONField(default=list, blank=True)
    unsent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["conversation", "id"])]

    def __str__(self):
        return f"message {self.pk} in {self.conversation_id}"

    @property
    def is_unsent(self) -> bool:
        return self.unsent_at is not None


class HiddenMessage(models.Model):
    """Delete-for-me: the message stays for everyone else."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="hidden_for")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="hide_message_once")
        ]

    def __str__(self):
        return f"{self.message_id} hidden for {self.user_id}"


class MessageReport(TimestampedModel):
    """A participant's report of messages: moderators see only these messages and a little
    context (never the rest of the conversation)."""

    reporter = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="message_reports"
    )
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    messages = models.ManyToManyField(Message, related_name="reports")
    # The messages just before the reported ones, shown for context.
    context = models.ManyToManyField(Message, related_name="+", blank=True)
    reason = models.CharField(max_length=40)
    text = models.CharField(max_length=1000, blank=True)
    review_item_id = models.PositiveBigIntegerField(null=True, blank=True)

    def __str__(self):
        return f"report {self.pk} by {self.reporter_id}"

    # What the review queue reads (crossnote.moderation.selectors): the report is the reviewed
    # object, so a moderator reaches the reported messages and their context, nothing else.
    is_private = True

    @property
    def author(self):
        """The person whose messages were reported (the first reported message's sender)."""
        first = self.messages.select_related("sender").order_by("id").first()
        return first.sender if first else None

    @property
    def language(self) -> str:
        first = self.messages.order_by("id").first()
        return first.language if first else ""

    def review_text(self) -> str:
        """The context (marked) and the reported messages, oldest first, one per line."""
        reported = set(self.messages.values_list("pk", flat=True))
        rows = (self.messages.all() | self.context.all()).distinct().select_related("sender")
        lines = []
        for message in rows.order_by("id"):
            mark = "" if message.pk in reported else "(context) "
            body = message.body or ("[image]" if message.image else "[unsent]")
            lines.append(f"{mark}@{message.sender.username}: {body}")
        return "\n".join(lines)
