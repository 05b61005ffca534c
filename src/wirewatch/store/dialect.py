"""The SQL that differs between SQLite and PostgreSQL, both variants side by side.

Everything else the views write is portable SQL (`?` placeholders, `ON CONFLICT`, `RETURNING`,
`COALESCE`, `substr`, `length`). What truly differs lives here: full-text search (FTS5's `MATCH`,
`bm25` and `snippet` against Postgres' own `tsvector`, `websearch_to_tsquery`, `ts_rank` and
`ts_headline`), reading JSON text columns, and joining strings in an aggregate. A store exposes
its dialect as `store.dialect`; views ask it for these fragments and never test which one it is.

Two portable habits keep results identical: a sort key that may be NULL says `NULLS FIRST`
(ascending) or `NULLS LAST` (descending), SQLite's default order, which PostgreSQL reverses; and
a PostgreSQL store lives in a database with the C collation (text sorted by code point, as
SQLite's BINARY does), see README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Fragment = tuple[str, list[object]]  # SQL with `?` placeholders, and their values in order

_JSON_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")


def _checked_key(key: str) -> str:
    if not _JSON_KEY.match(key):
        raise ValueError(f"not a JSON key wirewatch stores: {key!r}")
    return key


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class RankedSearch:
    """A full-text search that ranks documents and cuts a highlighted snippet.

    Compose it as `SELECT … {snippet} … {rank} FROM {source} WHERE {match} AND …` and pass the
    parameters in that order: snippet's, source's, match's, then the rest of the WHERE's.
    """

    snippet: Fragment
    rank: str  # lower is better
    source: Fragment
    match: Fragment


class SqliteDialect:
    name = "sqlite"

    def quoted(self, expr: str) -> str:
        """`expr` as an SQL literal ('it''s', or NULL), for messages naming a value."""
        return f"quote({expr})"

    def json_text(self, expr: str, key: str) -> str:
        return f"json_extract({expr}, '$.{_checked_key(key)}')"

    def json_array_values(self, expr: str) -> str:
        """A FROM item with one row per element of a JSON list, in a column named `value`."""
        return f"json_each({expr})"

    def string_agg(self, expr: str, separator: str, order_by: str) -> str:
        """The values of `expr` joined by the text `separator`, in `order_by` order. SQLite
        before 3.44 cannot order an aggregate: it joins in the order it visits the rows, which
        is `order_by` when that is the index the query reads (callers keep it so)."""
        return f"group_concat({expr}, {_literal(separator)})"

    def fts_filter(self, alias: str) -> str:
        """A condition on documents row `alias` with one `?`: the query (see search.fts_query)."""
        return (f"{alias}.rowid IN (SELECT rowid FROM documents_fts"
                " WHERE documents_fts MATCH ?)")

    def ranked_search(self, alias: str, query: str, highlight_start: str, highlight_end: str,
                      *, words: int = 24) -> RankedSearch:
        return RankedSearch(
            snippet=(f"snippet(documents_fts, 1, ?, ?, '…', {words:d})",
                     [highlight_start, highlight_end]),
            rank="bm25(documents_fts)",
            source=(f"documents_fts JOIN documents {alias} ON {alias}.rowid = documents_fts.rowid",
                    []),
            match=("documents_fts MATCH ?", [query]),
        )


# The documents' stored search vector (migration 3), GIN-indexed.
_PG_VECTOR = "{a}.search_vector"


class PostgresDialect:
    name = "postgresql"

    def quoted(self, expr: str) -> str:
        return f"quote_nullable({expr})"

    def json_text(self, expr: str, key: str) -> str:
        return f"(({expr})::jsonb ->> '{_checked_key(key)}')"

    def json_array_values(self, expr: str) -> str:
        return f"jsonb_array_elements_text(({expr})::jsonb) AS json_values(value)"

    def string_agg(self, expr: str, separator: str, order_by: str) -> str:
        return f"string_agg({expr}, {_literal(separator)} ORDER BY {order_by})"

    def fts_filter(self, alias: str) -> str:
        return f"{_PG_VECTOR.format(a=alias)} @@ websearch_to_tsquery('english', ?)"

    def ranked_search(self, alias: str, query: str, highlight_start: str, highlight_end: str,
                      *, words: int = 24) -> RankedSearch:
        vector = _PG_VECTOR.format(a=alias)
        # Fragments, as FTS5's snippet has: one window over all the words is often too long,
        # and ts_headline then returns the text's start with nothing highlighted.
        options = (f'StartSel="{highlight_start}", StopSel="{highlight_end}",'
                   f' MaxFragments=2, MaxWords={words:d}, MinWords={words // 2:d},'
                   ' FragmentDelimiter=" … "')
        return RankedSearch(
            snippet=(f"ts_headline('english', {alias}.text, fts_query, ?)", [options]),
            rank=f"-ts_rank({vector}, fts_query)",
            source=(f"documents {alias} CROSS JOIN websearch_to_tsquery('english', ?)"
                    " AS fts_query", [query]),
            match=(f"{vector} @@ fts_query", []),
        )


SQLITE = SqliteDialect()
POSTGRES = PostgresDialect()
Dialect = SqliteDialect | PostgresDialect
