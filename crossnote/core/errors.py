"""Domain exceptions: services raise these; pages, API and CLI map them to a clear 4xx message."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request the domain refuses; `status` is the HTTP status it maps to."""

    status = 400
    default_message = _("This request cannot be completed.")

    def __init__(self, message=None, *, field: str | None = None):
        self.message = str(message if message is not None else self.default_message)
        self.field = field
        super().__init__(self.message)


class InvalidInput(DomainError):
    status = 400


class NotAuthenticated(DomainError):
    status = 401
    default_message = _("Log in to do this.")


class PermissionDenied(DomainError):
    status = 403
    default_message = _("You may not do this.")


class NotFound(DomainError):
    status = 404
    default_message = _("Not found.")


class Conflict(DomainError):
    status = 409


class RateLimited(DomainError):
    """Too many requests (RFC 6585): `retry_after` seconds go out as the Retry-After header."""

    status = 429
    default_message = _("Too many requests: please wait a moment and try again.")

    def __init__(self, message=None, *, retry_after: int = 60, field: str | None = None):
        self.retry_after = max(1, int(retry_after))
        super().__init__(message, field=field)


class PayloadTooLarge(DomainError):
    status = 413


class UnsupportedMedia(DomainError):
    status = 415


class WithheldInRegion(DomainError):
    """RFC 7725: 451 Unavailable For Legal Reasons."""

    status = 451


class ContentBlocked(DomainError):
    """Content refused outright (e.g. an image on a hash list the policy blocks)."""

    status = 451
