"""The translation cache, reports of bad translations, the slang glossary, instance languages."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossnote.core.models import TimestampedModel


class LanguageSettings(models.Model):
    """One row: the languages this instance detects and offers (editable in admin)."""

    enabled_languages = models.JSONField(
        _("enabled languages"),
        default=list,
        help_text=_("ISO 639-1 codes, e.g. zh, en, ja. Fewer languages: faster, surer detection."),
    )

    class Meta:
        verbose_name = _("language settings")
        verbose_name_plural = _("language settings")

    def __str__(self):
        return ", ".join(self.enabled_languages)

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete("language:enabled")

    @classmethod
    def current(cls) -> "LanguageSettings":
        row = cls.objects.filter(pk=1).first()
        if row is None or not row.enabled_languages:
            return cls(pk=1, enabled_languages=list(settings.CROSSNOTE_LANGUAGES))
        return row


class Translation(TimestampedModel):
    """A cached machine translation: one per (text, source, target, backend) for the instance."""

    text_hash = models.CharField(max_length=64)
    source = models.CharField(max_length=8)
    target = models.CharField(max_length=8)
    backend = models.CharField(max_length=20)
    text = models.TextField()
    is_gloss = models.BooleanField(default=False)
    # A gloss's learner view, word by word (backends.dictionary.token); null for translations.
    tokens = models.JSONField(null=True, blank=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["text_hash", "source", "target", "backend"], name="unique_translation"
            )
        ]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self):
        return f"{self.source}→{self.target} ({self.backend})"


class TranslationReport(TimestampedModel):
    """A reader's report that a translation is wrong; the cached row is dropped when reported."""

    reporter = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField(max_length=8)
    target = models.CharField(max_length=8)
    backend = models.CharField(max_length=20)
    original = models.TextField()
    translation = models.TextField()
    reason = models.CharField(max_length=500, blank=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("translation report")
        verbose_name_plural = _("translation reports")

    def __str__(self):
        return f"{self.backend} {self.source}→{self.target}: {self.reason[:40]}"


class SlangTerm(TimestampedModel):
    """Internet slang with its meaning in each language, applied around machine translation."""

    term = models.CharField(max_length=50, unique=True)
    meanings = models.JSONField(
        default=dict, help_text=_('What it means in each language, e.g. {"en": "GOAT"}')
    )
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("slang term")
        verbose_name_plural = _("slang terms")

    def __str__(self):
        return self.term
