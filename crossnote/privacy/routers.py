"""A Django database router that places each data region on its own database.

Enable it by listing region databases in CROSSNOTE_REGION_DATABASES (settings.py adds one alias
per region, named after the region, and turns this router on). How a row's database is chosen:

1. a row already loaded from a database stays on it (Django's own `_state.db`);
2. an account (accounts.User) goes to the database of its `data_region`;
3. a row that belongs to a person (a loaded foreign key to accounts.User: author, user, owner,
   recipient, follower ...) goes where that person's account lives — so a note, its images,
   comments and likes by a Chinese account are written to the "cn" database;
4. otherwise the region pinned with `region_scope("cn")` for the current thread or task —
   queries and `Manager.create()` carry no row to follow, so code acting for one person wraps
   its work in `region_scope(person.data_region)`;
5. otherwise "default" (regions without their own database live there too).

Every database holds the full schema (`crossnote manage migrate --database cn`). Django has no
foreign keys or joins across databases, so a region on its own database is a separate community
(relations between rows on two databases are refused); reads without a row to follow go to the
pinned region. README "Privacy → Data regions" describes a deployment.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_pinned: ContextVar[str | None] = ContextVar("crossnote_data_region", default=None)

# Foreign keys, in order, that say whose row this is.
OWNER_FIELDS = ("user", "author", "owner", "recipient", "follower", "blocker", "muter", "subject")


def database_for_region(region: str | None) -> str:
    """The database alias that holds `region`'s data ("default" when it has none of its own)."""
    return settings.CROSSNOTE_REGION_DATABASES.get(region or "", "default")


@contextmanager
def region_scope(region: str):
    """Route reads and writes that carry no row hint to `region`'s database inside the block."""
    token = _pinned.set(region)
    try:
        yield database_for_region(region)
    finally:
        _pinned.reset(token)


def _owner_region(instance) -> str | None:
    from crossnote.accounts.models import User

    if isinstance(instance, User):
        return instance.data_region
    cache = getattr(getattr(instance, "_state", None), "fields_cache", {})
    for name in OWNER_FIELDS:
        owner = cache.get(name)
        if isinstance(owner, User):
            return owner.data_region
    return None


class DataRegionRouter:
    """See the module docstring."""

    def _route(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None:
            if getattr(instance._state, "db", None):
                return instance._state.db
            region = _owner_region(instance)
            if region is not None:
                return database_for_region(region)
        pinned = _pinned.get()
        return database_for_region(pinned) if pinned else None

    def db_for_read(self, model, **hints):
        return self._route(model, **hints)

    def db_for_write(self, model, **hints):
        return self._route(model, **hints)

    def allow_relation(self, obj1, obj2, **hints):
        db1, db2 = obj1._state.db, obj2._state.db
        if db1 and db2:
            return db1 == db2
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return None  # every region database holds the whole schema
