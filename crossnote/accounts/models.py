"""Users with a cross-cultural profile, and the personal access tokens of the REST API."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from crossnote.core.models import TimestampedModel

# Languages a person may say they speak; ISO 639-1 codes, shown in their own name.
SPOKEN_LANGUAGES = [
    ("zh", "中文"),
    ("en", "English"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("hi", "हिन्दी"),
    ("vi", "Tiếng Việt"),
    ("th", "ไทย"),
    ("id", "Bahasa Indonesia"),
    ("it", "Italiano"),
]
SPOKEN_LANGUAGE_CODES = {code for code, _name in SPOKEN_LANGUAGES}
# The two languages of the interface are named in the reader's language ("Chinese" / "中文",
# "English" / "英文"); the others in themselves, as the sign-up form names them.
READER_LANGUAGE_NAMES = {"zh": _("Chinese"), "en": _("English")}


def language_name(code: str) -> str:
    """A language's name for the reader: "zh" is "Chinese" to an English reader and "中文" to a
    Chinese one, "ja" is "日本語" to both; a code that names no language stays as it is."""
    code = (code or "").strip()
    base = code.lower().replace("_", "-").split("-")[0]
    name = READER_LANGUAGE_NAMES.get(base) or dict(SPOKEN_LANGUAGES).get(base)
    return str(name) if name else code


username_validator = RegexValidator(
    r"^[A-Za-z0-9_]{3,30}$",
    _("Use 3–30 letters, digits or underscores."),
)


class CommentPermission(models.TextChoices):
    """Who may comment on a person's notes (decided in crossnote.notes.policies.can_comment)."""

    EVERYONE = "everyone", _("Everyone")
    FOLLOWERS = "followers", _("Only people who follow me")
    NOBODY = "nobody", _("Nobody")


class User(AbstractUser):
    """A person on Crossnote; `username` is the @handle, `display_name` may be in any script."""

    username = models.CharField(
        _("username"), max_length=30, unique=True, validators=[username_validator]
    )
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    bio = models.TextField(_("bio"), max_length=500, blank=True)
    avatar = models.FileField(_("avatar"), upload_to="avatars/", blank=True)
    region = CountryField(_("region"), blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    # Detected languages of the bio and display name (crossnote.language.detection), set on write.
    bio_language = models.CharField(max_length=8, blank=True)
    bio_language_confidence = models.FloatField(default=0.0)
    display_name_language = models.CharField(max_length=8, blank=True)
    display_name_language_confidence = models.FloatField(default=0.0)
    auto_translate = models.BooleanField(
        _("translate automatically"),
        default=False,
        help_text=_("Show notes and comments in languages you don't speak already translated."),
    )
    follower_count = models.PositiveIntegerField(default=0)
    following_count = models.PositiveIntegerField(default=0)
    note_count = models.PositiveIntegerField(default=0)
    # Privacy settings (crossnote.privacy; docs/operating/privacy.md). `discoverable` False keeps the
    # account and its notes out of search results (read by crossnote.search).
    comment_permission = models.CharField(
        _("who may comment"),
        max_length=10,
        choices=CommentPermission.choices,
        default=CommentPermission.EVERYONE,
    )
    discoverable = models.BooleanField(_("discoverable in search"), default=True)
    hide_region = models.BooleanField(_("hide region on profile"), default=False)
    # Where this account's personal data lives: set at sign-up from the region, changed only by
    # an admin; crossnote.privacy.routers can place each data region on its own database.
    data_region = models.CharField(_("data region"), max_length=16, default="global")

    def __str__(self):
        return self.username

    def get_absolute_url(self):
        return reverse("accounts:profile", kwargs={"username": self.username})

    @property
    def name(self) -> str:
        """What to call the person on a page: display name, else the handle."""
        return self.display_name or self.username

    @property
    def shown_name(self) -> str:
        """What others see where this person's words stay (a conversation they were in): the
        name, or "Deleted account" once the account is closed (deletion grace) or suspended."""
        return self.name if self.is_active else str(_("Deleted account"))

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]


class ApiToken(TimestampedModel):
    """A personal access token; only its SHA-256 is stored, the secret is shown once."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=50)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
