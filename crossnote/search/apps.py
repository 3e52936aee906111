"""Search across Chinese and English: segmented, folded full text over notes, people and topics."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _vector_schema(sender, using, **kwargs):
    """After `migrate` (and the test database's): the pgvector table where the store may be
    pgvector; nothing on SQLite or PostgreSQL without the extension."""
    from crossnote.search.vectors import ensure_schema

    ensure_schema(using)


class SearchConfig(AppConfig):
    name = "crossnote.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from crossnote.search import hooks

        hooks.connect()
        post_migrate.connect(_vector_schema, sender=self, dispatch_uid="search-vector-schema")
