"""The resolve stage: from every document's mentions and role observations, the store's actors.

It rebuilds the `actors` and `actor_map` tables as a whole (a pure function of the stored
analyses plus the judgements), so re-running it after any ingest, analysis or correction gives
the same answer as a fresh run.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from wirewatch.actors.registry import Registry, UnknownActor
from wirewatch.store.sqlite import Store


@dataclass
class ActorRecord:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: set[str] = field(default_factory=set)
    roles: list[dict[str, Any]] = field(default_factory=list)
    mention_count: int = 0
    doc_ids: set[str] = field(default_factory=set)


ActorMap = dict[tuple[str, str], str | None]


def actor_map(store: Store) -> ActorMap:
    """(document, local actor id) -> store-wide actor id, or None for a rejected actor."""
    rows = store.query(
        "SELECT DISTINCT doc_id, local_actor_id FROM mentions WHERE local_actor_id IS NOT NULL"
        " UNION SELECT DISTINCT doc_id, local_actor_id FROM role_observations"
    )
    return {(r["doc_id"], r["local_actor_id"]): r["local_actor_id"] for r in rows}


_REPOINT = (
    "UPDATE mentions SET actor_id = (SELECT a.actor_id FROM actor_map a"
    " WHERE a.doc_id = mentions.doc_id AND a.local_id = mentions.local_actor_id)"
    " WHERE local_actor_id IS NOT NULL",
    "UPDATE role_observations SET actor_id = COALESCE((SELECT a.actor_id FROM actor_map a"
    " WHERE a.doc_id = role_observations.doc_id AND a.local_id = role_observations.local_actor_id),"
    " local_actor_id)",
    "UPDATE quotes SET speaker_id = (SELECT a.actor_id FROM actor_map a"
    " WHERE a.doc_id = quotes.doc_id AND a.local_id = quotes.speaker_local_id)"
    " WHERE speaker_local_id IS NOT NULL",
    "UPDATE figures SET subject_id = (SELECT a.actor_id FROM actor_map a"
    " WHERE a.doc_id = figures.doc_id AND a.local_id = figures.subject_local_id)"
    " WHERE subject_local_id IS NOT NULL",
    "UPDATE event_participants SET actor_id = COALESCE((SELECT a.actor_id FROM actor_map a"
    " JOIN events e ON e.doc_id = a.doc_id WHERE e.id = event_participants.event_row"
    " AND a.local_id = event_participants.local_actor_id), local_actor_id)",
)


def _repoint(store: Store, mapping: ActorMap) -> None:
    """Write the map and re-point every fact's store-wide actor column through it."""
    with store.transaction() as db:
        db.execute("DELETE FROM actor_map")
        db.executemany(
            "INSERT INTO actor_map (doc_id, local_id, actor_id) VALUES (?, ?, ?)",
            [(doc, local, final) for (doc, local), final in mapping.items() if final],
        )
        for statement in _REPOINT:
            db.execute(statement)


def _base_records(store: Store, registry: Registry) -> dict[str, ActorRecord]:
    records: dict[str, ActorRecord] = {}
    rows = store.query(
        "SELECT actor_id, text, doc_id FROM mentions WHERE actor_id IS NOT NULL"
    )
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        actor_id = row["actor_id"]
        record = records.get(actor_id)
        if record is None:
            try:
                entry = registry.get(actor_id)
                record = ActorRecord(entry.id, entry.name, entry.kind, entry.country,
                                     entry.sector, set(entry.aliases))
            except UnknownActor:
                record = ActorRecord(actor_id, actor_id, "person", None, None)
            records[actor_id] = record
        record.aliases.add(row["text"])
        record.mention_count += 1
        record.doc_ids.add(row["doc_id"])
        names[actor_id][row["text"]] += 1
    for actor_id, record in records.items():
        if record.kind == "person":
            # The longest form used is the person's name ("Harjit Sajjan", not "Sajjan").
            record.name = max(names[actor_id], key=lambda n: (len(n.split()), names[actor_id][n]))
    return records


def _roles(store: Store, records: dict[str, ActorRecord]) -> None:
    rows = store.query(
        "SELECT r.actor_id, r.title, r.organization, r.country, r.sector, r.doc_id, d.published"
        " FROM role_observations r JOIN documents d ON d.id = r.doc_id ORDER BY d.published"
    )
    grouped: dict[tuple[str, str | None, str | None, str | None], dict[str, Any]] = {}
    for row in rows:
        key = (row["actor_id"], row["title"], row["organization"], row["country"])
        role = grouped.setdefault(key, {"title": row["title"], "organization": row["organization"],
                                        "country": row["country"], "sector": row["sector"],
                                        "first_seen": None, "last_seen": None, "doc_ids": []})
        if row["doc_id"] not in role["doc_ids"]:
            role["doc_ids"].append(row["doc_id"])
        if row["published"]:
            role["first_seen"] = min(filter(None, [role["first_seen"], row["published"]]))
            role["last_seen"] = max(filter(None, [role["last_seen"], row["published"]]))
    for (actor_id, *_), role in grouped.items():
        record = records.get(actor_id)
        if record is None:
            continue
        record.roles.append(role)
    for record in records.values():
        if record.kind == "person" and record.roles:
            latest = max(record.roles, key=lambda r: (r["last_seen"] or "", len(r["doc_ids"])))
            record.country = record.country or latest["country"]
            record.sector = record.sector or latest["sector"]


def resolve(store: Store) -> dict[str, ActorRecord]:
    """Rebuild the store's actors from its mentions and roles; returns them by id."""
    _repoint(store, actor_map(store))
    records = _base_records(store, Registry.load())
    _roles(store, records)
    _store_actors(store, records)
    # Merging needs the store-wide actors: the same person across documents is one source.
    from wirewatch.resolve.events import merge_stored_events

    merge_stored_events(store)
    return records


def _store_actors(store: Store, records: dict[str, ActorRecord]) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM actors")
        db.executemany(
            "INSERT INTO actors (id, name, kind, country, sector, aliases, roles, mention_count,"
            " doc_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (r.id, r.name, r.kind, r.country, r.sector,
                 json.dumps(sorted(r.aliases - {r.name}), ensure_ascii=False),
                 json.dumps(r.roles, ensure_ascii=False), r.mention_count, len(r.doc_ids))
                for r in records.values()
            ],
        )
