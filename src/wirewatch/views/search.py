"""Full-text search over titles and bodies (SQLite FTS5), with highlighted snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.store.sqlite import Store

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
    """Turn what a user types into a safe FTS5 query: words are ANDed, "phrases" kept."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"', " ", text)
    words = re.findall(r"[\w'-]+", rest)
    terms = [f'"{p.replace(chr(34), "")}"' for p in phrases]
    terms += [f'"{w}"' for w in words if w.upper() not in {"AND", "OR", "NOT"}]
    if not terms:
        raise BadQuery("the query has no searchable words")
    return " ".join(terms)


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    rows = store.query(
        "SELECT d.id, d.title, d.outlet, d.published,"
        " snippet(documents_fts, 1, ?, ?, '…', 24) AS snippet, bm25(documents_fts) AS rank"
        " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        " WHERE documents_fts MATCH ? AND d.duplicate_of IS NULL"
        " ORDER BY rank LIMIT ? OFFSET ?",
        (HIGHLIGHT_START, HIGHLIGHT_END, fts_query(query), limit, offset),
    )
    return [
        SearchHit(r["id"], r["title"], r["outlet"], r["published"], r["snippet"], r["rank"])
        for r in rows
    ]
