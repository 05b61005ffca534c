"""Reading stored event mentions back: participants per event row, EventMention objects."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.types import ActorRef, EventMention, Evidence, Participant, PlaceRef

_PARTICIPANTS = (
    "SELECT p.event_row, p.role, p.actor_id, COALESCE(a.name, p.name) AS name, a.country,"
    " a.sector, p.start, p.end FROM event_participants p"
    " LEFT JOIN actors a ON a.id = p.actor_id WHERE p.actor_id IS NOT NULL"
)
_IDS_PER_QUERY = 500


def participants_by_event(
    store: Store, event_rows: Sequence[str] | None = None
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Resolved sources and targets per event row, in their order: of every event, or of the
    events `event_rows` names (read through the primary key, however large the store)."""
    by_event: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"source": [], "target": []})
    order = " ORDER BY p.event_row, p.role, p.position"
    if event_rows is None:
        rows = store.query(_PARTICIPANTS + order)
    else:
        ids = sorted(set(event_rows))
        rows = [
            row
            for start in range(0, len(ids), _IDS_PER_QUERY)
            for row in store.query(
                _PARTICIPANTS + " AND p.event_row IN ("
                + ", ".join("?" * len(ids[start:start + _IDS_PER_QUERY])) + ")" + order,
                ids[start:start + _IDS_PER_QUERY])
        ]
    for r in rows:
        by_event[r["event_row"]][r["role"]].append(
            {"actor_id": r["actor_id"], "name": r["name"], "country": r["country"],
             "sector": r["sector"], "start": r["start"], "end": r["end"]})
    return by_event


def event_mention(row: Any, parts: dict[str, list[dict[str, Any]]]) -> EventMention:
    def participants(role: str) -> list[Participant]:
        return [Participant(ActorRef(p["actor_id"], p["name"], "unknown", p["country"],
                                     p["sector"]), p["start"], p["end"]) for p in parts[role]]

    return EventMention(
        doc_id=row["doc_id"], type=row["type"],
        evidence=Evidence(row["doc_id"], row["evidence_start"], row["evidence_end"],
                          row["evidence_text"]),
        trigger=(row["trigger_start"], row["trigger_end"]), source=participants("source"),
        target=participants("target"), mode=row["mode"], negated=bool(row["negated"]),
        modality=row["modality"], date=row["date"], date_precision=row["date_precision"],
        place=PlaceRef(**json.loads(row["place"])) if row["place"] else None,
        confidence=row["confidence"],
    )


