"""Federation's own rows: local people's signing keys, remote actors and their notes, follows across
servers, likes from and to elsewhere, activity ids already seen (replays), and domain blocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossnote.core.models import TimestampedModel


class ActorKey(TimestampedModel):
    """A local person's RSA key pair for HTTP signatures, made on first need (actor document or
    first delivery) and kept: remote servers cache the public key by its id."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="federation_key"
    )
    public_pem = models.TextField()
    private_pem = models.TextField()

    def __str__(self):
        return f"key of {self.user}"


class RemoteActor(TimestampedModel):
    """A person on another server, as their actor document said when last fetched."""

    uri = models.URLField(max_length=500, unique=True)
    domain = models.CharField(max_length=255, db_index=True)
    username = models.CharField(max_length=200)  # preferredUsername
    name = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)  # sanitised HTML
    url = models.URLField(max_length=500, blank=True)  # the profile page people open
    icon_url = models.URLField(max_length=500, blank=True)
    # Our own re-encoded copy of icon_url (crossnote.federation.avatars): pages show it from here,
    # never from their server (which would learn every reader's address, and which the CSP
    # refuses anyway); avatar_from is the icon_url it (or a refusal to copy it) was made from.
    avatar = models.FileField(upload_to="elsewhere/avatars/", blank=True)
    avatar_from = models.URLField(max_length=500, blank=True)
    inbox = models.URLField(max_length=500)
    shared_inbox = models.URLField(max_length=500, blank=True)
    outbox = models.URLField(max_length=500, blank=True)
    followers_url = models.URLField(max_length=500, blank=True)
    key_id = models.CharField(max_length=500, db_index=True)
    public_key_pem = models.TextField()
    languages = models.JSONField(default=list, blank=True)
    # Account moves (Mastodon's alsoKnownAs / movedTo): the other accounts this actor says are
    # also theirs, and the account it moved to (crossnote.federation.moving).
    also_known_as = models.JSONField(default=list, blank=True)
    moved_to = models.URLField(max_length=500, blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["username", "domain"])]
        verbose_name = _("remote actor")
        verbose_name_plural = _("remote actors")

    @property
    def avatar_url(self) -> str:
        """Our copy of their avatar, to show ('' until it is copied, or when it was refused)."""
        return self.avatar.url if self.avatar else ""

    def __str__(self):
        return self.address

    @property
    def address(self) -> str:
        return f"@{self.username}@{self.domain}"

    @property
    def delivery_inbox(self) -> str:
        return self.shared_inbox or self.inbox


class RemoteFollow(TimestampedModel):
    """A local person follows a remote actor: pending until the remote server sends Accept."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the other server")
        ACCEPTED = "accepted", _("following")
        REJECTED = "rejected", _("refused by the other server")

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="remote_following"
    )
    actor = models.ForeignKey(
        "federation.RemoteActor", on_delete=models.CASCADE, related_name="local_followers"
    )
    activity_id = models.URLField(max_length=500, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"], name="unique_remote_follow")
        ]

    def __str__(self):
        return f"{self.user} → {self.actor} ({self.state})"


class RemoteFollower(TimestampedModel):
    """A remote actor follows a local person (accepted at once: Crossnote has no locked accounts)."""

    actor = models.ForeignKey(
        "federation.RemoteActor", on_delete=models.CASCADE, related_name="follows_local"
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="remote_followers"
    )
    activity_id = models.URLField(max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "user"], name="unique_remote_follower")
        ]

    def __str__(self):
        return f"{self.actor} → {self.user}"


class RemoteBlock(TimestampedModel):
    """A local person blocks someone elsewhere: neither follows the other any more, their follow
    requests are rejected, and a Block activity tells their server."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="remote_blocks"
    )
    actor = models.ForeignKey(
        "federation.RemoteActor", on_delete=models.CASCADE, related_name="blocked_by"
    )
    # The Block activity's id, named again by the Undo(Block) sent when they are unblocked.
    activity_id = models.URLField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"], name="unique_remote_block")
        ]

    def __str__(self):
        return f"{self.user} ⊘ {self.actor}"


class RemoteNote(TimestampedModel):
    """A note from another server (Create(Note)), its HTML sanitised; media kept as links."""

    uri = models.URLField(max_length=500, unique=True)
    actor = models.ForeignKey(
        "federation.RemoteActor", on_delete=models.CASCADE, related_name="notes"
    )
    url = models.URLField(max_length=500, blank=True)
    content = models.TextField(blank=True)  # sanitised HTML
    text = models.TextField(blank=True)  # plain text of content (translation, search)
    summary = models.CharField(max_length=500, blank=True)  # content warning
    sensitive = models.BooleanField(default=False)
    language = models.CharField(max_length=16, blank=True)
    attachments = models.JSONField(default=list, blank=True)  # [{url, media_type, name}]
    hashtags = models.JSONField(default=list, blank=True)
    in_reply_to = models.URLField(max_length=500, blank=True)
    # A reply to a local note (or to one of its comments) is shown among that note's comments
    # (crossnote.federation.replies).
    reply_to_note = models.ForeignKey(
        "notes.Note",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies_elsewhere",
    )
    reply_to_comment = models.ForeignKey(
        "notes.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies_elsewhere",
    )
    published = models.DateTimeField()
    like_count = models.PositiveIntegerField(default=0)
    # The local moderation pipeline's verdict on its text (crossnote.moderation: term lists,
    # classifiers, policies): "hold" and "remove" hide it, "label" folds it behind a warning.
    moderation = models.CharField(max_length=10, default="allow")
    moderation_category = models.CharField(max_length=50, blank=True)

    class Meta:
        indexes = [models.Index(fields=["actor", "-published"])]
        verbose_name = _("remote note")
        verbose_name_plural = _("remote notes")

    def __str__(self):
        return self.uri


class RemoteLike(TimestampedModel):
    """A remote actor liked a local note (counted on the note's page beside local likes)."""

    actor = models.ForeignKey(
        "federation.RemoteActor", on_delete=models.CASCADE, related_name="likes_given"
    )
    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="remote_likes")
    activity_id = models.URLField(max_length=500, unique=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "note"], name="unique_remote_like")]


class RemoteAnnounce(TimestampedModel):
    """A remote actor boosted (Announce) a local public note: counted as its shares beside its
    likes; an Undo(Announce) removes it."""

    actor = models.ForeignKey(
        "federation.RemoteActor", on_delete=models.CASCADE, related_name="announces_given"
    )
    note = models.ForeignKey(
        "notes.Note", on_delete=models.CASCADE, related_name="remote_announces"
    )
    activity_id = models.URLField(max_length=500, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "note"], name="unique_remote_announce")
        ]


class RemoteNoteLike(TimestampedModel):
    """A local person liked a remote note (a Like was sent to its author's server)."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="remote_note_likes"
    )
    note = models.ForeignKey(
        "federation.RemoteNote", on_delete=models.CASCADE, related_name="local_likes"
    )
    activity_id = models.URLField(max_length=500, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "note"], name="unique_remote_note_like")
        ]


class SeenActivity(models.Model):
    """An incoming activity id already accepted: the same id again is a replay and is refused."""

    activity_id = models.CharField(max_length=500, unique=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.activity_id


class DomainBlock(TimestampedModel):
    """An operator's block of another server: its activities are refused, its content hidden."""

    class Severity(models.TextChoices):
        SUSPEND = "suspend", _("suspend (refuse everything)")
        SILENCE = "silence", _("silence (refuse everything; kept for blocklist imports)")

    domain = models.CharField(_("domain"), max_length=255, unique=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.SUSPEND
    )
    reason = models.CharField(_("public reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("domain block")
        verbose_name_plural = _("domain blocks")

    def __str__(self):
        return self.domain


class ActorAlias(TimestampedModel):
    """A local person's other account elsewhere (their actor's `alsoKnownAs`): the account they
    move here from names this one as its Move target, and servers check this list first."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="federation_aliases"
    )
    uri = models.URLField(max_length=500)
    address = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "uri"], name="unique_actor_alias")]

    def __str__(self):
        return f"{self.user} aka {self.address or self.uri}"


class AccountMove(TimestampedModel):
    """A local person moved to an account elsewhere (their actor's `movedTo`): a Move went to
    their remote followers, their local followers now follow the new account, and they can no
    longer post here (their notes stay)."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="federation_moves"
    )
    target_uri = models.URLField(max_length=500)
    target_address = models.CharField(max_length=300, blank=True)
    remote_followers = models.PositiveIntegerField(default=0)  # servers told (Move delivered)
    local_followers = models.PositiveIntegerField(default=0)  # switched to the new account
    # The redirect cancelled (Mastodon's "cancel redirect"): they may post again; followers who
    # moved stay with the new account, and the row still counts for the 30-day cooldown.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} → {self.target_address or self.target_uri}"


class ReceivedMove(TimestampedModel):
    """A Move received from another server, applied or refused (with the reason): the record
    behind the cooldown (one applied Move per account a week, as Mastodon) and the audit."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("applied")
        REFUSED = "refused", _("refused")

    origin_uri = models.URLField(max_length=500, db_index=True)
    target_uri = models.URLField(max_length=500)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=300, blank=True)
    followers_moved = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.origin_uri} → {self.target_uri} ({self.outcome})"


class LocalReply(TimestampedModel):
    """A local person's comment on a remote note: shown under it here and sent to its author's
    server as a reply (Create(Note) with `inReplyTo`), at /ap/replies/<id>."""

    author = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="replies_elsewhere"
    )
    note = models.ForeignKey(
        "federation.RemoteNote", on_delete=models.CASCADE, related_name="local_replies"
    )
    body = models.TextField(max_length=1000)
    language = models.CharField(max_length=16, blank=True)
    # The moderation pipeline's verdict, as on local comments: "hold" and "remove" keep it here
    # (seen by its author only) and it is not sent.
    moderation = models.CharField(max_length=10, default="allow")
    moderation_category = models.CharField(max_length=50, blank=True)

    class Meta:
        indexes = [models.Index(fields=["note", "created_at"])]

    def __str__(self):
        return self.body[:40]


class InstanceKey(TimestampedModel):
    """The server's own actor's key pair (an `Application` at /ap/actor, as Mastodon's instance
    actor): it signs what the server sends in its own name, such as a forwarded report (Flag),
    so the person who reported stays anonymous to the other server. One row, made on first need."""

    public_pem = models.TextField()
    private_pem = models.TextField()

    def __str__(self):
        return "instance actor key"
