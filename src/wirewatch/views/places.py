"""Places: where events and figures happen, with counts and coordinates, each linking to facts.

Places come from the `place` JSON of events and figures ({name, country, admin1, lat, lon}); a
place without coordinates is still listed (and counted) but cannot be drawn on the map.
"""

from __future__ import annotations

import json
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.views.filters import Filters, sentence_start_sql, where
from wirewatch.views.timeline import event_conditions

EXAMPLES_PER_PLACE = 5


def places(store: Store, filters: Filters, *, limit: int | None = 200) -> list[dict[str, Any]]:
    """Places by number of facts, with up to EXAMPLES_PER_PLACE cited facts each."""
    event_sql, event_params = where([("e.place IS NOT NULL", []),
                                     *event_conditions(filters, store.dialect)])
    figure_sql, figure_params = where([
        ("f.place IS NOT NULL", []),
        *filters.facts(store.dialect, "COALESCE(f.as_of, d.published)",
                       actor_sql=("f.subject_id = ?", []), place_sql="f.place")])
    rows = store.query(
        "SELECT 'event' AS kind, e.type AS label, e.place, e.doc_id, e.evidence_start,"
        " e.evidence_end, e.evidence_text, d.title, d.published, d.seq, e.id AS fact_id,"
        f" {sentence_start_sql('e.doc_id', 'e.evidence_start')} AS sentence_start"
        " FROM events e JOIN documents d ON d.id = e.doc_id" + event_sql
        + " UNION ALL SELECT 'figure', f.measure, f.place, f.doc_id, f.evidence_start,"
        " f.evidence_end, f.evidence_text, d.title, d.published, d.seq, f.id,"
        f" {sentence_start_sql('f.doc_id', 'f.evidence_start')}"
        " FROM figures f JOIN documents d ON d.id = f.doc_id" + figure_sql
        # Events first, then figures, each in the order the documents were stored.
        + " ORDER BY kind, seq, evidence_start, fact_id",
        [*event_params, *figure_params])
    by_place: dict[tuple[str, str | None], dict[str, Any]] = {}
    for r in rows:
        place = json.loads(r["place"])
        key = (place.get("name") or "?", place.get("country"))
        entry = by_place.setdefault(key, {
            "name": key[0], "country": key[1], "admin1": place.get("admin1"),
            "lat": place.get("lat"), "lon": place.get("lon"), "n_events": 0, "n_figures": 0,
            "facts": []})
        entry["n_events" if r["kind"] == "event" else "n_figures"] += 1
        if limit is None or len(entry["facts"]) < EXAMPLES_PER_PLACE:
            entry["facts"].append({k: r[k] for k in (
                "kind", "label", "doc_id", "evidence_start", "evidence_end", "evidence_text",
                "title", "published", "sentence_start")})
    ranked = sorted(by_place.values(),
                    key=lambda p: (-(p["n_events"] + p["n_figures"]), p["name"]))
    return ranked if limit is None else ranked[:limit]


def place_rows(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Every place with all its cited facts, for exports."""
    return places(store, filters, limit=None)
