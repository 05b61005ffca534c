"""The resolve stage: from every document's mentions and role observations, the store's actors.

People are consolidated across documents (`actors.consolidate`: one actor per person, roles
over time), then the human judgements are applied in the order they were made. Registry actors
(countries, IGOs, armed groups, bodies) keep their ids; judgements can reject, merge or alias
them too. The outcome is written as `actor_map` (document's local id → store-wide id) and every
fact's store-wide actor column is re-pointed through it. The stage is a pure function of the
stored analyses and judgements, so re-running it always gives the same answer.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wirewatch.actors.consolidate import (
    ActorBook,
    DocumentPeople,
    PersonMention,
    consolidate,
)
from wirewatch.actors.judgements import ACTIONS as PERSON_ACTIONS
from wirewatch.actors.judgements import Judgement, apply_judgements
from wirewatch.actors.registry import Registry, UnknownActor
from wirewatch.actors.roles import RoleObservation
from wirewatch.store.sqlite import Store, utcnow

ActorMap = dict[tuple[str, str], str | None]
JUDGEMENT_ACTIONS = ("merge", "split", "alias", "reject")


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


@dataclass
class ResolveReport:
    actors: dict[str, ActorRecord]
    unapplied: list[tuple[Judgement, str]]


def add_judgement(store: Store, action: str, subject: str, obj: str | None = None,
                  note: str | None = None) -> int:
    """Record a human correction; it is applied by every resolve from now on."""
    if action not in JUDGEMENT_ACTIONS:
        raise ValueError(f"unknown judgement {action!r}; one of {', '.join(JUDGEMENT_ACTIONS)}")
    with store.transaction() as db:
        row = db.execute(
            "INSERT INTO judgements (action, subject, object, note, created_at)"
            " VALUES (?, ?, ?, ?, ?) RETURNING id",
            (action, subject, obj, note, utcnow()),
        ).fetchone()
        return int(row[0])


def judgements(store: Store) -> list[Judgement]:
    rows = store.query("SELECT action, subject, object, created_at FROM judgements ORDER BY id")
    return [Judgement(r["action"], r["subject"], r["object"], r["created_at"]) for r in rows]


def _document_people(store: Store) -> list[DocumentPeople]:
    rows = store.query("SELECT id, published FROM documents")
    published = {r["id"]: r["published"] for r in rows}
    people: dict[str, DocumentPeople] = {}

    def of(doc_id: str) -> DocumentPeople:
        if doc_id not in people:
            people[doc_id] = DocumentPeople(doc_id, published.get(doc_id), [], [])
        return people[doc_id]

    for r in store.query(
        "SELECT doc_id, local_actor_id, local_name, start, end FROM mentions"
        " WHERE local_actor_id LIKE 'person:%' ORDER BY doc_id, start"
    ):
        of(r["doc_id"]).mentions.append(
            PersonMention(r["local_name"] or r["local_actor_id"], r["local_actor_id"],
                          r["start"], r["end"]))
    for r in store.query("SELECT * FROM role_observations ORDER BY doc_id, start"):
        of(r["doc_id"]).roles.append(RoleObservation(
            r["doc_id"], r["name"], r["title"] or "", r["organization"], r["country"],
            r["sector"], r["start"], r["end"], r["local_actor_id"],
            tuple(s for s in (r["sectors"] or "").split(",") if s)))
    return list(people.values())


def _registry_record(registry: Registry, actor_id: str) -> ActorRecord:
    try:
        entry = registry.get(actor_id)
    except UnknownActor:
        return ActorRecord(actor_id, actor_id, "organization", None, None)
    return ActorRecord(entry.id, entry.name, entry.kind, entry.country, entry.sector,
                       set(entry.aliases))


def _other_judgements(
    mapping: ActorMap, records: dict[str, ActorRecord], judged: Iterable[Judgement]
) -> list[tuple[Judgement, str]]:
    """Judgements on registry actors: reject, merge into another actor, add an alias."""
    def find(ref: str) -> str | None:
        if ref in records:
            return ref
        matches = [r.id for r in records.values()
                   if r.name.lower() == ref.lower() or ref.lower() in map(str.lower, r.aliases)]
        return matches[0] if len(matches) == 1 else None

    unapplied = []
    for j in judged:
        subject = find(j.subject)
        if subject is None:
            unapplied.append((j, f"no actor {j.subject!r}"))
            continue
        if j.action == "reject":
            for key, held in mapping.items():
                if held == subject:
                    mapping[key] = None
            records.pop(subject)
        elif j.action == "merge" and j.object and (target := find(j.object)):
            if target == subject:
                unapplied.append((j, f"{j.subject!r} and {j.object!r} are already one actor"))
                continue
            for key, held in mapping.items():
                if held == subject:
                    mapping[key] = target
            merged = records.pop(subject)
            records[target].aliases |= merged.aliases | {merged.name}
        elif j.action == "alias" and j.object:
            records[subject].aliases.add(j.object)
        else:
            unapplied.append((j, f"{j.action} needs an existing object"))
    return unapplied


def _person_records(book: ActorBook) -> dict[str, ActorRecord]:
    records = {}
    for actor in book.actors.values():
        roles = [{"title": r.title, "organization": r.organization, "country": r.country,
                  "sector": r.sector, "first_seen": r.first_seen, "last_seen": r.last_seen,
                  "doc_ids": r.doc_ids} for r in actor.roles]
        records[actor.id] = ActorRecord(actor.id, actor.name, "person", actor.country,
                                        actor.sector, set(actor.aliases), roles)
    return records


def resolve(store: Store) -> ResolveReport:
    """Rebuild the store's actors and re-point every fact; returns them and stale judgements."""
    registry = Registry.load()
    all_judgements = judgements(store)
    book = consolidate(_document_people(store))
    person_judgements = [j for j in all_judgements if j.action in PERSON_ACTIONS]
    book = apply_judgements(book, person_judgements)
    mapping: ActorMap = dict(book.mapping)
    records = _person_records(book)
    for r in store.query("SELECT DISTINCT doc_id, local_actor_id FROM mentions"
                         " WHERE local_actor_id IS NOT NULL"
                         " AND local_actor_id NOT LIKE 'person:%'"):
        mapping[(r["doc_id"], r["local_actor_id"])] = r["local_actor_id"]
        if r["local_actor_id"] not in records:
            records[r["local_actor_id"]] = _registry_record(registry, r["local_actor_id"])
    stale = [(j, reason) for j, reason in book.unapplied if not reason.startswith("no actor")]
    leftover = [j for j, reason in book.unapplied if reason.startswith("no actor")]
    stale += _other_judgements(mapping, records, leftover)
    _repoint(store, mapping)
    _count(store, records)
    _store_actors(store, records)
    # Merging needs the store-wide actors: the same person across documents is one source.
    from wirewatch.resolve.events import merge_stored_events

    merge_stored_events(store)
    return ResolveReport(records, stale)


_REPOINT = (
    "UPDATE mentions SET actor_id = (SELECT a.actor_id FROM actor_map a"
    " WHERE a.doc_id = mentions.doc_id AND a.local_id = mentions.local_actor_id)"
    " WHERE local_actor_id IS NOT NULL",
    # A map row with a NULL actor is a rejection: the fact keeps its local id but no actor.
    "UPDATE role_observations SET actor_id = CASE WHEN EXISTS (SELECT 1 FROM actor_map a"
    " WHERE a.doc_id = role_observations.doc_id AND a.local_id = role_observations.local_actor_id)"
    " THEN (SELECT a.actor_id FROM actor_map a WHERE a.doc_id = role_observations.doc_id"
    " AND a.local_id = role_observations.local_actor_id) ELSE local_actor_id END",
    "UPDATE quotes SET speaker_id = (SELECT a.actor_id FROM actor_map a"
    " WHERE a.doc_id = quotes.doc_id AND a.local_id = quotes.speaker_local_id)"
    " WHERE speaker_local_id IS NOT NULL",
    "UPDATE figures SET subject_id = (SELECT a.actor_id FROM actor_map a"
    " WHERE a.doc_id = figures.doc_id AND a.local_id = figures.subject_local_id)"
    " WHERE subject_local_id IS NOT NULL",
    "UPDATE event_participants SET actor_id = CASE WHEN EXISTS (SELECT 1 FROM actor_map a"
    " JOIN events e ON e.doc_id = a.doc_id WHERE e.id = event_participants.event_row"
    " AND a.local_id = event_participants.local_actor_id) THEN (SELECT a.actor_id"
    " FROM actor_map a JOIN events e ON e.doc_id = a.doc_id"
    " WHERE e.id = event_participants.event_row AND a.local_id = event_participants.local_actor_id)"
    " ELSE local_actor_id END",
)


def _repoint(store: Store, mapping: ActorMap) -> None:
    """Write the map and re-point every fact's store-wide actor column through it."""
    with store.transaction() as db:
        db.execute("DELETE FROM actor_map")
        db.executemany(
            "INSERT INTO actor_map (doc_id, local_id, actor_id) VALUES (?, ?, ?)",
            [(doc, local, final) for (doc, local), final in mapping.items()],
        )
        for statement in _REPOINT:
            db.execute(statement)


def _count(store: Store, records: dict[str, ActorRecord]) -> None:
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for row in store.query("SELECT actor_id, text, doc_id FROM mentions"
                           " WHERE actor_id IS NOT NULL"):
        record = records.get(row["actor_id"])
        if record is None:
            continue
        record.mention_count += 1
        record.doc_ids.add(row["doc_id"])
        surfaces[record.id][row["text"]] += 1
    for actor_id, counter in surfaces.items():
        records[actor_id].aliases |= set(counter)
    for actor_id in [a for a, r in records.items() if r.mention_count == 0]:
        del records[actor_id]


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
