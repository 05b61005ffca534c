"""The actor network: actors linked by the events between them, typed and weighted, with the
sentences that back every edge.

An edge is (source actor, target actor, event type); its weight counts the event mentions behind
it. The view is capped: the `top` heaviest edges, or, when `expand` names an actor, that actor's
`top` heaviest edges, so a large store never returns a hairball.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from xml.sax.saxutils import quoteattr

from wirewatch.store.base import BaseStore as Store
from wirewatch.views.filters import Filters, sentence_start_sql, where
from wirewatch.views.timeline import event_conditions

EVIDENCE_PER_EDGE = 5


def network(store: Store, filters: Filters, *, top: int | None = 50,
            expand: str | None = None) -> dict[str, Any]:
    """Nodes and edges; each edge lists up to EVIDENCE_PER_EDGE citations (all in exports)."""
    conditions = [("s.actor_id != t.actor_id", []), *event_conditions(filters, store.dialect)]
    if expand:
        conditions.append(("(s.actor_id = ? OR t.actor_id = ?)", [expand, expand]))
    sql, params = where(conditions)
    rows = store.query(
        "SELECT s.actor_id AS source, t.actor_id AS target, e.type, e.id AS event_row,"
        " e.doc_id, e.evidence_start, e.evidence_end, e.evidence_text, d.title, d.outlet,"
        f" d.published, {sentence_start_sql('e.doc_id', 'e.evidence_start')} AS sentence_start"
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        " JOIN event_participants s ON s.event_row = e.id AND s.role = 'source'"
        " JOIN event_participants t ON t.event_row = e.id AND t.role = 'target'"
        + sql + " ORDER BY d.published NULLS FIRST, d.seq, e.evidence_start, e.id", params)
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["source"], r["target"], r["type"])
        edge = edges.setdefault(key, {"source": r["source"], "target": r["target"],
                                      "type": r["type"], "weight": 0, "evidence": []})
        edge["weight"] += 1
        edge["evidence"].append({k: r[k] for k in (
            "doc_id", "title", "outlet", "published", "evidence_start", "evidence_end",
            "evidence_text", "sentence_start")})
    ranked = sorted(edges.values(), key=lambda e: (-e["weight"], e["source"], e["target"],
                                                   e["type"]))
    kept = ranked if top is None else ranked[:top]
    if top is not None:
        for edge in kept:
            edge["evidence"] = edge["evidence"][:EVIDENCE_PER_EDGE]
    return {"nodes": _nodes(store, kept), "edges": kept, "n_edges_total": len(ranked)}


def _nodes(store: Store, edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge["source"]] += edge["weight"]
        degree[edge["target"]] += edge["weight"]
    if not degree:
        return []
    ids = sorted(degree)
    rows = store.query(f"SELECT id, name, kind, country FROM actors WHERE id IN"
                       f" ({','.join('?' * len(ids))})", ids)
    known = {r["id"]: dict(r) for r in rows}
    return sorted(
        ({**known.get(i, {"id": i, "name": i, "kind": None, "country": None}),
          "weight": degree[i]} for i in ids),
        key=lambda n: (-n["weight"], n["id"]))


def edge_rows(graph: dict[str, Any]) -> list[dict[str, Any]]:
    """Edges flattened for CSV/JSONL/Parquet: one row per edge, its citations nested."""
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    return [{"source": e["source"], "source_name": names.get(e["source"]),
             "target": e["target"], "target_name": names.get(e["target"]), "type": e["type"],
             "weight": e["weight"],
             "citations": [{"doc_id": c["doc_id"], "start": c["evidence_start"],
                            "end": c["evidence_end"], "text": c["evidence_text"]}
                           for c in e["evidence"]]}
            for e in graph["edges"]]


def gexf(graph: dict[str, Any]) -> str:
    """The graph as GEXF 1.3 (Gephi), edges typed and weighted, first citation as a label."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
             '<graph defaultedgetype="directed" mode="static">',
             '<attributes class="edge"><attribute id="type" title="type" type="string"/>'
             '<attribute id="evidence" title="evidence" type="string"/></attributes>',
             '<attributes class="node"><attribute id="kind" title="kind" type="string"/>'
             '</attributes>', "<nodes>"]
    for node in graph["nodes"]:
        lines.append(f'<node id={quoteattr(node["id"])} label={quoteattr(node["name"])}>'
                     f'<attvalues><attvalue for="kind" value={quoteattr(node["kind"] or "")}/>'
                     "</attvalues></node>")
    lines.append("</nodes><edges>")
    for number, edge in enumerate(graph["edges"]):
        first = edge["evidence"][0] if edge["evidence"] else None
        cite = (f'{first["doc_id"]}@{first["evidence_start"]}-{first["evidence_end"]}: '
                f'{first["evidence_text"]}') if first else ""
        lines.append(f'<edge id="{number}" source={quoteattr(edge["source"])}'
                     f' target={quoteattr(edge["target"])} weight="{edge["weight"]}"'
                     f' label={quoteattr(edge["type"])}><attvalues>'
                     f'<attvalue for="type" value={quoteattr(edge["type"])}/>'
                     f'<attvalue for="evidence" value={quoteattr(cite)}/></attvalues></edge>')
    lines.append("</edges></graph></gexf>")
    return "\n".join(lines) + "\n"
