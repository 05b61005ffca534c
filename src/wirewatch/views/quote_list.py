"""Quotes under the desk's shared filters, grouped by speaker. The quotes table may be empty (an
older store, or no quotes found); every function then returns empty results, never an error."""

from __future__ import annotations

from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.store.dialect import Dialect
from wirewatch.views.filters import Condition, Filters, page, sentence_start_sql, where


def quote_conditions(filters: Filters, dialect: Dialect) -> list[Condition]:
    return filters.facts(dialect, "d.published", actor_sql=("q.speaker_id = ?", []))


def quote_rows(store: Store, filters: Filters, *, limit: int | None = 50,
               offset: int = 0) -> list[dict[str, Any]]:
    sql, params = where(quote_conditions(filters, store.dialect))
    paging, paging_params = page(limit, offset)
    rows = store.query(
        "SELECT q.id, q.doc_id, q.speaker_id, COALESCE(a.name, q.speaker_name) AS speaker,"
        " q.speaker_role, q.text, q.kind, q.cue, q.content_start, q.content_end,"
        " q.evidence_start, q.evidence_end, d.title, d.outlet, d.published,"
        f" {sentence_start_sql('q.doc_id', 'q.evidence_start')} AS sentence_start"
        " FROM quotes q JOIN documents d ON d.id = q.doc_id"
        " LEFT JOIN actors a ON a.id = q.speaker_id" + sql
        + " ORDER BY d.published NULLS FIRST, d.seq, q.content_start, q.id" + paging,
        [*params, *paging_params])
    return [dict(r) for r in rows]


def speakers(store: Store, filters: Filters, *, limit: int = 50) -> list[dict[str, Any]]:
    """Speakers by number of quotes, unresolved speakers under the name the article gives."""
    sql, params = where(quote_conditions(filters, store.dialect))
    rows = store.query(
        "SELECT q.speaker_id, COALESCE(a.name, q.speaker_name, '(unattributed)') AS speaker,"
        " COUNT(*) AS n FROM quotes q JOIN documents d ON d.id = q.doc_id"
        " LEFT JOIN actors a ON a.id = q.speaker_id" + sql
        + " GROUP BY 1, 2 ORDER BY n DESC, 2 LIMIT ?", [*params, limit])
    return [dict(r) for r in rows]


def export_rows(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Every matching quote with its speaker and citation, for exports."""
    return [{"id": q["id"], "doc_id": q["doc_id"],
             "speaker": ({"actor_id": q["speaker_id"], "name": q["speaker"],
                          "role": q["speaker_role"]} if q["speaker"] else None),
             "text": q["text"], "kind": q["kind"], "cue": q["cue"],
             "evidence": {"start": q["evidence_start"], "end": q["evidence_end"]},
             "title": q["title"], "outlet": q["outlet"], "published": q["published"]}
            for q in quote_rows(store, filters, limit=None)]
