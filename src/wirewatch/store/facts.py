"""Writing one document's analysis (parse, mentions, roles, events, quotes, figures) atomically.

A document's facts are replaced as a whole: re-running the analysis of a document deletes what
the previous run stored for it in the same transaction that stores the new results.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from wirewatch.store.base import BaseStore as Store
from wirewatch.types import (
    ActorRef,
    EventMention,
    FigureMention,
    PlaceRef,
    QuoteMention,
    ResolvedMention,
)

# The table each extractor fills: an extractor that failed on a document keeps what an earlier
# run stored for it instead of replacing it with nothing.
EXTRACTOR_TABLES = {"roles": "role_observations", "quotes": "quotes", "figures": "figures"}


@dataclass(frozen=True)
class RoleRow:
    actor_id: str
    name: str
    title: str | None
    organization: str | None
    country: str | None
    sector: str | None
    start: int
    end: int
    sectors: tuple[str, ...] = ()


@dataclass
class DocumentAnalysis:
    doc_id: str
    model: str
    parse: bytes
    sentences: list[tuple[int, int]]
    mentions: list[ResolvedMention]
    roles: list[RoleRow] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)


def fact_id(kind: str, doc_id: str, *parts: Any) -> str:
    """Stable across re-runs of the same input: a hash of the document and the fact's anchor."""
    key = json.dumps([kind, doc_id, *parts], ensure_ascii=False)
    return kind[0] + hashlib.sha256(key.encode()).hexdigest()[:19]


def actor_json(actor: ActorRef | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"actor_id": actor.actor_id, "name": actor.name, "country": actor.country,
            "sector": actor.sector}


def event_row_id(doc_id: str, event: EventMention) -> str:
    return fact_id("event", doc_id, event.evidence.start, event.trigger, event.type,
                   [p.actor.actor_id for p in event.source],
                   [p.actor.actor_id for p in event.target])


def _participant_rows(row_id: str, event: EventMention) -> list[tuple[Any, ...]]:
    rows = []
    for role, participants in (("source", event.source), ("target", event.target)):
        for position, p in enumerate(participants):
            rows.append((row_id, role, position, p.actor.actor_id, p.actor.actor_id,
                         p.actor.name, p.start, p.end))
    return rows


def _place(place: PlaceRef | None) -> str | None:
    if place is None:
        return None
    return json.dumps({"name": place.name, "country": place.country, "admin1": place.admin1,
                       "lat": place.lat, "lon": place.lon}, ensure_ascii=False)


def _replacing(table: str, columns: str, key: str) -> str:
    """An INSERT that replaces the row with the same key (portable: SQLite and PostgreSQL)."""
    names = [c.strip() for c in columns.split(",")]
    keys = {k.strip() for k in key.split(",")}
    updates = ", ".join(f"{c} = excluded.{c}" for c in names if c not in keys)
    values = ", ".join("?" for _ in names)
    return (f"INSERT INTO {table} ({columns}) VALUES ({values})"  # noqa: S608 - fixed names
            f" ON CONFLICT ({key}) DO UPDATE SET {updates}")


def save_analysis(store: Store, analysis: DocumentAnalysis, *, keep: set[str] = frozenset()
                  ) -> None:
    """Replace the document's analysis; the facts of extractors named in `keep` stay as they
    were (those extractors failed this time)."""
    doc_id = analysis.doc_id
    with store.transaction() as db:
        if "events" not in keep:
            db.execute("DELETE FROM event_participants WHERE event_row IN"
                       " (SELECT id FROM events WHERE doc_id = ?)", (doc_id,))
            db.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
        tables = ["mentions", "sentences"] + [
            table for name, table in EXTRACTOR_TABLES.items() if name not in keep]
        for table in tables:
            db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))  # noqa: S608 - fixed names
        db.execute(
            _replacing("parses", "doc_id, model, data, n_sentences", "doc_id"),
            (doc_id, analysis.model, analysis.parse, len(analysis.sentences)),
        )
        db.executemany(
            "INSERT INTO sentences (doc_id, idx, start, end) VALUES (?, ?, ?, ?)",
            [(doc_id, i, s, e) for i, (s, e) in enumerate(analysis.sentences)],
        )
        db.executemany(
            "INSERT INTO mentions (doc_id, start, end, text, label, sentence,"
            " local_actor_id, local_name, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [(doc_id, m.start, m.end, m.text, m.label, m.sentence,
              m.actor.actor_id if m.actor else None, m.actor.name if m.actor else None,
              m.actor.actor_id if m.actor else None)
             for m in analysis.mentions],
        )
        db.executemany(
            "INSERT INTO role_observations (doc_id, local_actor_id, actor_id, name,"
            " title, organization, country, sector, sectors, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(doc_id, r.actor_id, r.actor_id, r.name, r.title, r.organization, r.country,
              r.sector, ",".join(r.sectors), r.start, r.end) for r in analysis.roles],
        )
        db.executemany(
            _replacing("events", "id, doc_id, type, mode, negated, modality, date,"
                       " date_precision, place, evidence_start, evidence_end, evidence_text,"
                       " trigger_start, trigger_end, confidence", "id"),
            [
                (
                    event_row_id(doc_id, e), doc_id, e.type, e.mode, int(e.negated), e.modality,
                    e.date, e.date_precision, _place(e.place), e.evidence.start,
                    e.evidence.end, e.evidence.text, e.trigger[0], e.trigger[1], e.confidence,
                )
                for e in analysis.events
            ],
        )
        db.executemany(
            _replacing("event_participants", "event_row, role, position, local_actor_id,"
                       " actor_id, name, start, end", "event_row, role, position"),
            [row for e in analysis.events for row in _participant_rows(event_row_id(doc_id, e), e)],
        )
        db.executemany(
            _replacing("quotes", "id, doc_id, speaker_local_id, speaker_id, speaker_name,"
                       " speaker_role, speaker_start, speaker_end, text, kind, cue,"
                       " content_start, content_end, evidence_start, evidence_end", "id"),
            [
                (
                    fact_id("quote", doc_id, q.content, q.speaker_span, q.cue_span),
                    doc_id,
                    q.speaker.actor_id if q.speaker else None,
                    q.speaker.actor_id if q.speaker else None,
                    q.speaker.name if q.speaker else q.speaker_text,
                    q.speaker_role,
                    q.speaker_span[0] if q.speaker_span else None,
                    q.speaker_span[1] if q.speaker_span else None,
                    q.text, q.kind, q.cue, q.content[0], q.content[1],
                    q.evidence.start, q.evidence.end,
                )
                for q in analysis.quotes
            ],
        )
        db.executemany(
            _replacing("figures", "id, doc_id, subject_local_id, subject_id, subject_name,"
                       " measure, value, low, high, qualifier, unit, as_of, as_of_precision,"
                       " place, span_start, span_end, evidence_start, evidence_end,"
                       " evidence_text", "id"),
            [
                (
                    fact_id("figure", doc_id, f.span, f.measure),
                    doc_id,
                    f.subject.actor_id if f.subject else None,
                    f.subject.actor_id if f.subject else None,
                    f.subject.name if f.subject else None,
                    f.measure, f.value, f.low, f.high, f.qualifier, f.unit, f.as_of,
                    f.as_of_precision, _place(f.place), f.span[0], f.span[1],
                    f.evidence.start, f.evidence.end, f.evidence.text,
                )
                for f in analysis.figures
            ],
        )


def documents_to_analyze(store: Store, *, redo: bool = False) -> list[str]:
    """Ids of documents whose analysis is missing or failed since it last succeeded (all
    documents with `redo`), in ingest order."""
    if redo:
        rows = store.query("SELECT id FROM documents ORDER BY seq")
    else:
        rows = store.query(
            "SELECT id FROM documents d WHERE NOT EXISTS ("
            "  SELECT 1 FROM ledger ok WHERE ok.doc_id = d.id AND ok.stage = 'analyze'"
            "  AND ok.status = 'ok' AND NOT EXISTS ("
            "    SELECT 1 FROM ledger bad WHERE bad.doc_id = d.id AND bad.status = 'failed'"
            "    AND bad.stage != 'store' AND bad.run_id > ok.run_id))"
            " ORDER BY seq"
        )
    return [r["id"] for r in rows]


def document_for_analysis(store: Store, doc_id: str) -> dict[str, Any]:
    row = store.query(
        "SELECT d.id, d.text, d.published, d.outlet, d.dateline, p.data AS parse, p.model"
        " FROM documents d LEFT JOIN parses p ON p.doc_id = d.id WHERE d.id = ?",
        (doc_id,),
    )[0]
    return dict(row)
