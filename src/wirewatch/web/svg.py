"""Server-side SVG for the network and the map; every label and link escaped."""

from __future__ import annotations

import math
from html import escape
from typing import Any
from urllib.parse import quote

from wirewatch.web.worldmap import HEIGHT, WIDTH, country_paths, project

NET_SIZE = 640


def network_svg(graph: dict[str, Any]) -> str:
    """Nodes on a circle (heaviest first), edges as lines whose width grows with weight; a
    node links to its expansion, an edge's tooltip names its type and weight."""
    nodes = graph["nodes"]
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="network" id="network"'
            f' viewBox="0 0 {NET_SIZE} {NET_SIZE}" role="img" aria-label="actor network">')
    if not nodes:
        return head + '<text x="20" y="40">no edges</text></svg>'
    centre, radius = NET_SIZE / 2, NET_SIZE / 2 - 90
    where = {n["id"]: (centre + radius * math.cos(2 * math.pi * i / len(nodes)),
                       centre + radius * math.sin(2 * math.pi * i / len(nodes)))
             for i, n in enumerate(nodes)}
    names = {n["id"]: n["name"] for n in nodes}
    parts = [head]
    for e in graph["edges"]:
        (x1, y1), (x2, y2) = where[e["source"]], where[e["target"]]
        label = escape(f"{names[e['source']]} {e['type']} {names[e['target']]} ×{e['weight']}")
        parts.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}"'
                     f' y2="{y2:.1f}" stroke-width="{min(1 + e["weight"], 8)}">'
                     f"<title>{label}</title></line>")
    top = max(n["weight"] for n in nodes) or 1
    for n in nodes:
        x, y = where[n["id"]]
        r = 4 + 10 * math.sqrt(n["weight"] / top)
        parts.append(f'<a href="/network?expand={escape(quote(n["id"], safe=""))}">'
                     f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
                     f'<title>{escape(n["name"])} ({n["weight"]})</title></circle>'
                     f'<text class="tick" x="{x:.1f}" y="{y - r - 3:.1f}"'
                     f' text-anchor="middle">{escape(n["name"])}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def map_svg(places: list[dict[str, Any]]) -> str:
    """The world outline with a dot per place (area by number of facts), each linking to the
    place's row of facts below the map."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" id="map"'
             f' viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="map of places">']
    parts += [f'<path class="country" d="{d}"><title>{escape(name)}</title></path>'
              for name, d in country_paths()]
    top = max((p["n_events"] + p["n_figures"] for p in places), default=1) or 1
    for n, p in enumerate(places, start=1):
        if p["lat"] is None or p["lon"] is None:
            continue
        x, y = project(p["lon"], p["lat"])
        r = 2 + 6 * math.sqrt((p["n_events"] + p["n_figures"]) / top)
        parts.append(f'<a href="#p{n}"><circle class="place" cx="{x:.1f}" cy="{y:.1f}"'
                     f' r="{r:.1f}"><title>{escape(p["name"])}: {p["n_events"]} events,'
                     f' {p["n_figures"]} figures</title></circle></a>')
    parts.append("</svg>")
    return "".join(parts)
