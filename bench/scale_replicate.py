"""Grow an analysed store by replicating its documents with new ids, inside the store (SQL only).

Replica k (k = 1, 2, …) of every base document gets new ids everywhere a document, its raw input,
its facts and its merged events are named (`<id>~r<k>`), so every reference stays inside the
replica: its events point to its own merged events, its participants to its own event rows, its
sentences, mentions, quotes, figures, ledger rows and FTS row to its own document. Every date
(publication, event, merged event, figure as-of) moves k years later, so a one-year date filter
still selects one replica's worth of facts however large the store grows. Actors are store-wide:
replicas mention the same actors, whose document and mention counts are scaled by the number of
copies. The base rows are read from a snapshot (`scale_base`), never from the growing tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

REPLICAS_PER_TRANSACTION = 10  # every commit leaves whole replicas: references stay consistent
SUFFIX = "suffix"
YEAR = "year"
SEQ = "seq"

# Per document table: the columns that name the document or one of its facts (suffixed), that
# hold dates (moved by k years) and the order of arrival (moved past the base).
REWRITES: dict[str, dict[str, str]] = {
    "raw_inputs": {"sha256": SUFFIX, "key": SUFFIX, "path": SUFFIX, "url": SUFFIX},
    "documents": {"id": SUFFIX, "raw_sha256": SUFFIX, "key": SUFFIX, "path": SUFFIX,
                  "url": SUFFIX, "content_hash": SUFFIX, "duplicate_of": SUFFIX,
                  "published": YEAR, "seq": SEQ},
    "removed_lines": {"doc_id": SUFFIX},
    "doc_minhash": {"doc_id": SUFFIX},
    "template_observations": {"doc_key": SUFFIX},
    "ledger": {"item_key": SUFFIX, "doc_id": SUFFIX},
    "parses": {"doc_id": SUFFIX},
    "sentences": {"doc_id": SUFFIX},
    "mentions": {"doc_id": SUFFIX},
    "role_observations": {"doc_id": SUFFIX},
    "actor_map": {"doc_id": SUFFIX},
    "merged_events": {"id": SUFFIX, "date": YEAR},
    "events": {"id": SUFFIX, "event_id": SUFFIX, "doc_id": SUFFIX, "date": YEAR},
    "event_participants": {"event_row": SUFFIX},
    "quotes": {"id": SUFFIX, "doc_id": SUFFIX},
    "figures": {"id": SUFFIX, "doc_id": SUFFIX, "as_of": YEAR},
}
# Store-wide tables, not copied: one ledger of runs, one set of actors, one set of judgements
# (and PostgreSQL's schema version).
STORE_WIDE = {"runs", "actors", "judgements", "schema_version"}

# References that must resolve after growing: (what, SQL counting rows that point nowhere).
ORPHANS = {
    "documents without raw input": "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS"
    " (SELECT 1 FROM raw_inputs r WHERE r.sha256 = d.raw_sha256)",
    "events without document": "SELECT COUNT(*) FROM events e WHERE NOT EXISTS"
    " (SELECT 1 FROM documents d WHERE d.id = e.doc_id)",
    "events without merged event": "SELECT COUNT(*) FROM events e WHERE e.event_id IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM merged_events m WHERE m.id = e.event_id)",
    "participants without event": "SELECT COUNT(*) FROM event_participants p WHERE NOT EXISTS"
    " (SELECT 1 FROM events e WHERE e.id = p.event_row)",
    "quotes without document": "SELECT COUNT(*) FROM quotes q WHERE NOT EXISTS"
    " (SELECT 1 FROM documents d WHERE d.id = q.doc_id)",
    "figures without document": "SELECT COUNT(*) FROM figures f WHERE NOT EXISTS"
    " (SELECT 1 FROM documents d WHERE d.id = f.doc_id)",
    "mentions without document": "SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS"
    " (SELECT 1 FROM documents d WHERE d.id = m.doc_id)",
    "sentences without document": "SELECT COUNT(*) FROM sentences s WHERE NOT EXISTS"
    " (SELECT 1 FROM documents d WHERE d.id = s.doc_id)",
}


@dataclass(frozen=True)
class Dialect:
    """What differs between the backends: shifting a date's year, and listing a table's
    insertable columns."""

    year_shift: Callable[[str, str], str]  # (column, replica-number SQL) -> SQL
    columns: Callable[[Any, str], list[str]]  # (connection, table) -> column names


def _sqlite_year_shift(column: str, k: str) -> str:
    year = f"CAST(substr({column}, 1, 4) AS INTEGER) + {k}"
    shifted = f"printf('%04d', {year}) || substr({column}, 5)"
    # A 29 February moved to a common year would not be a date any more.
    return (f"CASE WHEN {column} GLOB '[0-9][0-9][0-9][0-9]*'"
            f" THEN replace({shifted}, '-02-29', '-02-28') ELSE {column} END")


def _sqlite_columns(db: Any, table: str) -> list[str]:
    # table_xinfo's `hidden` is 0 for ordinary columns (2 and 3 are generated ones).
    return [row[1] for row in db.execute(f"PRAGMA scale_base.table_xinfo({table})") if row[6] == 0]


SQLITE = Dialect(_sqlite_year_shift, _sqlite_columns)


def _postgres_year_shift(column: str, k: str) -> str:
    shifted = f"lpad((substr({column}, 1, 4)::integer + {k})::text, 4, '0') || substr({column}, 5)"
    return (f"CASE WHEN {column} ~ '^[0-9]{{4}}'"
            f" THEN replace({shifted}, '-02-29', '-02-28') ELSE {column} END")


def _postgres_columns(conn: Any, table: str) -> list[str]:
    """The snapshot's columns the store lets an INSERT set: not the GENERATED ALWAYS ones
    (documents.search_vector since migration 3), which PostgreSQL computes itself."""
    return [row[0] for row in conn.execute(
        "SELECT b.column_name FROM information_schema.columns b"
        " JOIN information_schema.columns p ON p.table_schema = 'public'"
        "  AND p.table_name = b.table_name AND p.column_name = b.column_name"
        " WHERE b.table_schema = 'scale_base' AND b.table_name = %s"
        "  AND p.is_generated = 'NEVER' ORDER BY b.ordinal_position", (table,))]


POSTGRES = Dialect(_postgres_year_shift, _postgres_columns)


def _expression(column: str, rewrite: str | None, dialect: Dialect, seq_step: int) -> str:
    quoted = f'b."{column}"'  # "end" is a reserved word in PostgreSQL
    if rewrite == SUFFIX:
        return f"{quoted} || '~r' || r.k"
    if rewrite == YEAR:
        return dialect.year_shift(quoted, "r.k")
    if rewrite == SEQ:
        return f"{quoted} + r.k * {seq_step:d}"
    return quoted


def copy_statements(db: Any, dialect: Dialect, seq_step: int) -> list[str]:
    """One INSERT … SELECT per document table, copying the snapshot once per row of
    `scale_replicas(k)`, in an order that satisfies the foreign keys."""
    statements = []
    for table, rewrites in REWRITES.items():
        columns = dialect.columns(db, table)
        unknown = set(rewrites) - set(columns)
        if unknown:
            raise RuntimeError(f"{table} has no column {sorted(unknown)}: the schema changed")
        select = ", ".join(_expression(c, rewrites.get(c), dialect, seq_step) for c in columns)
        order = " ORDER BY r.k, b.seq" if table == "documents" else ""
        names = ", ".join(f'"{c}"' for c in columns)
        statements.append(f"INSERT INTO {table} ({names}) SELECT {select}"
                          f" FROM scale_base.{table} b CROSS JOIN scale_replicas r{order}")
    return statements


def check_tables(tables: set[str]) -> None:
    """Every table of the store is either copied per document or store-wide: a table added by a
    later migration must be classified here before the benchmark can claim a consistent copy."""
    unclassified = tables - set(REWRITES) - STORE_WIDE
    if unclassified:
        raise RuntimeError(f"tables not classified for replication: {sorted(unclassified)}")


def scale_actor_counts_sql(copies: int) -> str:
    return ("UPDATE actors SET"
            f" doc_count = (SELECT b.doc_count FROM scale_base.actors b WHERE b.id = actors.id)"
            f" * {copies:d}, mention_count = (SELECT b.mention_count FROM scale_base.actors b"
            f" WHERE b.id = actors.id) * {copies:d}")
