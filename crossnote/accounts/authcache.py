"""Per-process memos of who a session or an API token is, checked against the shared sign-in
generation (crossnote.core.revocation) before every use.

Every method: what is remembered is the identity and the session's data, never the person's
row: session key → (user id, the session's auth hash, its backend, when it expires, the
session's data as stored) and token digest → (token id, user id, when it was last marked used).
A request served from the memo gets the remembered data as its session's loaded data, as if
the row had just been read: a write that changes or cycles its session (a password change
keeps its own session under a new key after every session row of the person was deleted) has
the data Django's path would have loaded, without reading the row. Each request still reads the person's row by primary key (one indexed
read instead of the session or token row and then the person), so a suspension, a changed
password, region or role shows at once through the row itself, as before; what the memo skips is
reading and decoding the session row (or joining the token row), which only a log-in, log-out,
password change, suspension, erasure or token revocation changes, and each of those saves or
deletes a session or token row, which bumps the generation (signals connected in
AccountsConfig.ready). An entry made under an older generation is dropped; where no shared
generation exists (PostgreSQL without Redis) nothing is remembered.
"""

import hmac
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection, transaction
from django.utils import timezone

from crossnote.core import pgnews, revocation
from crossnote.core.memo import BoundedMemo
from crossnote.core.sql import planned_cursor

MEMO_LIMIT = 100_000  # entries per memo; past it a memo starts again
# An entry is read again from the database after this long even with no bump: a bound on
# staleness should a bump ever be lost (Redis unreachable when it was made).
MEMO_SECONDS = 300


@dataclass(frozen=True, slots=True)
class SessionEntry:
    generation: int
    user_id: int
    auth_hash: str
    backend: str
    expires: datetime
    made: float
    data: bytes  # the session's data, serialised as the session store does (SESSION_SERIALIZER)


@dataclass(frozen=True, slots=True)
class TokenEntry:
    generation: int
    token_id: int
    user_id: int
    last_used_at: datetime | None
    made: float


_sessions: dict[str, SessionEntry] = {}
_tokens: dict[str, TokenEntry] = {}


def _fresh(entry, generation: int) -> bool:
    return entry.generation == generation and time.monotonic() - entry.made < MEMO_SECONDS


def _remember(memo: dict, key: str, entry) -> None:
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = entry


def forget_all() -> None:
    """Drop both memos of this process (tests; a process that must not trust them)."""
    _sessions.clear()
    _tokens.clear()
    _people.forget()


# --- The person's row ---------------------------------------------------------------------------

_STAND_IN_PK = -7340039  # stands for the person's id in the compiled read
_person_sql: dict[tuple[str, str], tuple] = {}
# On PostgreSQL with its news on: id → (people mark, the row's converted values) of people read
# here, used again while no news of their row came in (crossnote.core.pgnews.person_unchanged;
# accounts migration 0006 announces every update or deletion of a person's row). A new
# instance is made from the values for each request: nothing a request sets on its person is
# shared.
PEOPLE_KEPT = 20_000
_people: BoundedMemo = BoundedMemo(PEOPLE_KEPT)


def _compile_person() -> tuple:
    """(sql, field names, column converters) of the ORM's read of one person by primary key,
    made once per process and database: the read is the same on every request, and compiling
    it (the query's select, where and converters) was a fifth of a signed-in API read's CPU."""
    query = get_user_model()._default_manager.filter(pk=_STAND_IN_PK).query
    compiler = query.get_compiler(using=connection.alias)
    sql, params = compiler.as_sql()
    if list(params) != [_STAND_IN_PK]:
        raise RuntimeError(f"unexpected parameters in the person's read: {params!r}")
    columns = compiler.select[: compiler.col_count]
    names = [column.target.attname for column, _sql, _alias in columns]
    converters = list(compiler.get_converters([column for column, _sql, _alias in columns]).items())
    return sql, names, converters


def active_person(user_id):
    """The active person with this id, read now (one indexed read, every column, as
    `User.objects.get(pk=…)` gives it), or None when there is none or the account is inactive
    (closed, suspended, waiting for deletion): what ModelBackend.get_user answers."""
    key = (connection.alias, connection.vendor)
    entry = _person_sql.get(key)
    if entry is None:
        entry = _person_sql[key] = _compile_person()
    sql, names, converters = entry
    user_id = int(user_id)
    kept = _people.get((connection.alias, user_id))
    if kept is not None and pgnews.person_unchanged(user_id, kept[0]):
        row = kept[1]
    else:
        mark = pgnews.people_mark()  # before the read: news of a later write makes it old
        with planned_cursor(connection) as cursor:  # PostgreSQL plans it once per connection
            cursor.execute(sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:  # as the compiler would, with this thread's connection
            row = list(row)
            for position, (functions, expression) in converters:
                for function in functions:
                    row[position] = function(row[position], expression, connection)
        if mark is not None:
            _people.remember((connection.alias, user_id), (mark, tuple(row)))
    user = get_user_model().from_db(connection.alias, names, list(row))
    return user if user.is_active else None


def _reads_the_row_plainly(backend) -> bool:
    """Whether the backend's get_user is ModelBackend's: the person by primary key, if active."""
    kind = type(backend)
    return (
        kind.get_user is ModelBackend.get_user
        and kind.user_can_authenticate is ModelBackend.user_can_authenticate
    )


# --- Sessions -----------------------------------------------------------------------------------


def session_user(request, get_user):
    """The person of the request's session: from the memo when its entry is current, else
    `get_user(request)` (Django's, which reads the session), remembered for the next request."""
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if not key or not isinstance(session, DatabaseSessionStore) or session.accessed:
        return get_user(request)
    generation = revocation.current()  # read before the session is: a later bump makes it old
    if generation is None:
        return get_user(request)
    entry = _sessions.get(key)
    if entry is not None:
        user = _user_of(entry, generation)
        if user is not None:
            # As if the session had been read: its data loaded (a fresh copy: the request may
            # change it), and the response still varies on the cookie.
            session._session_cache = session.serializer().loads(entry.data)
            session.accessed = True
            return user
        _sessions.pop(key, None)
    user = get_user(request)
    if user.is_authenticated:
        _remember_session(session, key, user, generation)
    return user


def _user_of(entry: SessionEntry, generation: int):
    """The entry's person if the entry is current, unexpired and the person's row (read now)
    still matches the session's auth hash; else None (the caller reads the session)."""
    if not _fresh(entry, generation) or entry.expires <= timezone.now():
        return None
    if entry.backend not in settings.AUTHENTICATION_BACKENDS:
        return None
    backend = load_backend(entry.backend)
    if _reads_the_row_plainly(backend):
        user = active_person(entry.user_id)  # the same read, compiled once: inactive is None
    else:
        user = backend.get_user(entry.user_id)  # inactive: None, as Django
    if user is None or not hasattr(user, "get_session_auth_hash"):
        return None
    if not hmac.compare_digest(entry.auth_hash, user.get_session_auth_hash()):
        return None  # a changed password: Django's path logs the session out
    return user


def _remember_session(session, key: str, user, generation: int) -> None:
    if session.modified or session.session_key != key:  # flushed or cycled while reading
        return
    data = getattr(session, "_session_cache", None) or {}
    auth_hash, backend = data.get(HASH_SESSION_KEY), data.get(BACKEND_SESSION_KEY)
    if not auth_hash or not backend or str(data.get(SESSION_KEY)) != str(user.pk):
        return
    if not hmac.compare_digest(auth_hash, user.get_session_auth_hash()):
        return  # accepted through a SECRET_KEY_FALLBACKS hash: leave those to Django
    expires = (
        session.model.objects.filter(session_key=key).values_list("expire_date", flat=True).first()
    )
    if expires is None:
        return
    stored = session.serializer().dumps(data)  # now: the request may change its copy later
    _remember(
        _sessions,
        key,
        SessionEntry(generation, user.pk, auth_hash, backend, expires, time.monotonic(), stored),
    )


# --- API tokens ---------------------------------------------------------------------------------


def token_entry(digest: str) -> tuple[int | None, TokenEntry | None]:
    """(the generation now, the current memo entry for this token digest or None)."""
    generation = revocation.current()
    if generation is None:
        return None, None
    entry = _tokens.get(digest)
    if entry is not None and not _fresh(entry, generation):
        _tokens.pop(digest, None)
        entry = None
    return generation, entry


def remember_token(
    digest: str, generation: int | None, *, token_id: int, user_id: int, last_used_at
) -> None:
    if generation is None:
        return
    _remember(
        _tokens, digest, TokenEntry(generation, token_id, user_id, last_used_at, time.monotonic())
    )


def forget_person_on_change(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a person: their row kept here is read again, now and after
    the commit (a read in between could keep the row as it was)."""
    using = kwargs.get("using") or "default"
    _people.forget((using, instance.pk))
    transaction.on_commit(lambda: _people.forget((using, instance.pk)), using=using)


def bump_on_change(sender, **kwargs) -> None:
    """post_save / post_delete of a session or token row, user_logged_in / user_logged_out."""
    revocation.bump(using=kwargs.get("using"))
