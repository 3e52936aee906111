"""A suspended person's one way in (EU DSA Art. 17 statement of reasons, Art. 20 internal
complaint handling): after the right password, a short-lived signed marker in the session opens
the page with the decisions and the appeal form, and nothing else. The session stays anonymous;
crossnote.accounts.middleware sends every other request of a marked session to that page.

Suspended means inactive with a suspension not lifted (crossnote.moderation's `Suspension`, read
through its reverse relation); a closed account (deletion pending) or one waiting for approval
is inactive without one and gets no page."""

from django.core import signing
from django.db.models import F

from crossnote.accounts.models import User

SESSION_KEY = "suspended_person"
MAX_AGE_S = 30 * 60
_SALT = "crossnote.accounts.suspension"
# What a marked session may open: the page, its appeal form, logging out and in again.
OPEN_VIEWS = frozenset(
    {
        "moderation:suspended",
        "moderation:suspended_appeal",
        "accounts:logout",
        "accounts:login",
        "set_language",
    }
)


def suspension_of(user):
    """The suspension in force on an inactive account, an indefinite one first; None if none."""
    if user is None or user.is_active:
        return None
    return user.suspensions.filter(lifted=False).order_by(F("until").desc(nulls_first=True)).first()


def suspended_login(username: str, password: str):
    """The suspended account these credentials belong to, or None. Called only after
    authentication failed, so a wrong password answers exactly as before, in the same time."""
    user = User.objects.filter(username=username, is_active=False).first()
    if user is None or suspension_of(user) is None:
        # Hash anyway, as Django's ModelBackend does for an unknown name: every refused log-in
        # costs the same two hashes, so its time says nothing about the account's state.
        User().set_password(password or "")
        return None
    return user if user.check_password(password or "") else None


def grant(request, user) -> None:
    """Mark this session for the suspended page only (a fresh session key, no log-in)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = signing.dumps(user.pk, salt=_SALT)
    request.__dict__.pop("_suspended_person", None)


def clear(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.__dict__.pop("_suspended_person", None)


def suspended_person(request):
    """The suspended person this session's marker names, while it is fresh and they are still
    suspended; None otherwise. Asked once per request (the middleware asks, then the page)."""
    if not hasattr(request, "_suspended_person"):
        request._suspended_person = _marked_person(request)
    return request._suspended_person


def _marked_person(request):
    value = request.session.get(SESSION_KEY)
    if not value:
        return None
    try:
        pk = signing.loads(value, salt=_SALT, max_age=MAX_AGE_S)
    except signing.BadSignature:  # SignatureExpired included
        return None
    user = User.objects.filter(pk=pk).first()
    return user if suspension_of(user) is not None else None


def is_marked(request) -> bool:
    """Whether an anonymous session carries the marker. Signed-in requests are not asked, and an
    anonymous one has had its session read already to find out who it is."""
    return not request.user.is_authenticated and SESSION_KEY in request.session
