"""Production mode (CROSSNOTE_PRODUCTION=true): the rules a configuration must pass to start.

Every process (web, worker, beat, management commands) checks them when Django starts and stops
with ImproperlyConfigured listing each problem and its fix. `crossnote doctor` runs the same rules
without refusing, so an operator can see everything wrong at once. docs/operating/operations.md lists them.
"""

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "0.0.0.0"}  # noqa: S104 - a name
MIN_SECRET_KEY_LENGTH = 50

# `crossnote doctor` turns the refusal off for its own process, to report instead of stopping.
REFUSE = True


@dataclass(frozen=True)
class Problem:
    code: str
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.what} → {self.fix}"


def production_problems(settings, environ=None) -> list[Problem]:
    """What makes these settings unsafe to run in production (empty: safe)."""
    environ = os.environ if environ is None else environ
    problems = []
    if settings.DEBUG:
        problems.append(
            Problem(
                "debug",
                _("DEBUG is on: error pages would show code, settings and request data."),
                _("Set DEBUG=false."),
            )
        )
    key = settings.SECRET_KEY or ""
    if "SECRET_KEY" not in environ:
        problems.append(
            Problem(
                "secret-key-missing",
                _("SECRET_KEY is not set: every server must sign sessions with the same key."),
                _(
                    "Set SECRET_KEY to a random string of 50+ characters, the same on every "
                    "server (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
                ),
            )
        )
    elif (
        len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5 or key.startswith("django-insecure-")
    ):
        problems.append(
            Problem(
                "secret-key-weak",
                _(
                    "SECRET_KEY is too short or too simple (needs %(count)d+ characters, not a "
                    "Django placeholder)."
                )
                % {"count": MIN_SECRET_KEY_LENGTH},
                _("Set SECRET_KEY to a long random string."),
            )
        )
    hosts = [h.strip() for h in settings.ALLOWED_HOSTS if h.strip()]
    if not hosts:
        problems.append(
            Problem(
                "hosts-empty",
                _("ALLOWED_HOSTS is empty."),
                _("Set ALLOWED_HOSTS to the site's host names, e.g. notes.example.com."),
            )
        )
    elif any(h in ("*", ".*") for h in hosts):
        problems.append(
            Problem(
                "hosts-wildcard",
                _(
                    "ALLOWED_HOSTS accepts any host name ('*'): forged Host headers would reach "
                    "password-reset links and absolute URLs."
                ),
                _("List the real host names in ALLOWED_HOSTS."),
            )
        )
    elif all(h in LOOPBACK_HOSTS for h in hosts):
        problems.append(
            Problem(
                "hosts-local",
                _(
                    "ALLOWED_HOSTS names only this machine (localhost, 127.0.0.1): visitors' "
                    "requests would all be refused."
                ),
                _("Add the public host names to ALLOWED_HOSTS."),
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3") and not getattr(settings, "CROSSNOTE_ALLOW_SQLITE", False):
        problems.append(
            Problem(
                "sqlite",
                _(
                    "The database is SQLite: fine for one server, but it cannot be shared by "
                    "several."
                ),
                _(
                    "Set DATABASE_URL=postgres://…, or CROSSNOTE_ALLOW_SQLITE=true to run one "
                    "server on SQLite on purpose."
                ),
            )
        )
    if getattr(settings, "MEDIA_STORAGE", "local") not in ("local", "s3"):
        problems.append(
            Problem(
                "media-storage",
                _("MEDIA_STORAGE is “%(value)s”.") % {"value": settings.MEDIA_STORAGE},
                _("Set MEDIA_STORAGE to local or s3."),
            )
        )
    allowed_ips = getattr(settings, "METRICS_ALLOWED_IPS", [])
    if any(net.strip() in ("0.0.0.0/0", "::/0", "*") for net in allowed_ips) and not getattr(
        settings, "METRICS_TOKEN", ""
    ):
        problems.append(
            Problem(
                "metrics-open",
                _("METRICS_ALLOWED_IPS lets anyone read /metrics."),
                _(
                    "Set METRICS_TOKEN (Prometheus sends it as a bearer token) or list only the "
                    "scraper's addresses."
                ),
            )
        )
    return problems


def refuse_unsafe_start(settings) -> None:
    """Raise ImproperlyConfigured when production mode is on and the settings break a rule."""
    if not getattr(settings, "PRODUCTION", False) or not REFUSE:
        return
    problems = production_problems(settings)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise ImproperlyConfigured(
            "Crossnote refuses to start in production mode (CROSSNOTE_PRODUCTION=true):\n"
            f"{lines}\nRun `crossnote doctor` for a full report."
        )
