"""Moderation as data: policies, term lists, hash lists, decisions, withholdings, guidelines."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossnote.core.models import TimestampedModel


class Action(models.TextChoices):
    """What a policy does, mildest first (the engine applies the most severe that matches)."""

    ALLOW = "allow", _("Allow")
    LABEL = "label", _("Show behind a content warning")
    LIMIT = "limit", _("Do not recommend")
    WITHHOLD = "withhold", _("Withhold in listed regions")
    HOLD = "hold", _("Hold for review")
    REMOVE = "remove", _("Remove")


SEVERITY = {action: rank for rank, action in enumerate(Action.values)}


class AccountAction(models.TextChoices):
    NONE = "", _("None")
    WARN = "warn", _("Warn the author")
    SUSPEND = "suspend", _("Suspend the account")


class Policy(TimestampedModel):
    """One rule: a signal of `category` (from `layer`, or any) scoring ≥ `min_score` → `action`."""

    name = models.CharField(max_length=80, unique=True)
    category = models.CharField(max_length=40)
    layer = models.CharField(max_length=20, blank=True, help_text=_("Empty: any layer"))
    min_score = models.FloatField(default=0.5)
    action = models.CharField(max_length=10, choices=Action.choices)
    account_action = models.CharField(
        max_length=10, choices=AccountAction.choices, blank=True, default=""
    )
    regions = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "ISO 3166 codes. For 'withhold': where. Otherwise: authors these apply to "
            "(empty: everywhere)."
        ),
    )
    legal_basis = models.CharField(max_length=200, blank=True)
    applies_to = models.JSONField(
        default=list, blank=True, help_text=_("note, comment, profile, image (empty: all)")
    )
    label_text = models.CharField(max_length=200, blank=True)
    guideline = models.CharField(max_length=40, blank=True)
    enabled = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = _("policies")
        ordering = ["category", "min_score"]

    def __str__(self):
        return self.name


class TermList(TimestampedModel):
    name = models.CharField(max_length=80, unique=True)
    category = models.CharField(max_length=40)
    language = models.CharField(max_length=8, blank=True, help_text=_("Empty: any language"))
    regions = models.JSONField(default=list, blank=True, help_text=_("Empty: every region"))
    enabled = models.BooleanField(default=True)
    description = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return self.name


class Term(models.Model):
    term_list = models.ForeignKey(TermList, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=100)
    exceptions = models.JSONField(
        default=list, blank=True, help_text=_("Innocent words containing the term, e.g. 乳酪")
    )
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term_list", "term"], name="unique_term")]

    def __str__(self):
        return self.term


class HashEntry(TimestampedModel):
    """A known-bad image (PDQ or MD5) or text (normalised-text hash)."""

    class Kind(models.TextChoices):
        PDQ = "pdq", "PDQ"
        MD5 = "md5", "MD5"
        TEXT = "text", _("normalised text")

    kind = models.CharField(max_length=4, choices=Kind.choices)
    value = models.CharField(max_length=64)
    category = models.CharField(max_length=40)
    source = models.CharField(max_length=80, default="local")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = _("hash entries")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="unique_hash")]

    def __str__(self):
        return f"{self.kind}:{self.value[:12]}…"


class Decision(TimestampedModel):
    """What was done to one piece of content and why: the record behind every statement of
    reasons (which layer, rule, model version, score and spans)."""

    class Kind(models.TextChoices):
        NOTE = "note", _("note")
        COMMENT = "comment", _("comment")
        PROFILE = "profile", _("profile")
        IMAGE = "image", _("image")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="moderation_decisions"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    category = models.CharField(max_length=40, blank=True)
    policy = models.ForeignKey(Policy, on_delete=models.SET_NULL, null=True, blank=True)
    automated = models.BooleanField(default=True)
    signals = models.JSONField(default=list)
    regions = models.JSONField(default=list, blank=True)
    statement = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.action}"


class Withholding(TimestampedModel):
    """A note withheld in some regions, with the legal basis; listed publicly without content."""

    note = models.ForeignKey("notes.Note", on_delete=models.CASCADE, related_name="withholdings")
    regions = models.JSONField(default=list)
    legal_basis = models.CharField(max_length=200)
    reference = models.CharField(max_length=100, blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return f"note {self.note_id} in {', '.join(self.regions)}"


class GuidelinesAcknowledgement(models.Model):
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="guideline_acknowledgements"
    )
    version = models.CharField(max_length=20)
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="unique_acknowledgement")
        ]

    def __str__(self):
        return f"{self.user_id} {self.version}"
