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
        verbose_name = _("policy")
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

    class Meta:
        verbose_name = _("term list")
        verbose_name_plural = _("term lists")

    def __str__(self):
        return self.name


class Term(models.Model):
    term_list = models.ForeignKey(TermList, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=100)
    exceptions = models.JSONField(
        default=list, blank=True, help_text=_("Innocent words containing the term, e.g. 乳酪")
    )
    ambiguous = models.BooleanField(
        default=False,
        help_text=_("Has innocent readings: a lone match labels at most, never holds"),
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
        verbose_name = _("hash entry")
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
        MESSAGE = "message", _("message")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="moderation_decisions"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    category = models.CharField(max_length=40, blank=True)
    policy = models.ForeignKey(Policy, on_delete=models.SET_NULL, null=True, blank=True)
    automated = models.BooleanField(default=True)
    moderator = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_appeal = models.BooleanField(default=False)
    ai_action = models.CharField(max_length=10, blank=True, help_text=_("What the AI suggested"))
    signals = models.JSONField(default=list)
    regions = models.JSONField(default=list, blank=True)
    statement = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id", "-created_at"])]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

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

    class Meta:
        verbose_name = _("withholding")
        verbose_name_plural = _("withholdings")

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
        verbose_name = _("guidelines acknowledgement")
        verbose_name_plural = _("guidelines acknowledgements")

    def __str__(self):
        return f"{self.user_id} {self.version}"


class Report(TimestampedModel):
    """A reader's report of a note, comment or profile; one per reader per item."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DECIDED = "decided", _("decided")

    reporter = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=10, choices=Decision.Kind.choices)
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=40)
    text = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    item = models.ForeignKey(
        "moderation.ReviewItem", on_delete=models.SET_NULL, null=True, related_name="reports"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "kind", "object_id"], name="one_report_per_reader"
            )
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.reporter_id} reports {self.kind} {self.object_id}"


class ReviewItem(TimestampedModel):
    """One thing waiting for a human: an automated hold or label, reports, an escalation or an
    appeal. Ordered by priority = severity × expected reach."""

    class Source(models.TextChoices):
        AUTOMATED = "automated", _("automated detection")
        REPORT = "report", _("user reports")
        ESCALATION = "escalation", _("escalation")
        APPEAL = "appeal", _("appeal")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLAIMED = "claimed", _("claimed")
        DECIDED = "decided", _("decided")

    kind = models.CharField(max_length=10, choices=Decision.Kind.choices)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="review_items"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    # The text as it was reviewed: the learning loop trains on it (blanked on account erasure).
    content_text = models.TextField(blank=True)
    category = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=8, blank=True)
    region = models.CharField(max_length=2, blank=True)
    severity = models.FloatField(default=0.5)
    reach = models.PositiveIntegerField(default=1)
    priority = models.FloatField(default=0.0, db_index=True)
    suggested_action = models.CharField(max_length=10, choices=Action.choices, blank=True)
    confidence = models.FloatField(default=0.0)
    trigger = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, related_name="+")
    needs_senior = models.BooleanField(default=False)
    excluded_moderator = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    claimed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    agreed_with_ai = models.BooleanField(null=True)
    appeal = models.OneToOneField(
        "moderation.Appeal", on_delete=models.CASCADE, null=True, blank=True, related_name="item"
    )

    class Meta:
        indexes = [
            models.Index(fields=["status", "-priority"]),
            # The open item about a note or comment (selectors.open_item_about), looked up on
            # every automated action and report: without it each one scanned the open queue.
            models.Index(fields=["kind", "object_id"], name="reviewitem_content"),
        ]
        verbose_name = _("review item")
        verbose_name_plural = _("review items")

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.source}, {self.status})"


class Appeal(TimestampedModel):
    """An author's appeal of a decision; decided by a senior moderator who did not decide it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        UPHELD = "upheld", _("decision upheld")
        REVERSED = "reversed", _("decision reversed")

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="appeal")
    author = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="appeals")
    text = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return f"appeal of {self.decision_id}: {self.status}"


class Strike(TimestampedModel):
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="strikes")
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True)
    expires_at = models.DateTimeField()
    lifted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("strike")
        verbose_name_plural = _("strikes")

    def __str__(self):
        return f"strike on {self.user_id} until {self.expires_at:%Y-%m-%d}"


class Suspension(TimestampedModel):
    """An account suspended by the strike ladder or by a policy's account action; `until` None
    means until an admin lifts it (or an appeal reverses the decision it was given on)."""

    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="suspensions",
        verbose_name=_("person"),
    )
    # The decision it was given on: reversing that decision on appeal lifts it (EU DSA Art. 20).
    decision = models.ForeignKey(
        "moderation.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suspensions",
        verbose_name=_("decision"),
    )
    until = models.DateTimeField(_("until"), null=True, blank=True)
    lifted = models.BooleanField(_("lifted"), default=False)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self):
        return f"{self.user_id} until {self.until or 'lifted by an admin'}"


class AuditEntry(models.Model):
    """Append-only record of every moderator and admin action (who, what, when, before/after)."""

    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    target = models.CharField(max_length=60)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class ClassifierVersion(TimestampedModel):
    """A trained version of the offensive-language classifier; one is active at a time."""

    version = models.CharField(max_length=80, unique=True)
    path = models.CharField(max_length=500, help_text=_("Empty: the model shipped in the package"))
    metrics = models.JSONField(default=dict, blank=True)
    active = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("classifier version")
        verbose_name_plural = _("classifier versions")

    def __str__(self):
        return f"{self.version}{' (active)' if self.active else ''}"


class ModeratorScope(models.Model):
    """Optional per-region scope: a moderator with regions sees only items from those regions."""

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="moderator_scope"
    )
    regions = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("moderator scope")
        verbose_name_plural = _("moderator scopes")

    def __str__(self):
        return f"{self.user_id}: {', '.join(self.regions) or 'all'}"
