"""Notes with their images and topics, comments, likes and collects (boards)."""

from functools import lru_cache

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from crossnote.core.models import LanguageTagged, TimestampedModel

TITLE_MAX = 100
BODY_MAX = 2000
COMMENT_MAX = 1000
MAX_IMAGES = 9
ALT_TEXT_MAX = 300
# The board a note is saved to when no board is named. Stored under this English name and shown
# in each reader's language; boards made before that carry the Chinese name, shown the same way.
DEFAULT_BOARD = gettext_noop("Saved")


@lru_cache(maxsize=1)
def default_board_names() -> frozenset[str]:
    """Every name the default board may be stored under: the English one and its translations."""
    names = {DEFAULT_BOARD}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(gettext(DEFAULT_BOARD))
    return frozenset(names)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    FOLLOWERS = "followers", _("Followers only")
    PRIVATE = "private", _("Only me")


class ModerationState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    LABELLED = "labelled", _("Shown behind a content warning")
    LIMITED = "limited", _("Not recommended")
    HELD = "held", _("Held for review")
    REMOVED = "removed", _("Removed")


class Topic(TimestampedModel):
    """A #topic; `name` is stored case-folded without the '#'.

    One subject may go by a name in each language (#cats, #猫): the names are linked to one
    `canonical` topic (itself unlinked), and browsing, search and explore treat the group as one.
    A link the dictionary and the embeddings both vouch for is made when the topic is created;
    a weaker match waits in `suggested_link` for an operator (`crossnote topics`)."""

    name = models.CharField(max_length=30, unique=True)
    note_count = models.PositiveIntegerField(default=0)
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="aliases"
    )
    suggested_link = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggested_score = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return f"#{self.name}"

    def get_absolute_url(self):
        return reverse("notes:topic", kwargs={"name": self.name})

    @property
    def root_id(self) -> int:
        """The id of the topic that stands for this one's group (itself when unlinked)."""
        return self.canonical_id or self.pk


class Note(LanguageTagged, TimestampedModel):
    """A photo note: 1–9 images, a title, a body and topics."""

    author = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="notes")
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    topics = models.ManyToManyField("notes.Topic", related_name="notes", blank=True)
    like_count = models.PositiveIntegerField(default=0)
    collect_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    moderation = models.CharField(
        max_length=10, choices=ModerationState.choices, default=ModerationState.VISIBLE
    )
    content_warning = models.CharField(max_length=200, blank=True)
    # False from posting until every image's WebP variants exist (a background task): only the
    # author sees the note meanwhile (crossnote.notes.policies).
    media_ready = models.BooleanField(default=True)
    # A video note's length in seconds (None: a photo note); on the note so cards need no join.
    video_duration = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["visibility", "-created_at", "-id"]),
            models.Index(fields=["author", "-created_at"]),
        ]
        verbose_name = pgettext_lazy("admin model", "note")
        verbose_name_plural = pgettext_lazy("admin model", "notes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notes:detail", kwargs={"pk": self.pk})

    @property
    def picked_topics(self) -> list:
        """Topics the author picked that the body does not already show as #tags."""
        from crossnote.notes.text import extract_topics

        in_body = set(extract_topics(self.body))
        return [topic for topic in self.topics.all() if topic.name not in in_body]

    @property
    def cover(self):
        """The first image (prefetched images are used when present)."""
        images = list(self.images.all())
        return images[0] if images else None


class NoteImage(models.Model):
    """One image of a note, stored only as re-encoded variants (the original is never kept)."""

    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="images")
    position = models.PositiveSmallIntegerField()
    thumb = models.FileField(upload_to="notes/")
    thumb_width = models.PositiveIntegerField()
    thumb_height = models.PositiveIntegerField()
    large = models.FileField(upload_to="notes/")
    large_width = models.PositiveIntegerField()
    large_height = models.PositiveIntegerField()
    blurhash = models.CharField(max_length=60)
    pdq_hash = models.CharField(max_length=64, blank=True, db_index=True)
    alt_text = models.CharField(max_length=ALT_TEXT_MAX, blank=True)
    # The verified, stripped pixels (a storage name) waiting to become the WebP variants; until
    # then `thumb` and `large` name this file too. Empty once the variants are stored.
    pending = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["note", "position"], name="unique_image_position")
        ]

    def __str__(self):
        return f"{self.note_id}#{self.position}"

    @property
    def card_height(self) -> int:
        """Grid height for the thumbnail width, clamped to 4:3 landscape … 3:4 portrait like
        RedNote's cards, so one very tall photo does not take a whole column."""
        ratio = min(max(self.thumb_height / self.thumb_width, 0.75), 4 / 3)
        return round(self.thumb_width * ratio)

    @property
    def files(self):
        return [self.thumb, self.large]


class VideoState(models.TextChoices):
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be processed")


class NoteVideo(TimestampedModel):
    """The one video of a video note (crossnote.notes.video). Its poster frame is the note's
    image at position 0, so cards, the carousel's fallback, export and erasure treat it as a
    photo. Only the stripped copy (`pending`) is stored at posting; the background task makes
    the MP4 renditions, then empties `pending` and the note is published (Note.media_ready)."""

    note = models.OneToOneField("notes.Note", on_delete=models.CASCADE, related_name="video")
    state = models.CharField(
        max_length=12, choices=VideoState.choices, default=VideoState.PROCESSING
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent transcoded
    error = models.CharField(max_length=300, blank=True)
    # The stripped copy (streams only, a storage name) waiting for its transcode.
    pending = models.CharField(max_length=200, blank=True)
    # Who is transcoding: a worker claims the video and renews the claim as it goes; a claim
    # left to go stale (a dead worker) is taken over by the sweep.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    duration = models.FloatField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    mp4 = models.FileField(upload_to="notes/", blank=True)
    small = models.FileField(upload_to="notes/", blank=True)
    small_width = models.PositiveIntegerField(default=0)
    small_height = models.PositiveIntegerField(default=0)
    source_codecs = models.CharField(max_length=40, blank=True)
    # PDQ hashes (64 hex digits, comma-separated) of the frames screened, one a second.
    frame_hashes = models.TextField(blank=True)

    class Meta:
        verbose_name = _("note video")
        verbose_name_plural = _("note videos")

    def __str__(self):
        return f"video of {self.note_id}"

    @property
    def files(self):
        return [f for f in (self.mp4, self.small) if f]


class Comment(LanguageTagged, TimestampedModel):
    """A comment on a note; `parent` makes it a reply (one level: replies attach to the top)."""

    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    reply_to = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(max_length=COMMENT_MAX)
    like_count = models.PositiveIntegerField(default=0)
    moderation = models.CharField(
        max_length=10, choices=ModerationState.choices, default=ModerationState.VISIBLE
    )
    content_warning = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["note", "parent", "created_at"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:40]


class NoteLike(TimestampedModel):
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="note_likes")
    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="likes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "note"], name="unique_note_like")]

    def __str__(self):
        return f"{self.user_id} ♥ {self.note_id}"


class CommentLike(TimestampedModel):
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="comment_likes"
    )
    comment = models.ForeignKey("notes.Comment", on_delete=models.CASCADE, related_name="likes")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="unique_comment_like")
        ]

    def __str__(self):
        return f"{self.user_id} ♥ c{self.comment_id}"


class Board(TimestampedModel):
    """A named collection of saved notes; private boards are seen only by their owner."""

    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="boards")
    name = models.CharField(max_length=50)
    is_private = models.BooleanField(default=False)
    # Detected language of the name (crossnote.language.detection), set on write.
    name_language = models.CharField(max_length=8, blank=True)
    name_language_confidence = models.FloatField(default=0.0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="unique_board")]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self):
        return self.name

    @property
    def title(self) -> str:
        """The name to show: the default board's in the reader's language, others as named."""
        return gettext(DEFAULT_BOARD) if self.name in default_board_names() else self.name

    def get_absolute_url(self):
        return reverse("notes:board", kwargs={"pk": self.pk})


class Collect(TimestampedModel):
    """A note saved to a board."""

    board = models.ForeignKey("notes.Board", on_delete=models.CASCADE, related_name="collects")
    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="collects")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["board", "note"], name="unique_collect")]

    def __str__(self):
        return f"{self.board_id} ⊃ {self.note_id}"


class NoteWithholding(models.Model):
    """Index row: `note` is withheld for readers in `region` (details in moderation.Withholding)."""

    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="withheld_in")
    region = models.CharField(max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "region"], name="unique_note_withholding")
        ]

    def __str__(self):
        return f"{self.note_id} withheld in {self.region}"
