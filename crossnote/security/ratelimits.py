"""Rate limits: the one mechanism every entry point uses (pages and API operations alike).

Counters live in Django's cache (Redis with REDIS_URL, else the database cache table), so every
process and thread shares them; never per-process memory. Both count atomically (Redis INCR; the
database cache's incr locks the row: crossnote.core.cache), so a hammered limit does not
under-count; with Redis a request's limits are all counted in one round trip (count_many). Each
action is counted per client IP
(IPv6 grouped by /64, see clientip.py) and per account. Defaults follow Mastodon's (rack-attack
and its per-account limits); CROSSNOTE_RATE_LIMITS and admin → Rate limits override them.
"""

import functools
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_ratelimit import ALL
from django_ratelimit.core import (
    EXPIRATION_FUDGE,
    _get_window,
    _make_cache_key,
    _split_rate,
    get_usage,
    rate_re,
)

from crossnote.core import revocation
from crossnote.core.errors import RateLimited
from crossnote.security.clientip import client_ip_group

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
ALL_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

# action -> scope -> "count/period" (django-ratelimit syntax: s, m, h, d with a multiplier).
DEFAULT_RATES: dict[str, dict[str, str]] = {
    "signup": {"ip": "25/5m"},  # Mastodon: throttle_sign_up_attempts/ip
    # login.user counts failed attempts only, and not from the account's known browsers
    # (check_login below).
    "login": {"ip": "25/5m", "user": "10/15m"},  # Mastodon: throttle_login_attempts/ip
    "post": {"user": "300/3h", "ip": "600/3h"},  # Mastodon: statuses per account
    "comment": {"user": "300/3h", "ip": "600/3h"},
    "like": {"user": "600/h", "ip": "1200/h"},
    "follow": {"user": "400/d", "ip": "800/d"},  # Mastodon: follows per account
    "report": {"user": "400/d", "ip": "800/d"},  # Mastodon: reports per account
    "translate": {"user": "300/h", "ip": "300/h"},
}

ACTION_NAMES = {
    "signup": gettext_lazy("sign-ups"),
    "login": gettext_lazy("log-in attempts"),
    "post": gettext_lazy("new notes"),
    "comment": gettext_lazy("comments"),
    "like": gettext_lazy("likes"),
    "follow": gettext_lazy("follows"),
    "report": gettext_lazy("reports"),
    "translate": gettext_lazy("translations"),
}


def validate_rate(rate: str) -> str:
    """A rate such as 25/5m; raises ValidationError otherwise."""
    rate = (rate or "").strip()
    match = rate_re.fullmatch(rate)
    if not match or not match.group(3):
        raise ValidationError(
            _("“%(rate)s” is not a rate: write count/period, e.g. 25/5m, 300/3h or 1000/d.")
            % {"rate": rate}
        )
    return rate


# The admin's rules as this process last read them, under the shared generation of the time
# (crossnote.core.revocation): read once, not on every counted request (the ORM's read was a
# tenth of a like's CPU), and read again once a rule saved or deleted anywhere bumps it.
_rules_memo: tuple[int, dict[str, str]] | None = None


def forget_rules() -> None:
    """Drop this process's memo of the admin's rules (tests: a rolled-back rule bumps nothing)."""
    global _rules_memo
    _rules_memo = None


def rule_changed(sender, **kwargs) -> None:
    """post_save / post_delete of a RateLimitRule: every process reads the rules again."""
    revocation.bump(using=kwargs.get("using"))


def _admin_rules() -> dict[str, str]:
    from crossnote.security.models import RateLimitRule

    global _rules_memo
    generation = revocation.current()  # read before the rules: a later bump makes them old
    memo = _rules_memo
    if generation is not None and memo is not None and memo[0] == generation:
        return memo[1]
    rules = {
        f"{r.action}.{r.scope}": r.rate
        for r in RateLimitRule.objects.all().only("action", "scope", "rate")
    }
    # Inside a transaction the read may see a rule that is then rolled back: not kept.
    if generation is not None and not connection.in_atomic_block:
        _rules_memo = (generation, rules)
    return rules


def effective_rates() -> dict[str, dict[str, str]]:
    """Defaults, then CROSSNOTE_RATE_LIMITS, then the admin's rules (last one wins)."""
    rates = {action: dict(scopes) for action, scopes in DEFAULT_RATES.items()}
    overrides = dict(getattr(settings, "CROSSNOTE_RATE_LIMITS", {}) or {})
    overrides.update(_admin_rules())
    for name, rate in overrides.items():
        action, _dot, scope = name.partition(".")
        if action in rates and scope in ("ip", "user"):
            rates[action][scope] = rate
    return rates


def describe_wait(seconds: int) -> str:
    """“3 minutes”, “40 seconds”, “2 hours”, in the reader's language."""
    if seconds < 90:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = round(seconds / 60)
    if minutes < 90:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = round(seconds / 3600)
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def _count(request, group: str, value: str, rate: str) -> int:
    """Count one request; seconds to wait when over the limit, else 0."""
    usage = get_usage(request, group=group, key=lambda _g, _r: value, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return 0
    return max(1, usage["time_left"])


def _count_all(request, counted: list[tuple[str, str, str]]) -> int:
    """Count one request against each (group, value, rate); seconds to wait when over any
    limit, else 0. Where the cache counts several keys in one round trip (Redis), all at once,
    under the keys and windows django-ratelimit gives them (its `get_usage` reads the same
    counts); elsewhere one by one through django-ratelimit."""
    cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    count_many = getattr(cache, "count_many", None)
    if count_many is None:
        return max((_count(request, *entry) for entry in counted), default=0)
    keys, seconds, limits, windows = [], [], [], []
    for group, value, rate in counted:
        limit, period = _split_rate(rate)
        window = _get_window(value, period)
        keys.append(_make_cache_key(group, window, rate, value, ALL))
        seconds.append(period + EXPIRATION_FUDGE)
        limits.append(limit)
        windows.append(window)
    counts = count_many(keys, seconds)
    now = int(time.time())
    return max(
        (
            max(1, window - now)
            for count, limit, window in zip(counts, limits, windows, strict=True)
            if count > limit
        ),
        default=0,
    )


def check_rate(request, action: str, *, account: str | None = None) -> None:
    """Count this request against `action`'s limits; raise RateLimited (429) when over one.

    `account` keys the per-account limit (default: the logged-in user; log-in passes the
    username tried, so one account cannot be guessed at from many addresses)."""
    if not settings.CROSSNOTE_RATE_LIMITS_ENABLED:
        return
    rates = effective_rates().get(action, {})
    user = getattr(request, "user", None)
    if account is None and user is not None and user.is_authenticated:
        account = f"user:{user.pk}"
    keys = {"ip": client_ip_group(request), "user": account}
    wait = _count_all(
        request,
        [
            (f"crossnote.{action}.{scope}", value, rates[scope])
            for scope, value in keys.items()
            if value and rates.get(scope)
        ],
    )
    if wait:
        raise RateLimited(
            _("Too many %(action)s from you right now. Please try again in %(wait)s.")
            % {"action": ACTION_NAMES.get(action, action), "wait": describe_wait(wait)},
            retry_after=wait,
        )


# Log-in (the per-account limit): it counts failed attempts only, and a browser that has logged into
# the account before (a signed cookie set at each successful log-in) is exempt from it, so nobody
# can lock the owner out by failing on purpose from many addresses; a new device guessing at the
# account from anywhere is still stopped. OWASP's "device cookies" for account lockout.
KNOWN_DEVICE_COOKIE = "crossnote_known"
KNOWN_DEVICE_SALT = "crossnote.security.known-device"
KNOWN_DEVICE_DAYS = 365
KNOWN_DEVICE_MAX_ACCOUNTS = 5


def _login_account_key(username: str) -> str:
    return "login:" + (username or "").strip().lower()[:254]


def _known_ids(request) -> list[int]:
    raw = request.COOKIES.get(KNOWN_DEVICE_COOKIE) if request is not None else None
    if not raw:
        return []
    try:
        ids = signing.loads(raw, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_DAYS * 86400)
    except signing.BadSignature:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def _is_known_device(request, username: str) -> bool:
    ids = _known_ids(request)
    if not ids:
        return False
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    name = (username or "").strip()
    return (
        get_user_model()
        .objects.filter(Q(username__iexact=name) | Q(email__iexact=name), pk__in=ids)
        .exists()
    )


def check_login(request, username: str) -> None:
    """Before a log-in attempt: every attempt counts against the address; the account's limit
    (failures so far) applies unless this browser logged into the account before."""
    if not settings.CROSSNOTE_RATE_LIMITS_ENABLED:
        return
    rates = effective_rates().get("login", {})
    wait = 0
    if rates.get("ip"):
        wait = _count(request, "crossnote.login.ip", client_ip_group(request), rates["ip"])
    if not wait and rates.get("user") and username:
        usage = get_usage(
            request,
            group="crossnote.login.user",
            key=lambda _g, _r: _login_account_key(username),
            rate=rates["user"],
            increment=False,
        )
        over = usage is not None and usage["count"] >= usage["limit"]
        if over and not _is_known_device(request, username):
            wait = max(1, usage["time_left"])
    if wait:
        raise RateLimited(
            _("Too many %(action)s from you right now. Please try again in %(wait)s.")
            % {"action": ACTION_NAMES["login"], "wait": describe_wait(wait)},
            retry_after=wait,
        )


def login_failed(request, username: str) -> None:
    """Count a failed log-in against the account tried (whatever address it came from)."""
    if not settings.CROSSNOTE_RATE_LIMITS_ENABLED or not username:
        return
    rate = effective_rates().get("login", {}).get("user")
    if rate:
        _count(request, "crossnote.login.user", _login_account_key(username), rate)


def remember_device(request, response, user) -> None:
    """After a successful log-in: this browser is now known for this account."""
    ids = [user.pk] + [i for i in _known_ids(request) if i != user.pk]
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        signing.dumps(ids[:KNOWN_DEVICE_MAX_ACCOUNTS], salt=KNOWN_DEVICE_SALT),
        max_age=KNOWN_DEVICE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def check_instance_rate(action: str, rate: str, message: str, error=RateLimited) -> None:
    """An instance-wide limit (every client together), e.g. the sign-up cap of a surge."""
    if not settings.CROSSNOTE_RATE_LIMITS_ENABLED:
        return
    wait = _count(None, f"crossnote.{action}.instance", "instance", rate)
    if wait:
        raise error(message % {"wait": describe_wait(wait)}, retry_after=wait)


def rate_limit(action: str, *, methods=UNSAFE_METHODS, account=None):
    """Decorate a page view or an API operation: `@rate_limit("comment")`.

    `account(request, kwargs)` may name the account to count against (log-in: the username)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                check_rate(request, action, account=account(request, kwargs) if account else None)
            return view(request, *args, **kwargs)

        wrapper.rate_limit_action = action  # the API contract documents its 429
        return wrapper

    return decorate
