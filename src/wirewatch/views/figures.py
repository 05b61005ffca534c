"""Figures from the store: rows for exports and series over time with agreement flags."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.types import ActorRef, Evidence, FigureMention, PlaceRef
from wirewatch.views.series import Series, figure_series


def _place(raw: str | None) -> PlaceRef | None:
    return PlaceRef(**json.loads(raw)) if raw else None


def figure_rows(
    store: Store, *, subject: str | None = None, measure: str | None = None
) -> list[dict[str, Any]]:
    """Stored figures (store-wide subject ids), with the duplicate cluster of their document.

    `subject` is an actor id or an actor's exact name, looked up among the actors first so the
    figures are read through their (subject, measure) index.
    """
    conditions, params = ["1 = 1"], []
    if subject is not None:
        named = store.query("SELECT id FROM actors WHERE name = ?", (subject,))
        subjects = sorted({subject, *(r["id"] for r in named)})
        conditions.append(f"f.subject_id IN ({', '.join('?' * len(subjects))})")
        params += subjects
    if measure is not None:
        conditions.append("f.measure = ?")
        params.append(measure)
    rows = store.query(
        "SELECT f.*, COALESCE(d.duplicate_of, d.id) AS cluster, a.name AS actor_name"
        " FROM figures f JOIN documents d ON d.id = f.doc_id"
        " LEFT JOIN actors a ON a.id = f.subject_id"
        f" WHERE {' AND '.join(conditions)}"
        " ORDER BY f.as_of NULLS FIRST, d.seq, f.span_start, f.id",
        params,
    )
    return [dict(r) for r in rows]


def to_mention(row: dict[str, Any]) -> FigureMention:
    subject = None
    if row["subject_id"]:
        subject = ActorRef(row["subject_id"], row["actor_name"] or row["subject_name"] or "",
                           "unknown")
    return FigureMention(
        doc_id=row["doc_id"], measure=row["measure"], value=row["value"], low=row["low"],
        high=row["high"], qualifier=row["qualifier"],
        evidence=Evidence(row["doc_id"], row["evidence_start"], row["evidence_end"],
                          row["evidence_text"]),
        span=(row["span_start"], row["span_end"]), unit=row["unit"], subject=subject,
        as_of=row["as_of"], as_of_precision=row["as_of_precision"], place=_place(row["place"]),
    )


def series(store: Store, *, subject: str | None = None, measure: str | None = None) -> list[Series]:
    rows = figure_rows(store, subject=subject, measure=measure)
    return figure_series((to_mention(r), r["cluster"]) for r in rows)


def contract_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Figures as DESIGN.md's data contract lists them."""
    for row in figure_rows(store):
        yield {
            "id": row["id"],
            "doc_id": row["doc_id"],
            "subject": ({"actor_id": row["subject_id"],
                         "name": row["actor_name"] or row["subject_name"]}
                        if row["subject_id"] else None),
            "measure": row["measure"],
            "value": row["value"],
            "low": row["low"],
            "high": row["high"],
            "qualifier": row["qualifier"],
            "unit": row["unit"],
            "as_of": row["as_of"],
            "as_of_precision": row["as_of_precision"],
            "place": json.loads(row["place"]) if row["place"] else None,
            "evidence": {"text": row["evidence_text"], "start": row["evidence_start"],
                         "end": row["evidence_end"]},
        }
