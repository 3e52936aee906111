"""Django's SQLite backend with writers queued on a write gate (ENGINE "crossnote.core.sqlite3":
the name ends as Django's does, so code asking "is this SQLite?" by ENGINE still says yes)."""
