"""Resolve events across documents: the same event told by several outlets becomes one."""

from __future__ import annotations

from dataclasses import replace

from wirewatch.extract.events_merge import PUBLICATION, mention_key, merge_events
from wirewatch.store.events import event_mention, participants_by_event
from wirewatch.store.sqlite import Store


def merge_stored_events(store: Store) -> int:
    """Group every stored event mention into merged events; returns how many there are."""
    parts = participants_by_event(store)
    rows = store.query(
        "SELECT e.*, COALESCE(d.duplicate_of, d.id) AS cluster, d.published, d.outlet"
        " FROM events e"
        " JOIN documents d ON d.id = e.doc_id ORDER BY d.seq, e.evidence_start, e.id"
    )
    mentions = [(r["doc_id"], event_mention(r, parts[r["id"]]), r["cluster"]) for r in rows]
    # An undated report is taken to be about the days before its publication, for matching
    # only: the stored event keeps date unknown.
    dated = [
        (doc_id, replace(m, date=r["published"], date_precision=PUBLICATION)
         if m.date is None and r["published"] and len(r["published"]) == 10 else m, cluster)
        for (doc_id, m, cluster), r in zip(mentions, rows, strict=True)
    ]
    merged = merge_events(dated, outlets={r["doc_id"]: r["outlet"] for r in rows})
    key_to_row = {mention_key(doc_id, m): r["id"] for (doc_id, m, _), r in zip(mentions, rows,
                                                                                strict=True)}
    with store.transaction() as db:
        db.execute("DELETE FROM merged_events")
        db.execute("UPDATE events SET event_id = NULL")
        for event in merged:
            db.execute(
                "INSERT INTO merged_events (id, type, date, date_precision, n_mentions,"
                " n_independent_sources) VALUES (?, ?, ?, ?, ?, ?)",
                (event.id, event.type, event.date, event.date_precision, event.n_mentions,
                 event.n_independent_sources),
            )
            db.executemany(
                "UPDATE events SET event_id = ? WHERE id = ?",
                [(event.id, key_to_row[k]) for k in event.mention_keys if k in key_to_row],
            )
    return len(merged)


