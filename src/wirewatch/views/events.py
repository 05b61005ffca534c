"""Events from the store: listing with participants, evidence and merged event; exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.store.events import participants_by_event
from wirewatch.views.filters import NO_LIMIT


def event_rows(
    store: Store,
    *,
    actor: str | None = None,
    type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Event mentions (one row each) with their participants, evidence and merged event.

    Only the filters given become SQL, so an actor's events are found through the participants'
    actor index and their participants read for those rows alone: the cost follows the actor's
    events, not the store (a filter written as `? IS NULL OR …` is planned as a scan of every
    event).
    """
    where, params = [], []
    if type is not None:
        where.append("e.type = ?")
        params.append(type)
    # "2017-04" lies within 2017-04-01 … 2017-04-30: compare at the event's own precision.
    if date_from is not None:
        where.append("COALESCE(e.date, d.published)"
                     " >= substr(?, 1, length(COALESCE(e.date, d.published)))")
        params.append(date_from)
    if date_to is not None:
        where.append("COALESCE(e.date, d.published)"
                     " <= substr(?, 1, length(COALESCE(e.date, d.published)))")
        params.append(date_to)
    if actor is not None:
        # an actor id, or every actor of that name or country
        where.append("e.id IN (SELECT p.event_row FROM event_participants p"
                     " WHERE p.actor_id IN (SELECT ? UNION"
                     " SELECT a.id FROM actors a WHERE a.name = ? OR a.country = ?))")
        params += [actor, actor, actor]
    rows = store.query(
        "SELECT e.*, d.title AS doc_title, d.outlet, d.published,"
        " m.n_mentions, m.n_independent_sources FROM events e"
        " JOIN documents d ON d.id = e.doc_id LEFT JOIN merged_events m ON m.id = e.event_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY COALESCE(e.date, d.published) NULLS FIRST, d.seq, e.evidence_start,"
        " e.trigger_start, e.id LIMIT ? OFFSET ?",
        (*params, NO_LIMIT if limit is None else limit, offset),
    )
    every = not where and limit is None and offset == 0
    parts = participants_by_event(store, None if every else [r["id"] for r in rows])
    result = []
    for r in rows:
        record = dict(r)
        record["source"] = parts[r["id"]]["source"]
        record["target"] = parts[r["id"]]["target"]
        result.append(record)
    return result


def contract_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Events as DESIGN.md's data contract lists them: one row per mention."""
    def strip(participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: p[k] for k in ("actor_id", "name", "country", "sector")}
                for p in participants]

    for r in event_rows(store):
        yield {
            "id": r["id"], "event_id": r["event_id"], "doc_id": r["doc_id"], "type": r["type"],
            "mode": r["mode"], "negated": bool(r["negated"]), "modality": r["modality"],
            "source": strip(r["source"]), "target": strip(r["target"]), "date": r["date"],
            "date_precision": r["date_precision"],
            "place": json.loads(r["place"]) if r["place"] else None,
            "evidence": {"text": r["evidence_text"], "start": r["evidence_start"],
                         "end": r["evidence_end"]},
            "confidence": r["confidence"],
        }
