"""Account writes: sign up, profile edits, avatars and API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from crossnote.accounts import authcache
from crossnote.accounts.models import SPOKEN_LANGUAGE_CODES, ApiToken, User, username_validator
from crossnote.core import hooks
from crossnote.core.errors import Conflict, InvalidInput, NotFound
from crossnote.core.images import AVATAR_VARIANTS, process_image
from crossnote.core.language_detection import profile_language_fields
from crossnote.security import services as security

# The shared password of the demo's people and of the simulated influx (`crossnote demo`):
# published on purpose, so a visitor can log in as any of them.
DEMO_PASSWORD = "crossnote-demo"  # noqa: S105 - published on purpose
TOKEN_PREFIX = "cn_"  # noqa: S105 - a public marker, not a secret
MAX_TOKENS_PER_USER = 20
TOKEN_TOUCH_EVERY = timedelta(minutes=5)  # how often a token's last_used_at is written


def _clean_username(username: str) -> str:
    username = (username or "").strip()
    try:
        username_validator(username)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], field="username") from exc
    return username


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidInput(_("Enter a valid email address."), field="email") from exc
    return email


def _clean_region(region: str) -> str:
    region = (region or "").strip().upper()
    if region and region not in countries:
        raise InvalidInput(
            _("“%(code)s” is not an ISO 3166 country code.") % {"code": region}, field="region"
        )
    return region


def _clean_languages(languages) -> list[str]:
    cleaned = []
    for code in languages or []:
        code = str(code).strip().lower()
        if code not in SPOKEN_LANGUAGE_CODES:
            raise InvalidInput(
                _("“%(code)s” is not a supported language code.") % {"code": code},
                field="languages",
            )
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


def sign_up(
    *,
    username: str,
    email: str,
    password: str,
    display_name: str = "",
    region: str = "",
    languages=(),
    accept_guidelines: bool = False,
    invite_code: str = "",
    language: str = "",
    reason: str = "",
) -> User:
    """Create an account; the password is hashed with Argon2 (settings.PASSWORD_HASHERS).
    The community guidelines must be accepted; the acknowledgement is recorded with its version.
    The sign-up surge mode (crossnote.security) may ask for an invite code, or keep the account
    inactive until staff approve it (`user.is_active` tells which)."""
    if not accept_guidelines:
        raise InvalidInput(
            _("Please read and accept the community guidelines."), field="accept_guidelines"
        )
    username = _clean_username(username)
    email = _clean_email(email)
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(_("That username is taken."), field="username")
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(_("An account with that email already exists."), field="email")
    user = User(
        username=username,
        email=email,
        display_name=(display_name or "").strip()[:50],
        region=_clean_region(region),
        languages=_clean_languages(languages),
    )
    for field, value in profile_language_fields(user).items():
        setattr(user, field, value)
    try:
        password_validation.validate_password(password or "", user)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="password") from exc
    admission = security.admit_signup(invite_code=invite_code)
    user.is_active = admission.active
    user.set_password(password)
    with transaction.atomic():
        user.save()
        security.complete_signup(user=user, admission=admission, language=language, reason=reason)
        hooks.collect(hooks.SIGNED_UP, user=user)
    return user


def update_profile(*, user: User, **changes) -> User:
    """Change any of display_name, bio, region, languages; unknown keys are refused."""
    allowed = {"display_name", "bio", "region", "languages", "auto_translate"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(_("Unknown profile field: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "display_name" in changes:
        name = (changes["display_name"] or "").strip()
        if len(name) > 50:
            raise InvalidInput(_("Display name: at most 50 characters."), field="display_name")
        user.display_name = name
    if "bio" in changes:
        bio = (changes["bio"] or "").strip()
        if len(bio) > 500:
            raise InvalidInput(_("Bio: at most 500 characters."), field="bio")
        user.bio = bio
    if "region" in changes:
        user.region = _clean_region(changes["region"])
    if "languages" in changes:
        user.languages = _clean_languages(changes["languages"])
    if "auto_translate" in changes:
        user.auto_translate = bool(changes["auto_translate"])
    fields = [f for f in allowed if f in changes]
    detected = profile_language_fields(user)
    for prefix in ("bio", "display_name"):
        if prefix in changes:
            keys = [f"{prefix}_language", f"{prefix}_language_confidence"]
            for key in keys:
                setattr(user, key, detected[key])
            fields += keys
    with transaction.atomic():
        user.save(update_fields=fields)
        if "bio" in changes or "display_name" in changes:
            hooks.collect(hooks.CONTENT_CREATED, obj=user, kind="profile", author=user)
    return user


def set_avatar(*, user: User, upload) -> User:
    """Replace the avatar with a re-encoded square WebP (EXIF stripped); the old file is removed."""
    processed = process_image(upload, variants=AVATAR_VARIANTS)
    old = user.avatar.name if user.avatar else ""
    user.avatar.save(
        f"{user.pk}-{secrets.token_hex(6)}.webp",
        ContentFile(processed.variants["avatar"].content),
        save=False,
    )
    user.save(update_fields=["avatar"])
    if old:
        user.avatar.storage.delete(old)
    return user


def change_password(*, user: User, old_password: str, new_password: str) -> User:
    """Change the password. Every session and API token of the account ends (crossnote.security
    watches the password hash); the page keeps the caller's own session."""
    if not user.check_password(old_password or ""):
        raise InvalidInput(_("Your current password is not right."), field="old_password")
    try:
        password_validation.validate_password(new_password or "", user)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), field="new_password") from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


def _hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a personal access token and return it with its secret (shown only this once)."""
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise InvalidInput(_("Give the token a name of 1–50 characters."), field="name")
    if user.api_tokens.count() >= MAX_TOKENS_PER_USER:
        raise Conflict(_("You have too many tokens; revoke one first."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:10], key_hash=_hash_token(secret)
    )
    return token, secret


def revoke_api_token(*, user: User, token_id: int) -> None:
    """Delete one of the user's tokens."""
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFound(_("No such token."))


def authenticate_token(secret: str) -> User | None:
    """The active user a token secret belongs to, or None.

    The person's row is read on every request (a closed or suspended account is refused at the
    next request); the token row only when this process has no current memo of it
    (crossnote.accounts.authcache: a revoked token, or a password change, which deletes the
    person's tokens, bumps the shared generation, so every process reads the token again and
    finds it gone). `last_used_at` says when, to within TOKEN_TOUCH_EVERY: it is written at most
    that often, so an API read writes nothing to the database (it did on every request: 2.4 ms
    of a signed-in explore read, and a write lock every reader queued for)."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    digest = _hash_token(secret)
    generation, entry = authcache.token_entry(digest)
    if entry is not None:
        user = authcache.active_person(entry.user_id)
        token_id, last_used_at = entry.token_id, entry.last_used_at
    else:
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=digest, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        user, token_id, last_used_at = token.user, token.pk, token.last_used_at
    if user is None:
        return None
    now = timezone.now()
    if last_used_at is None or now - last_used_at >= TOKEN_TOUCH_EVERY:
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - TOKEN_TOUCH_EVERY)
        # Conditional: of several requests racing past the check, one writes.
        ApiToken.objects.filter(stale, pk=token_id).update(last_used_at=now)
        last_used_at = now
    if entry is None or entry.last_used_at != last_used_at:
        authcache.remember_token(
            digest, generation, token_id=token_id, user_id=user.pk, last_used_at=last_used_at
        )
    return user
