"""REST API authentication: personal access tokens (Bearer) and the browser session."""

from django.conf import settings
from ninja.security import APIKeyCookie, HttpBearer

from crossnote.accounts.services import authenticate_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cn_…` with a personal access token from settings or the API."""

    def authenticate(self, request, token):
        user = authenticate_token(token)
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
