"""Full-text search over titles and bodies (the store's own: SQLite FTS5 or PostgreSQL's),
with highlighted snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.store.base import BaseStore as Store

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # matches wrapped in HIGHLIGHT_START / HIGHLIGHT_END
    rank: float


class BadQuery(ValueError):
    pass


def fts_query(text: str) -> str:
    """Turn what a user types into a safe query: words are ANDed, "phrases" kept. The same text
    is an FTS5 query and a `websearch_to_tsquery` one: quoted terms, separated by spaces."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"', " ", text)
    words = re.findall(r"[\w'-]+", rest)
    terms = [f'"{p.replace(chr(34), "")}"' for p in phrases]
    terms += [f'"{w}"' for w in words if w.upper() not in {"AND", "OR", "NOT"}]
    if not terms:
        raise BadQuery("the query has no searchable words")
    return " ".join(terms)


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    ranked = store.dialect.ranked_search("d", fts_query(query), HIGHLIGHT_START, HIGHLIGHT_END)
    rows = store.query(
        f"SELECT d.id, d.title, d.outlet, d.published, {ranked.snippet[0]} AS snippet,"
        f" {ranked.rank} AS rank FROM {ranked.source[0]}"
        f" WHERE {ranked.match[0]} AND d.duplicate_of IS NULL"
        " ORDER BY rank, d.seq LIMIT ? OFFSET ?",
        [*ranked.snippet[1], *ranked.source[1], *ranked.match[1], limit, offset],
    )
    return [
        SearchHit(r["id"], r["title"], r["outlet"], r["published"], r["snippet"], r["rank"])
        for r in rows
    ]
