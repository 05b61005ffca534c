"""Actor views: find an actor by id, name or alias, and its profile (roles, documents, mentions)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from wirewatch.store.base import BaseStore as Store


class ActorNotFound(LookupError):
    pass


@dataclass
class ActorProfile:
    actor: dict[str, Any]
    documents: list[dict[str, Any]]
    co_occurring: list[dict[str, Any]]


def _decoded(row: Any) -> dict[str, Any]:
    record = dict(row)
    record["aliases"] = json.loads(record["aliases"])
    record["roles"] = json.loads(record["roles"])
    return record


def find_actor(store: Store, name: str) -> dict[str, Any]:
    """The actor whose id, name or alias is `name` (case-insensitive), most mentioned first."""
    rows = store.query(
        "SELECT * FROM actors WHERE id = ? OR lower(name) = lower(?)"
        f" OR EXISTS (SELECT 1 FROM {store.dialect.json_array_values('actors.aliases')}"
        " WHERE lower(value) = lower(?))"
        " ORDER BY mention_count DESC LIMIT 1",
        (name, name, name),
    )
    if not rows:
        rows = store.query(
            "SELECT * FROM actors WHERE lower(name) LIKE '%' || lower(?) || '%'"
            " ORDER BY mention_count DESC LIMIT 1",
            (name,),
        )
    if not rows:
        raise ActorNotFound(f"no actor named {name!r}")
    return _decoded(rows[0])


def list_actors(
    store: Store, *, kind: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT * FROM actors WHERE (? IS NULL OR kind = ?)"
        " ORDER BY doc_count DESC, mention_count DESC, id LIMIT ? OFFSET ?",
        (kind, kind, limit, offset),
    )
    return [_decoded(r) for r in rows]


def actor_profile(store: Store, name: str, *, limit: int = 50) -> ActorProfile:
    actor = find_actor(store, name)
    documents = store.query(
        "SELECT d.id, d.title, d.outlet, d.published, COUNT(*) AS mentions"
        " FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.actor_id = ?"
        " GROUP BY d.id ORDER BY d.published DESC NULLS LAST, d.seq LIMIT ?",
        (actor["id"], limit),
    )
    co_occurring = store.query(
        "SELECT a.id, a.name, a.kind, COUNT(DISTINCT m2.doc_id) AS documents"
        " FROM (SELECT DISTINCT doc_id FROM mentions WHERE actor_id = ?) own"
        " JOIN mentions m2 ON m2.doc_id = own.doc_id"
        " JOIN actors a ON a.id = m2.actor_id WHERE a.id != ?"
        " GROUP BY a.id ORDER BY documents DESC, a.id LIMIT 20",
        (actor["id"], actor["id"]),
    )
    return ActorProfile(actor, [dict(r) for r in documents], [dict(r) for r in co_occurring])
