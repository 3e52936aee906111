"""`crossnote doctor`: check a configuration and say what is wrong and what to do about it.

It runs the production-mode rules (as findings, without refusing), Django's system checks with
the deployment checks, real round trips to the database(s), cache, broker, workers and media
storage, and whether a real translation engine is installed. The same findings are on the staff
page /ops/status/ and at GET /api/v1/ops/status.
Messages are translated for the page; the command prints them in English.
"""

import os
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import gettext as _

from crossnote.language import backends
from crossnote.language.backends import argos
from crossnote.language.detection import enabled_languages
from crossnote.ops import probes
from crossnote.ops.production import production_problems
from crossnote.search import vectors
from crossnote.security.ratelimits import describe_wait

OK, INFO, WARNING, ERROR = "ok", "info", "warning", "error"


@dataclass
class Finding:
    level: str
    area: str
    message: str
    fix: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def redact(url: str) -> str:
    """A service URL with its password replaced by ***."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def summary() -> str:
    db = settings.DATABASES["default"]
    engine = "SQLite" if db["ENGINE"].endswith("sqlite3") else db["ENGINE"].rsplit(".", 1)[-1]
    return _(
        "%(mode)s mode · database %(database)s · cache %(cache)s · broker %(broker)s · "
        "media %(media)s"
    ) % {
        "mode": "production" if settings.PRODUCTION else "embedded",
        "database": engine,
        "cache": "Redis" if settings.REDIS_URL else "database table",
        "broker": redact(settings.CELERY_BROKER_URL) if settings.CELERY_BROKER_URL else "none",
        "media": getattr(settings, "MEDIA_STORAGE", "local"),
    }


def _production_findings() -> list[Finding]:
    problems = production_problems(settings)
    if settings.PRODUCTION:
        if not problems:
            return [Finding(OK, "production", _("Production-mode rules pass."))]
        return [Finding(ERROR, "production", p.what, p.fix) for p in problems]
    findings = [
        Finding(
            INFO,
            "production",
            _("Embedded mode (CROSSNOTE_PRODUCTION=false): the production rules are not enforced."),
            _(
                "Set CROSSNOTE_PRODUCTION=true on a public server; then these would stop it: "
                "%(codes)s"
            )
            % {"codes": "; ".join(p.code for p in problems) if problems else "-"},
        )
    ]
    if settings.DEBUG:
        findings.append(
            Finding(WARNING, "production", _("DEBUG is on."), _("Never expose a DEBUG server."))
        )
    return findings


def _database_findings() -> list[Finding]:
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    findings = []
    for alias in settings.DATABASES:
        area = f"database:{alias}"
        reason = probes.database(alias)
        if reason:
            findings.append(
                Finding(
                    ERROR,
                    area,
                    _("Cannot reach the database: %(reason)s") % {"reason": reason},
                    _(
                        "Check DATABASE_URL (host, port, user, password, database name) and that "
                        "the server is running."
                    ),
                )
            )
            continue
        try:
            executor = MigrationExecutor(connections[alias])
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except Exception as exc:  # noqa: BLE001
            message = _("Could not read migrations: %(reason)s") % {"reason": exc}
            findings.append(Finding(WARNING, area, message))
            continue
        if plan:
            command = "crossnote migrate"
            if alias != "default":
                command = f"crossnote manage migrate --database {alias}"
            findings.append(
                Finding(
                    ERROR,
                    area,
                    _("%(count)d migration(s) not applied (first: %(first)s).")
                    % {"count": len(plan), "first": f"{plan[0][0].app_label}.{plan[0][0].name}"},
                    _("Run `%(command)s`.") % {"command": command},
                )
            )
        else:
            findings.append(Finding(OK, area, _("Reachable; migrations applied.")))
    return findings


def _cache_findings() -> list[Finding]:
    reason = probes.cache()
    where = f"Redis {redact(settings.REDIS_URL)}" if settings.REDIS_URL else "crossnote_cache"
    if reason:
        fix = (
            _("Check REDIS_URL and that Redis is running.")
            if settings.REDIS_URL
            else _("Run `crossnote migrate` (it creates the cache table).")
        )
        message = _("The cache (%(where)s) fails: %(reason)s") % {"where": where, "reason": reason}
        return [Finding(ERROR, "cache", message, fix)]
    message = _("The cache (%(where)s) stores and returns values.") % {"where": where}
    return [Finding(OK, "cache", message)]


def _broker_findings() -> list[Finding]:
    url = settings.CELERY_BROKER_URL
    if not url:
        return [
            Finding(
                WARNING if settings.PRODUCTION else INFO,
                "broker",
                _("No Celery broker: background work runs in threads of the web processes."),
                _(
                    "Set CELERY_BROKER_URL (or REDIS_URL) and run `crossnote worker` and "
                    "`crossnote beat` to move it to workers."
                ),
            )
        ]
    reason = probes.broker()
    if reason:
        return [
            Finding(
                ERROR,
                "broker",
                _("Cannot reach the Celery broker %(url)s: %(reason)s")
                % {"url": redact(url), "reason": reason},
                _("Check CELERY_BROKER_URL and that Redis or RabbitMQ is running."),
            )
        ]
    findings = [
        Finding(OK, "broker", _("The Celery broker %(url)s answers.") % {"url": redact(url)})
    ]
    from crossnote.celery import app

    try:
        replies = app.control.ping(timeout=1.5)
    except Exception as exc:  # noqa: BLE001
        replies, reason = [], f" ({exc})"
    if replies:
        names = ", ".join(sorted(name for reply in replies for name in reply))
        message = _("%(count)d worker(s) answer: %(names)s.") % {
            "count": len(replies),
            "names": names,
        }
        findings.append(Finding(OK, "workers", message))
    else:
        findings.append(
            Finding(
                WARNING,
                "workers",
                _("No Celery worker answered a ping%(reason)s: queued tasks wait until one runs.")
                % {"reason": reason or ""},
                _("Start `crossnote worker` (systemd: crossnote-worker.service)."),
            )
        )
    findings.append(_queue_finding(probes.background(timeout=1.5)))
    return findings


def _queue_finding(queue: dict | None) -> Finding:
    waiting = queue.get("waiting") if queue else None
    unpicked = queue.get("unpicked_seconds", 0) if queue else 0
    if queue and queue["workers"] == 0 and (waiting or unpicked):
        return Finding(
            ERROR,
            "queue",
            _(
                "%(waiting)s task(s) wait in the queue “%(queue)s” and no worker consumes it: "
                "none picked up for %(age)s. New notes are not indexed, fanned out or screened "
                "by the slow layers until a worker runs."
            )
            % {
                "waiting": "?" if waiting is None else waiting,
                "queue": queue["queue"],
                "age": describe_wait(max(1, unpicked)) if unpicked else _("an unknown time"),
            },
            _("Start `crossnote worker` (systemd: crossnote-worker.service)."),
        )
    if queue and unpicked > 300:
        return Finding(
            WARNING,
            "queue",
            _("Workers answer, but no task was picked up for %(age)s.")
            % {"age": describe_wait(unpicked)},
            _("Check the workers' logs: they may consume another queue or be stuck."),
        )
    message = _("The queue “%(queue)s”: %(waiting)s waiting.") % {
        "queue": queue["queue"] if queue else "celery",
        "waiting": "?" if waiting is None else waiting,
    }
    return Finding(OK, "queue", message)


def _storage_findings() -> list[Finding]:
    kind = getattr(settings, "MEDIA_STORAGE", "local")
    reason = probes.storage()
    if reason:
        if kind == "s3":
            fix = _(
                "Check S3_BUCKET, S3_ENDPOINT_URL, S3_REGION and the access keys; the bucket must "
                "exist and the keys may put, get and delete objects."
            )
        else:
            fix = _("Make MEDIA_ROOT (%(path)s) writable by the server's user.") % {
                "path": settings.MEDIA_ROOT
            }
        message = _("Media storage (%(kind)s) fails a round trip: %(reason)s") % {
            "kind": kind,
            "reason": reason,
        }
        return [Finding(ERROR, "media", message, fix)]
    message = _("Media storage (%(kind)s) writes, reads and deletes a file.") % {"kind": kind}
    findings = [Finding(OK, "media", message)]
    sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    if kind == "local" and settings.PRODUCTION and not sqlite:
        findings.append(
            Finding(
                WARNING,
                "media",
                _(
                    "Media is on this machine's disk while the database is shared: photos "
                    "uploaded through one web server are missing on the others."
                ),
                _("Use MEDIA_STORAGE=s3, or mount the same MEDIA_ROOT on every web server."),
            )
        )
    endpoint = os.environ.get("S3_ENDPOINT_URL", "")
    if kind == "s3" and settings.PRODUCTION and endpoint.startswith("http://"):
        findings.append(
            Finding(
                WARNING,
                "media",
                _(
                    "S3_ENDPOINT_URL uses plain HTTP: keys and photos cross the network unencrypted."
                ),
                _("Use https:// unless the storage server is on a private network."),
            )
        )
    return findings


def _metrics_findings() -> list[Finding]:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if not folder:
        return [
            Finding(
                INFO,
                "metrics",
                _(
                    "PROMETHEUS_MULTIPROC_DIR is not set: /metrics shows only the process that "
                    "answers the scrape."
                ),
                _(
                    "With several worker processes, set PROMETHEUS_MULTIPROC_DIR to a folder "
                    "emptied at each start."
                ),
            )
        ]
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        return [
            Finding(
                ERROR,
                "metrics",
                _("PROMETHEUS_MULTIPROC_DIR (%(path)s) is not a writable folder.")
                % {"path": folder},
                _(
                    "Create it, writable by the server's user (and empty it when the service "
                    "starts)."
                ),
            )
        ]
    message = _("Multi-process metrics in %(path)s.") % {"path": folder}
    return [Finding(OK, "metrics", message)]


def _search_findings() -> list[Finding]:
    """Which store compares note vectors (related notes, meaning recall), and what it lacks."""
    if probes.database("default"):
        return []  # the database finding says why; the store cannot be told without it
    try:
        store = vectors.get_vector_store()
    except vectors.VectorStoreUnavailable as exc:
        fix = _(
            "Install your distribution's pgvector package for this PostgreSQL (e.g. "
            "postgresql-15-pgvector) and run `crossnote migrate`, or set "
            "CROSSNOTE_SEARCH_VECTORS=auto."
        )
        message = _("The vector store cannot be used: %(reason)s") % {"reason": exc}
        return [Finding(ERROR, "search", message, fix)]
    if store.name == "pgvector":
        missing = store.missing()
        if missing:
            message = _(
                "Vector store: pgvector (HNSW index); %(count)d stored embedding(s) are not in it "
                "yet."
            ) % {"count": missing}
            fix = _("Run `crossnote search reindex --only vectors`.")
            return [Finding(WARNING, "search", message, fix)]
        return [Finding(OK, "search", _("Vector store: pgvector (HNSW index)."))]
    message = _("Vector store: brute force over the %(count)d newest notes a reader may see.") % {
        "count": vectors.EMBEDDING_CANDIDATES
    }
    fix = ""
    if vectors.mode() == "auto" and vectors.pgvector_available():
        fix = _("This PostgreSQL offers pgvector: run `crossnote migrate` to use it.")
    elif settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        fix = _(
            "At scale, install your distribution's pgvector package (e.g. postgresql-15-pgvector), "
            "then run `crossnote migrate` and `crossnote search reindex --only vectors`."
        )
    return [Finding(INFO if fix else OK, "search", message, fix)]


def _translation_findings() -> list[Finding]:
    """Whether a real translation engine serves the enabled pairs, and how to install one."""
    if probes.database("default"):
        languages = list(settings.CROSSNOTE_LANGUAGES)  # the database finding says why
    else:
        languages = list(enabled_languages())
    rows = backends.serving_pairs(languages)
    served = [r for r in rows if r["engine"] and not r["is_gloss"]]
    if not served:
        return [
            Finding(WARNING, "translation", str(argos.NO_ENGINE_MESSAGE), str(argos.INSTALL_HINT))
        ]
    engines = ", ".join(sorted({r["engine"] for r in served}))
    message = _(
        "Machine translation serves %(served)d of %(total)d language pairs (%(engines)s)."
    ) % {
        "served": len(served),
        "total": len(rows),
        "engines": engines,
    }
    others = [f"{r['source']}→{r['target']}" for r in rows if r not in served]
    if not others:
        return [Finding(OK, "translation", message)]
    fix = _(
        "These pairs get the word-by-word view, or no translation: %(pairs)s. "
        "`crossnote translation install` adds every pair the Argos index has."
    ) % {
        "pairs": ", ".join(others[:12]) + (f" … (+{len(others) - 12})" if len(others) > 12 else "")
    }
    return [Finding(INFO, "translation", message, fix)]


def _django_check_findings() -> list[Finding]:
    from django.core import checks

    findings = []
    for message in checks.run_checks(include_deployment_checks=True):
        if message.is_silenced():
            continue
        if message.level >= checks.ERROR:
            level = ERROR
        elif message.level >= checks.WARNING:
            deploy_only = (message.id or "").startswith("security.") and not settings.PRODUCTION
            level = INFO if deploy_only else WARNING
        else:
            level = INFO
        findings.append(
            Finding(level, f"django:{message.id}", str(message.msg), message.hint or "")
        )
    if not findings:
        findings.append(Finding(OK, "django", _("Django's system and deployment checks pass.")))
    return findings


CHECKS = (
    _production_findings,
    _database_findings,
    _cache_findings,
    _broker_findings,
    _storage_findings,
    _metrics_findings,
    _search_findings,
    _translation_findings,
    _django_check_findings,
)


def diagnose() -> list[Finding]:
    findings = []
    for part in CHECKS:
        try:
            findings.extend(part())
        except Exception as exc:  # noqa: BLE001 - a broken check is itself a finding
            area = part.__name__.strip("_").removesuffix("_findings")
            findings.append(Finding(ERROR, area, repr(exc)))
    return findings
