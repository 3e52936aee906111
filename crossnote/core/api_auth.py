"""REST API authentication, for every app's router: personal access tokens (Bearer) and the
browser session.

It sits in core because every app's API needs it, security's too, which sits below accounts.
The token itself is accounts' (`ApiToken`): accounts hands this module its look-up once, at
start-up (`use_token_lookup`, called in AccountsConfig.ready). With none, no token
authenticates (fail closed). crossnote.accounts.auth re-exports this module for the routers
that import it from there."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from ninja.security import APIKeyCookie, HttpBearer

# The active user a token secret belongs to, or None (accounts sets it at start-up).
_token_lookup: Callable[[str], Any] | None = None


def use_token_lookup(lookup: Callable[[str], Any] | None) -> None:
    """Authenticate bearer tokens with `lookup(secret) -> user | None` from now on; None: no
    token authenticates."""
    global _token_lookup
    _token_lookup = lookup


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cn_…` with a personal access token from settings or the API."""

    def authenticate(self, request, token):
        user = _token_lookup(token) if _token_lookup is not None else None
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need the CSRF token (X-CSRFToken)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        # Without a logged-in session there is nothing to protect: answer 401, not a CSRF 403.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


def anonymous(request):
    """Lets an operation run for visitors too; it sees only what a visitor may see."""
    return True


token_auth = TokenAuth()
session_auth = SessionAuth()
REQUIRED = [token_auth, session_auth]
OPTIONAL = [token_auth, session_auth, anonymous]
