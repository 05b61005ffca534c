"""Documents: the filtered list (with highlighted snippets), its facets and date histogram, and
the article reader's data (the text, its sentences and every fact with its offsets)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.views.filters import Filters, page, sentence_start_sql, where
from wirewatch.views.search import HIGHLIGHT_END, HIGHLIGHT_START, fts_query


class DocumentNotFound(LookupError):
    pass


@dataclass
class Reader:
    document: dict[str, Any]
    sentences: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    removed_lines: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)


def document_rows(store: Store, filters: Filters, *, limit: int | None = 20,
                  offset: int = 0) -> list[dict[str, Any]]:
    """Documents matching the filters; with a query, ranked and with a highlighted snippet
    (matches between search.HIGHLIGHT_START and HIGHLIGHT_END), else newest first."""
    conditions = [("d.duplicate_of IS NULL", []), *filters.documents(store.dialect, "d")]
    paging, paging_params = page(limit, offset)
    if filters.q:
        ranked = store.dialect.ranked_search("d", fts_query(filters.q), HIGHLIGHT_START,
                                             HIGHLIGHT_END)
        sql, params = where([ranked.match, *conditions])
        rows = store.query(
            "SELECT d.id, d.title, d.outlet, d.published, d.url, d.n_words,"
            f" {ranked.snippet[0]} AS snippet FROM {ranked.source[0]}" + sql
            + f" ORDER BY {ranked.rank}, d.seq" + paging,
            [*ranked.snippet[1], *ranked.source[1], *params, *paging_params],
        )
    else:
        sql, params = where(conditions)
        rows = store.query(
            "SELECT d.id, d.title, d.outlet, d.published, d.url, d.n_words,"
            " substr(d.text, 1, 240) AS snippet FROM documents d" + sql
            + " ORDER BY d.published DESC NULLS LAST, d.seq" + paging,
            [*params, *paging_params],
        )
    return [dict(r) for r in rows]


def count_documents(store: Store, filters: Filters) -> int:
    sql, params = where([("d.duplicate_of IS NULL", []), *filters.documents(store.dialect, "d")])
    return store.query("SELECT COUNT(*) AS n FROM documents d" + sql, params)[0]["n"]


def facets(store: Store, filters: Filters, *, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    """Counts of matching documents per outlet, year, actor, event type and place."""
    sql, params = where([("d.duplicate_of IS NULL", []), *filters.documents(store.dialect, "d")])
    matching = "SELECT d.id FROM documents d" + sql

    def count(query: str) -> list[dict[str, Any]]:
        return [dict(r) for r in store.query(query, [*params, top])]

    return {
        "outlet": count("SELECT d.outlet AS value, COUNT(*) AS n FROM documents d"
                        f" WHERE d.id IN ({matching}) AND d.outlet IS NOT NULL"
                        " GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?"),
        "year": count("SELECT substr(d.published, 1, 4) AS value, COUNT(*) AS n FROM documents d"
                      f" WHERE d.id IN ({matching}) AND d.published IS NOT NULL"
                      " GROUP BY 1 ORDER BY 1 DESC LIMIT ?"),
        "actor": count("SELECT a.id AS value, a.name AS label, COUNT(DISTINCT m.doc_id) AS n"
                       f" FROM mentions m JOIN actors a ON a.id = m.actor_id"
                       f" WHERE m.doc_id IN ({matching}) GROUP BY a.id ORDER BY n DESC, a.id"
                       " LIMIT ?"),
        "type": count("SELECT e.type AS value, COUNT(*) AS n FROM events e"
                      f" WHERE e.doc_id IN ({matching}) GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?"),
        "place": count(f"SELECT {store.dialect.json_text('e.place', 'name')} AS value,"
                       " COUNT(*) AS n"
                       f" FROM events e WHERE e.doc_id IN ({matching}) AND e.place IS NOT NULL"
                       " GROUP BY 1 ORDER BY n DESC, 1 NULLS FIRST LIMIT ?"),
    }


def histogram(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Matching documents per publication month, oldest first (the brushable date histogram)."""
    sql, params = where([("d.duplicate_of IS NULL", []), ("d.published IS NOT NULL", []),
                         *filters.documents(store.dialect, "d")])
    rows = store.query("SELECT substr(d.published, 1, 7) AS month, COUNT(*) AS n"
                       " FROM documents d" + sql + " GROUP BY 1 ORDER BY 1", params)
    return [dict(r) for r in rows]


# A document as stored, without backend-only columns (PostgreSQL's search vector).
_DOCUMENT_COLUMNS = (
    "id, raw_sha256, key, path, url, title, outlet, authors, published, published_precision,"
    " published_source, dateline, wire, language, encoding, text, n_words, content_hash,"
    " duplicate_of, run_id, seq")


def reader(store: Store, doc_id: str) -> Reader:
    """One document with its sentences and every fact, offsets into `document['text']`."""
    participant = "p.role || ':' || COALESCE(a.name, p.name)"
    rows = store.query(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
    if not rows:
        raise DocumentNotFound(f"no document {doc_id!r}")
    document = dict(rows[0])
    document["authors"] = json.loads(document["authors"])
    sentences = [dict(r) for r in store.query(
        "SELECT idx, start, end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,))]
    if not sentences:
        sentences = _paragraphs(document["text"])
    mentions = [dict(r) for r in store.query(
        "SELECT m.start, m.end, m.text, m.label, m.actor_id, a.name AS actor_name, a.kind"
        " FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id WHERE m.doc_id = ?"
        " ORDER BY m.start, m.end", (doc_id,))]
    events = [dict(r) for r in store.query(
        "SELECT e.id, e.event_id, e.type, e.mode, e.negated, e.date, e.date_precision, e.place,"
        " e.evidence_start, e.evidence_end, e.evidence_text, e.trigger_start, e.trigger_end,"
        " e.confidence, m.n_independent_sources,"
        f" (SELECT {store.dialect.string_agg(participant, '; ', 'p.role, p.position')}"
        "  FROM event_participants p LEFT JOIN actors a ON a.id = p.actor_id"
        "  WHERE p.event_row = e.id) AS participants,"
        f" {sentence_start_sql('e.doc_id', 'e.evidence_start')} AS sentence_start"
        " FROM events e LEFT JOIN merged_events m ON m.id = e.event_id WHERE e.doc_id = ?"
        " ORDER BY e.evidence_start, e.trigger_start, e.id", (doc_id,))]
    quotes = [dict(r) for r in store.query(
        "SELECT q.*, COALESCE(a.name, q.speaker_name) AS speaker,"
        f" {sentence_start_sql('q.doc_id', 'q.evidence_start')} AS sentence_start"
        " FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_id WHERE q.doc_id = ?"
        " ORDER BY q.content_start, q.id", (doc_id,))]
    figures = [dict(r) for r in store.query(
        "SELECT f.*, COALESCE(a.name, f.subject_name) AS subject,"
        f" {sentence_start_sql('f.doc_id', 'f.evidence_start')} AS sentence_start"
        " FROM figures f LEFT JOIN actors a ON a.id = f.subject_id WHERE f.doc_id = ?"
        " ORDER BY f.span_start, f.id", (doc_id,))]
    removed = store.query("SELECT COUNT(*) AS n FROM removed_lines WHERE doc_id = ?", (doc_id,))
    duplicates = [dict(r) for r in store.query(
        "SELECT id, title, outlet, published FROM documents WHERE duplicate_of = ? OR id = ?",
        (doc_id, document["duplicate_of"]))]
    return Reader(document, sentences, mentions, events, quotes, figures, removed[0]["n"],
                  duplicates)


def _paragraphs(text: str) -> list[dict[str, Any]]:
    """Lines as the units of a document that was stored without analysis."""
    units, start = [], 0
    for idx, line in enumerate(text.split("\n")):
        if line.strip():
            units.append({"idx": idx, "start": start, "end": start + len(line)})
        start += len(line) + 1
    return units
