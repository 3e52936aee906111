"""Search across Chinese and English: indexing, engines (SQLite FTS5 / PostgreSQL), pages, API."""
