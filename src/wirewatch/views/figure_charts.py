"""Figure series ready to chart and cite: every point with its figures' sentences, conflicts
flagged, and the list of series a store holds (subject, measure, unit, number of figures)."""

from __future__ import annotations

from typing import Any

from wirewatch.extract.figures_measures import TRACKED_MEASURES
from wirewatch.store.base import BaseStore as Store
from wirewatch.views.figures import series
from wirewatch.views.filters import Filters, where


def available_series(store: Store, *, limit: int = 100) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT f.subject_id, MAX(COALESCE(a.name, f.subject_name)) AS subject, f.measure,"
        " COUNT(*) AS n FROM figures f LEFT JOIN actors a ON a.id = f.subject_id"
        " WHERE f.subject_id IS NOT NULL AND f.as_of IS NOT NULL"
        " GROUP BY f.subject_id, f.measure ORDER BY n DESC, f.subject_id, f.measure LIMIT ?",
        (limit,))
    return [dict(r) for r in rows]


def _documents(store: Store, doc_ids: set[str]) -> dict[str, dict[str, Any]]:
    if not doc_ids:
        return {}
    ids = sorted(doc_ids)
    rows = store.query(f"SELECT id, title, outlet, published FROM documents WHERE id IN"
                       f" ({','.join('?' * len(ids))})", ids)
    return {r["id"]: dict(r) for r in rows}


def _matching(store: Store, q: str, doc_ids: set[str]) -> set[str]:
    """Which of `doc_ids` the full-text query `q` matches."""
    if not doc_ids:
        return set()
    ids = sorted(doc_ids)
    sql, params = where([*Filters(q=q).documents(store.dialect, "d"),
                         (f"d.id IN ({','.join('?' * len(ids))})", ids)])
    return {r["id"] for r in store.query("SELECT d.id FROM documents d" + sql, params)}


def _sentence_start(store: Store, doc_id: str, offset: int) -> int:
    row = store.query("SELECT MAX(start) AS s FROM sentences WHERE doc_id = ? AND start <= ?",
                      (doc_id, offset))
    return row[0]["s"] if row and row[0]["s"] is not None else offset


def chart_series(store: Store, filters: Filters, *, measure: str | None = None,
                 subject: str | None = None) -> list[dict[str, Any]]:
    """Series of `subject` (default: the actor filter) and `measure`, points inside the date
    filter, each point citing every figure behind it. With a query, only the figures of the
    documents it matches count: a point none of them backs is left out."""
    found = series(store, subject=subject or filters.actor, measure=measure)
    docs = _documents(store, {f.doc_id for s in found for p in s.points for f in p.figures})
    matching = _matching(store, filters.q, set(docs)) if filters.q else None
    result = []
    for s in found:
        points = []
        for p in s.points:
            if filters.date_from and p.as_of < filters.date_from:
                continue
            if filters.date_to and p.as_of[:len(filters.date_to)] > filters.date_to:
                continue
            if filters.outlet and not any(docs[f.doc_id]["outlet"] == filters.outlet
                                          for f in p.figures):
                continue
            if matching is not None and not any(f.doc_id in matching for f in p.figures):
                continue
            points.append({
                "as_of": p.as_of, "as_of_precision": p.as_of_precision, "value": p.value,
                "low": p.low, "high": p.high, "qualifier": p.qualifier, "conflict": p.conflict,
                "n_independent_sources": p.n_independent_sources,
                "values_seen": [list(v) for v in p.values_seen],
                "figures": [{"doc_id": f.doc_id, **{k: docs[f.doc_id][k] for k in
                                                   ("title", "outlet", "published")},
                             "value": f.value, "low": f.low, "high": f.high,
                             "qualifier": f.qualifier, "as_of": f.as_of,
                             "evidence_start": f.evidence.start, "evidence_end": f.evidence.end,
                             "evidence_text": f.evidence.text,
                             "sentence_start": _sentence_start(store, f.doc_id, f.evidence.start)}
                            for f in p.figures],
            })
        if points:
            result.append({"subject_id": s.subject_id, "subject": s.subject_name,
                           "measure": s.measure, "unit": s.unit, "points": points,
                           "n_conflicts": sum(p["conflict"] for p in points)})
    return result


def key_series(store: Store, filters: Filters, *, limit: int = 6) -> list[dict[str, Any]]:
    """What to show when no actor is asked for: `limit` charted series, those of a tracked
    measure (troops, killed, refugees …) first, then those backed by the most independent
    sources (summed over their points), then those with the most points."""
    ranked = sorted(chart_series(store, filters),
                    key=lambda s: (s["measure"] not in TRACKED_MEASURES,
                                   -sum(p["n_independent_sources"] for p in s["points"]),
                                   -len(s["points"]), s["subject"], s["measure"]))
    return ranked[:limit]


def figure_export_rows(store: Store, filters: Filters, *, measure: str | None = None
                       ) -> list[dict[str, Any]]:
    """One row per figure behind a charted point, with its point's agreement and citation."""
    return [{"subject_id": s["subject_id"], "subject": s["subject"], "measure": s["measure"],
             "unit": s["unit"], "point_as_of": p["as_of"], "point_value": p["value"],
             "conflict": p["conflict"], "n_independent_sources": p["n_independent_sources"],
             **f}
            for s in chart_series(store, filters, measure=measure)
            for p in s["points"] for f in p["figures"]]
