"""The timeline: merged events in date order, each citing the mentions that report it.

An item is one merged event (the resolve stage's `merged_events`), so an event told by five
articles appears once with its five mentions and its count of independent sources (wire copies
count once). Event mentions the merge left out (negated, hypothetical) are not events that
happened and stay off the timeline. Day-precision dates are points; month, week, season and year
precision are ranges over the period; undated events fall back to their article's date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from wirewatch.extract.timex_calendar import to_interval
from wirewatch.store.base import BaseStore as Store
from wirewatch.store.dialect import Dialect
from wirewatch.views.filters import Condition, Filters, page, sentence_start_sql, where

EVENT_DATE = "COALESCE(e.date, d.published)"
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def event_conditions(filters: Filters, dialect: Dialect) -> list[Condition]:
    """The shared filters applied to an event mention `e` of a document `d`."""
    return filters.facts(
        dialect, EVENT_DATE,
        actor_sql=("EXISTS (SELECT 1 FROM event_participants fp WHERE fp.event_row = e.id"
                   " AND fp.actor_id = ?)", []),
        place_sql="e.place", type_sql="e.type")


def _span(date: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """First and last day an event date covers (equal for a point): the TimeML value's own
    period (a week Monday to Sunday, a season, a quarter), and for a day known only from the
    report ("publication" precision) the month around it."""
    if not date:
        return None, None
    if precision != "day" and _DAY.fullmatch(date):
        date = date[:7]
    interval = to_interval(date)
    if interval is None:
        return date, date
    return interval[0].isoformat(), interval[1].isoformat()


def timeline(store: Store, filters: Filters, *, limit: int | None = 50,
             offset: int = 0) -> list[dict[str, Any]]:
    """Merged events with at least one mention matching the filters, oldest first."""
    sql, params = where([("e.event_id IS NOT NULL", []), *event_conditions(filters, store.dialect)])
    paging, paging_params = page(limit, offset)
    merged = store.query(
        "SELECT m.id, m.type, m.date, m.date_precision, m.n_mentions, m.n_independent_sources"
        " FROM merged_events m WHERE m.id IN (SELECT e.event_id FROM events e"
        " JOIN documents d ON d.id = e.doc_id" + sql + ")"
        " ORDER BY m.date IS NULL, m.date, m.id" + paging,
        [*params, *paging_params],
    )
    ids = [r["id"] for r in merged]
    mentions = _mentions(store, ids)
    items = []
    for row in merged:
        item = dict(row)
        item["mentions"] = mentions.get(row["id"], [])
        date = row["date"]
        precision = row["date_precision"]
        if not date and item["mentions"]:
            date, precision = item["mentions"][0]["published"], "publication"
        item["start"], item["end"] = _span(date, precision)
        item["point"] = item["start"] == item["end"]
        item["actors"] = _actors(item["mentions"])
        # A promise or plan every report tells as such ("promised to remove six CF-18s") must
        # not read as done; negated and hypothetical mentions never merge into the timeline.
        item["intended"] = bool(item["mentions"]) and all(
            m["modality"] == "intended" for m in item["mentions"])
        items.append(item)
    return items


def _mentions(store: Store, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not event_ids:
        return by_event
    marks = ",".join("?" * len(event_ids))
    rows = store.query(
        "SELECT e.id, e.event_id, e.doc_id, e.type, e.mode, e.date, e.place, e.modality,"
        " e.evidence_start,"
        " e.evidence_end, e.evidence_text, d.title, d.outlet, d.published,"
        f" {sentence_start_sql('e.doc_id', 'e.evidence_start')} AS sentence_start"
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        f" WHERE e.event_id IN ({marks}) ORDER BY d.published NULLS FIRST, d.seq, e.evidence_start,"
        " e.id",
        event_ids,
    )
    rows_by_id = {r["id"]: dict(r) for r in rows}
    participants = store.query(
        "SELECT p.event_row, p.role, p.actor_id, COALESCE(a.name, p.name) AS name"
        " FROM event_participants p LEFT JOIN actors a ON a.id = p.actor_id"
        f" WHERE p.event_row IN ({','.join('?' * len(rows_by_id))}) ORDER BY p.position",
        list(rows_by_id),
    ) if rows_by_id else []
    for record in rows_by_id.values():
        record["source"], record["target"] = [], []
    for p in participants:
        rows_by_id[p["event_row"]][p["role"]].append({"actor_id": p["actor_id"],
                                                      "name": p["name"]})
    for record in rows_by_id.values():
        by_event[record["event_id"]].append(record)
    return by_event


def _actors(mentions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Sources and targets named by any mention, each once, in first-seen order."""
    seen: dict[str, dict[str, dict[str, Any]]] = {"source": {}, "target": {}}
    for mention in mentions:
        for role in ("source", "target"):
            for actor in mention[role]:
                seen[role].setdefault(actor["actor_id"] or actor["name"], actor)
    return {role: list(actors.values()) for role, actors in seen.items()}


def contract_rows(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Timeline items flattened for export: one row per event, mentions as citations."""
    return [
        {"id": item["id"], "type": item["type"], "date": item["date"],
         "date_precision": item["date_precision"], "start": item["start"], "end": item["end"],
         "n_mentions": item["n_mentions"], "n_independent_sources": item["n_independent_sources"],
         "source": [a["name"] for a in item["actors"]["source"]],
         "target": [a["name"] for a in item["actors"]["target"]],
         "citations": [{"doc_id": m["doc_id"], "title": m["title"], "outlet": m["outlet"],
                        "published": m["published"], "start": m["evidence_start"],
                        "end": m["evidence_end"], "text": m["evidence_text"]}
                       for m in item["mentions"]]}
        for item in timeline(store, filters, limit=None)
    ]
