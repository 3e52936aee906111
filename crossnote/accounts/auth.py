"""REST API authentication (crossnote.core.api_auth), re-exported for the routers above
accounts; accounts hands it the look-up of personal access tokens (crossnote.accounts.apps)."""

from crossnote.core.api_auth import (
    OPTIONAL,
    REQUIRED,
    SessionAuth,
    TokenAuth,
    anonymous,
    session_auth,
    token_auth,
)

__all__ = [
    "OPTIONAL",
    "REQUIRED",
    "SessionAuth",
    "TokenAuth",
    "anonymous",
    "session_auth",
    "token_auth",
]
