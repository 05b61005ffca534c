"""Reading stored event mentions back: participants per event row, EventMention objects."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.types import ActorRef, EventMention, Evidence, Participant, PlaceRef


def participants_by_event(store: Store) -> dict[str, dict[str, list[dict[str, Any]]]]:
    by_event: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"source": [], "target": []})
    rows = store.query(
        "SELECT p.event_row, p.role, p.actor_id, COALESCE(a.name, p.name) AS name, a.country,"
        " a.sector, p.start, p.end FROM event_participants p"
        " LEFT JOIN actors a ON a.id = p.actor_id WHERE p.actor_id IS NOT NULL"
        " ORDER BY p.event_row, p.role, p.position"
    )
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


