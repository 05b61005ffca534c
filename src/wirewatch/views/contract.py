"""The data contract of DESIGN.md: what `export KIND` emits, field by field.

Each kind maps to its fields in contract order and to the function that yields its rows (plain
dicts, JSON-ready, citations included). An empty store exports no rows but the same fields, so a
user's downstream code sees the final shape from the start.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.views import events, figures, quotes

Row = dict[str, Any]

FIELDS: dict[str, tuple[str, ...]] = {
    "documents": (
        "id", "path", "url", "title", "outlet", "authors", "published", "published_precision",
        "language", "wire", "duplicate_of", "text", "dateline", "published_source",
    ),
    "actors": ("id", "name", "kind", "country", "sector", "aliases", "roles"),
    "events": (
        "id", "event_id", "doc_id", "type", "mode", "negated", "modality", "source", "target",
        "date", "date_precision", "place", "evidence", "confidence",
    ),
    "quotes": ("id", "doc_id", "speaker", "text", "kind", "cue", "evidence"),
    "figures": (
        "id", "doc_id", "subject", "measure", "value", "low", "high", "qualifier", "unit",
        "as_of", "as_of_precision", "place", "evidence",
    ),
}


def document_rows(store: Store) -> Iterator[Row]:
    rows = store.query(
        "SELECT id, path, url, title, outlet, authors, published, published_precision, language,"
        " wire, duplicate_of, text, dateline, published_source FROM documents ORDER BY seq"
    )
    for row in rows:
        record = dict(row)
        record["authors"] = json.loads(record["authors"])
        yield record


def actor_rows(store: Store) -> Iterator[Row]:
    rows = store.query(
        "SELECT id, name, kind, country, sector, aliases, roles FROM actors"
        " ORDER BY mention_count DESC, id"
    )
    for row in rows:
        record = dict(row)
        record["aliases"] = json.loads(record["aliases"])
        record["roles"] = json.loads(record["roles"])
        yield record


ROWS: dict[str, Callable[[Store], Iterator[Row]]] = {
    "documents": document_rows,
    "actors": actor_rows,
    "events": events.contract_rows,
    "quotes": quotes.contract_rows,
    "figures": figures.contract_rows,
}

KINDS = tuple(FIELDS)


def rows(store: Store, kind: str) -> Iterator[Row]:
    if kind not in ROWS:
        raise ValueError(f"unknown export kind {kind!r}; choose one of: {', '.join(KINDS)}")
    for record in ROWS[kind](store):
        yield {name: record.get(name) for name in FIELDS[kind]}
