"""The search index: one row of pre-tokenised text per note, person and topic.

Each row holds space-joined tokens (see crossnote.search.text). The engine's own index sits over
these tables and is created by the migration for the database in use: an FTS5 table kept in step
by triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL. Rows follow
their object: deleting a note, a person or a topic deletes its row (and, through the trigger,
its FTS5 entry) in the same transaction.
"""

from django.db import models


class NoteEntry(models.Model):
    """A note's tokens by field (title, body, #topics); weights are applied at query time."""

    note = models.OneToOneField(
        "notes.Note", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    topics = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "note entries"

    def __str__(self):
        return f"note {self.note_id}"

    @property
    def token_set(self) -> set[str]:
        return set(f"{self.title} {self.body} {self.topics}".split())


class UserEntry(models.Model):
    """A person's tokens (handle and display name; bio), and prefixes for suggestions."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    name = models.TextField(blank=True)
    bio = models.TextField(blank=True)
    handle = models.CharField(max_length=30, db_index=True)
    display = models.CharField(max_length=50, blank=True, db_index=True)
    initials = models.CharField(max_length=50, blank=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "user entries"

    def __str__(self):
        return self.handle

    @property
    def token_set(self) -> set[str]:
        return set(f"{self.name} {self.bio}".split())


class TopicEntry(models.Model):
    """A topic's tokens, its folded name, and its pinyin (full and initials: 火锅 → huoguo, hg)."""

    topic = models.OneToOneField(
        "notes.Topic", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    name = models.TextField(blank=True)
    folded = models.CharField(max_length=30, db_index=True)
    pinyin = models.CharField(max_length=200, blank=True, db_index=True)
    initials = models.CharField(max_length=30, blank=True, db_index=True)

    class Meta:
        verbose_name_plural = "topic entries"

    def __str__(self):
        return self.folded


class RecentSearch(models.Model):
    """What a signed-in person searched for lately, offered back as they type (their own only)."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="recent_searches"
    )
    query = models.CharField(max_length=200)
    folded = models.CharField(max_length=200)
    searched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "folded"], name="unique_recent_search")
        ]
        indexes = [models.Index(fields=["user", "-searched_at"])]

    def __str__(self):
        return self.query


class NoteEmbedding(models.Model):
    """A note's multilingual sentence embedding (512 float32, L2-normalised, as bytes): an
    English note and its Chinese translation land close together (crossnote.search.embeddings)."""

    note = models.OneToOneField(
        "notes.Note", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    vector = models.BinaryField()
    model = models.CharField(max_length=40)
    embedded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"note {self.note_id} ({self.model})"
