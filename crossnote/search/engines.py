"""One interface, two engines: SQLite FTS5 on the embedded default, PostgreSQL full text at scale.

Both match the same pre-made tokens (crossnote.search.text) and rank the same way:
relevance (bm25 / ts_rank, with title and topics weighted above the body) × 0.5 when a row is
found only through a translation of the query × a recency factor 1 / (1 + age / 180 days).
The match is added to a queryset of the caller's (already filtered by the visibility policy),
so what a reader may not see is never matched, counted or ranked.

A note query matching more than RANKED_WINDOW notes ranks only the newest RANKED_WINDOW of them
(ids grow with time): ranking every match cost 0.5-1.3 s for a word in 30 % of a million
notes (bench/search.py), the newest 5,000 cost tens of milliseconds, and with the recency factor
older matches rarely outrank them. The window's floor comes from the index alone (the
RANKED_WINDOW-th newest match), so a rare word still searches every note.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from crossnote.search.expansion import Query, Term

TRANSLATED_WEIGHT = 0.5
RECENCY_DAYS = 180
RANKED_WINDOW = 5000


@dataclass(frozen=True)
class Target:
    """An indexed kind: the searched table, its entry table and the FTS5 column weights."""

    table: str
    entry_table: str
    key: str
    weights: tuple[float, ...]
    dated: bool


NOTES = Target("notes_note", "search_noteentry", "note_id", (3.0, 1.0, 2.0), dated=True)
USERS = Target("accounts_user", "search_userentry", "user_id", (3.0, 1.0), dated=False)
TOPICS = Target("notes_topic", "search_topicentry", "topic_id", (1.0,), dated=False)


class SearchEngine:
    """Adds `search_score` to a queryset and keeps only the rows matching the query."""

    name = ""

    def match(self, queryset: QuerySet, query: Query, target: Target) -> QuerySet:
        expanded = self.expression(query.terms, translated=True)
        original = self.expression(query.terms, translated=False)
        floor = self.window_floor(target, expanded) if target.dated else None
        score, score_params = self.score(
            target,
            expanded=expanded,
            original=original if original != expanded else None,
            floor=floor,
        )
        where, params = self.where(target), [expanded]  # type: list[str], list[object]
        if floor is not None:
            where.append(f"{self.key_column(target)} >= %s")
            params.append(floor)
        # QuerySet.extra(): the one ORM door to a virtual table's MATCH and bm25() in the same
        # query as the policy's filter (which then stays plain Django).
        return queryset.extra(  # noqa: S610 - names are constants; the query text is a parameter
            tables=[self.index_table(target)],
            where=where,
            params=params,
            select={"search_score": score},
            select_params=score_params,
        )

    def window_floor(self, target: Target, expanded: str) -> int | None:
        """The id of the RANKED_WINDOW-th newest indexed match, or None when there are fewer
        (then every match is ranked). Read from the index only, before any visibility filter:
        a reader who may see few of the newest matches gets fewer results, never others'."""
        sql = (
            f"SELECT {self.key_column(target)} FROM {self.index_table(target)}"  # noqa: S608
            f" WHERE {self.matches(target)} ORDER BY {self.key_column(target)} DESC"
            f" LIMIT 1 OFFSET {RANKED_WINDOW - 1}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expanded])
            row = cursor.fetchone()
        return row[0] if row else None

    def expression(self, terms: list[Term], *, translated: bool) -> str:
        groups = []
        for term in terms:
            options = [self.quote(term.token)]
            if translated:
                options += [self.all_of(alt) for alt in term.alternatives]
            groups.append(options[0] if len(options) == 1 else self.any_of(options))
        return self.all_of_expressions(groups)

    def all_of(self, tokens: list[str]) -> str:
        quoted = [self.quote(t) for t in tokens]
        return quoted[0] if len(quoted) == 1 else self.all_of_expressions(quoted)

    # Engine specifics ------------------------------------------------------------------------

    def index_table(self, target: Target) -> str:
        raise NotImplementedError

    def where(self, target: Target) -> list[str]:
        raise NotImplementedError

    def key_column(self, target: Target) -> str:
        """The index's column holding the searched row's id (qualified)."""
        raise NotImplementedError

    def matches(self, target: Target) -> str:
        """The index's match condition on one query parameter."""
        raise NotImplementedError

    def score(
        self, target: Target, *, expanded: str, original: str | None, floor: int | None = None
    ) -> tuple[str, list]:
        """The ranking expression and its parameters; `original` is None when the query has
        no translations (every match is then an original one); `floor` bounds the ids ranked."""
        raise NotImplementedError

    def quote(self, token: str) -> str:
        raise NotImplementedError

    def any_of(self, parts: list[str]) -> str:
        raise NotImplementedError

    def all_of_expressions(self, parts: list[str]) -> str:
        raise NotImplementedError


class SqliteEngine(SearchEngine):
    """FTS5 over contentless tables fed by triggers; bm25() is negative, smaller is better."""

    name = "sqlite-fts5"

    def index_table(self, target):
        return f"{target.entry_table}_fts"

    def where(self, target):
        fts = self.index_table(target)
        return [f"{fts}.rowid = {target.table}.id", self.matches(target)]

    def key_column(self, target):
        return f"{self.index_table(target)}.rowid"

    def matches(self, target):
        fts = self.index_table(target)
        return f"{fts} MATCH %s"

    def score(self, target, *, expanded, original, floor=None):
        fts = self.index_table(target)
        weights = ", ".join(str(w) for w in target.weights)
        relevance = f"(-bm25({fts}, {weights}))"
        params = []
        if original is not None:
            params.append(original)
            # Table names are this module's constants; the query text goes in as a parameter.
            subquery = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608
            if floor is not None:
                subquery += " AND rowid >= %s"
                params.append(floor)
            relevance += (
                f" * (CASE WHEN {target.table}.id IN ({subquery})"
                f" THEN 1.0 ELSE {TRANSLATED_WEIGHT} END)"
            )
        if target.dated:
            age = f"(julianday('now') - julianday({target.table}.created_at))"
            relevance += f" / (1.0 + MAX({age}, 0) / {RECENCY_DAYS}.0)"
        return relevance, params

    def quote(self, token):
        return '"' + token.replace('"', '""') + '"'

    def any_of(self, parts):
        return "(" + " OR ".join(parts) + ")"

    def all_of_expressions(self, parts):
        return "(" + " AND ".join(parts) + ")"


class PostgresEngine(SearchEngine):
    """A generated tsvector ('simple' config: the tokens are already made) with a GIN index."""

    name = "postgresql"

    def index_table(self, target):
        return target.entry_table

    def where(self, target):
        entry = target.entry_table
        return [f"{entry}.{target.key} = {target.table}.id", self.matches(target)]

    def key_column(self, target):
        return f"{target.entry_table}.{target.key}"

    def matches(self, target):
        return f"{target.entry_table}.document @@ %s::tsquery"

    def score(self, target, *, expanded, original, floor=None):
        entry = target.entry_table
        relevance = f"ts_rank({entry}.document, %s::tsquery)"
        params = [expanded]
        if original is not None:
            params.append(original)
            relevance += (
                f" * (CASE WHEN {entry}.document @@ %s::tsquery THEN 1.0"
                f" ELSE {TRANSLATED_WEIGHT} END)"
            )
        if target.dated:
            age = f"EXTRACT(EPOCH FROM (NOW() - {target.table}.created_at))"
            relevance += f" / (1.0 + GREATEST({age}, 0) / {RECENCY_DAYS * 86400}.0)"
        return relevance, params

    def quote(self, token):
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def any_of(self, parts):
        return "(" + " | ".join(parts) + ")"

    def all_of_expressions(self, parts):
        return "(" + " & ".join(parts) + ")"


def get_engine() -> SearchEngine:
    """The engine for the default database."""
    if connection.vendor == "postgresql":
        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SqliteEngine()
    raise NotImplementedError(f"search has no engine for {connection.vendor}")
