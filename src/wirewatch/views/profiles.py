"""The actor profile as the desk shows it: identity, aliases, roles over time, quotes by the
actor, events with the actor as source and as target, co-occurring actors and documents."""

from __future__ import annotations

from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.views.actors import actor_profile
from wirewatch.views.filters import Filters, sentence_start_sql
from wirewatch.views.quote_list import quote_rows


def profile(store: Store, name: str, *, limit: int = 50) -> dict[str, Any]:
    """Everything the store says about one actor (raises ActorNotFound)."""
    base = actor_profile(store, name, limit=limit)
    actor_id = base.actor["id"]
    roles = sorted(base.actor["roles"], key=lambda r: (r.get("first_seen") or "",
                                                      r.get("title") or ""))
    return {
        "actor": {**base.actor, "roles": roles},
        "documents": base.documents,
        "co_occurring": base.co_occurring,
        "quotes": quote_rows(store, Filters(actor=actor_id), limit=limit),
        "events_as_source": _events(store, actor_id, "source", limit),
        "events_as_target": _events(store, actor_id, "target", limit),
    }


def _events(store: Store, actor_id: str, role: str, limit: int) -> list[dict[str, Any]]:
    counterparts = store.dialect.string_agg("COALESCE(a.name, o.name)", "; ", "o.role, o.position")
    rows = store.query(
        "SELECT e.id, e.event_id, e.type, e.doc_id, COALESCE(e.date, d.published) AS date,"
        " e.evidence_start, e.evidence_end, e.evidence_text, d.title, d.outlet,"
        f" (SELECT {counterparts}"
        " FROM event_participants o"
        "  LEFT JOIN actors a ON a.id = o.actor_id WHERE o.event_row = e.id AND o.role != ?)"
        " AS counterparts,"
        f" {sentence_start_sql('e.doc_id', 'e.evidence_start')} AS sentence_start"
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        " WHERE EXISTS (SELECT 1 FROM event_participants p WHERE p.event_row = e.id"
        "  AND p.role = ? AND p.actor_id = ?)"
        " ORDER BY COALESCE(e.date, d.published) NULLS FIRST, d.seq, e.evidence_start, e.id"
        " LIMIT ?",
        (role, role, actor_id, limit))
    return [dict(r) for r in rows]
