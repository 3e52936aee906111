"""An archive being imported (status, progress, what was skipped and why) and the notes it made,
which stay drafts only their author sees until they publish them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossnote.core.models import TimestampedModel


class Import(TimestampedModel):
    """One uploaded archive (Instagram, or Mastodon/Pixelfed) turned into draft notes in the
    background; the page and the API read its progress from this row."""

    class Kind(models.TextChoices):
        INSTAGRAM = "instagram", _("Instagram export")
        MASTODON = "mastodon", _("Mastodon or Pixelfed archive")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="imports")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The uploaded archive in the imports storage (never under MEDIA_ROOT); emptied once read.
    file_name = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    total = models.PositiveIntegerField(default=0)  # posts found in the archive
    done = models.PositiveIntegerField(default=0)  # posts looked at so far
    imported = models.PositiveIntegerField(default=0)  # drafts made
    skipped = models.PositiveIntegerField(default=0)  # posts not imported (see `errors`)
    # What was left out and why: [{"item": "post 3" or a file name, "reason": "..."}].
    errors = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)  # why the whole archive was refused
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.kind} import #{self.pk} ({self.status})"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress(self) -> int:
        """Percent of posts looked at (100 once finished)."""
        if not self.in_progress:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0


class ImportedDraft(TimestampedModel):
    """A note made from an archive and not yet published: private to its author, listed on the
    drafts page with Publish and Delete. Publishing removes this row."""

    note = models.OneToOneField(
        "notes.Note", on_delete=models.CASCADE, related_name="imported_draft"
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="imported_drafts"
    )
    job = models.ForeignKey(
        "portability.Import",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafts",
    )
    # The post's id in its archive: running the same import again makes no second draft.
    post_key = models.CharField(max_length=300, blank=True)
    # Who could see the post where it came from (Mastodon's addressing); offered on Publish.
    suggested_visibility = models.CharField(max_length=10, default="public")

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"draft of note {self.note_id}"
