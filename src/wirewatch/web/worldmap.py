"""The world outline for the map: Natural Earth 110m countries (world-atlas, vendored in
static/vendor/world-atlas with its licence) decoded from TopoJSON to SVG paths once, cached.

Equirectangular projection on a 720×360 canvas: simple, and the dots need no more.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

WIDTH, HEIGHT = 720, 360
ATLAS = ("static", "vendor", "world-atlas", "countries-110m.json")


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * WIDTH / 360, (90 - lat) * HEIGHT / 180


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs are delta-encoded integers; the transform scales them back to lon/lat."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) for every country of the outline."""
    source = resources.files("wirewatch.web").joinpath(*ATLAS)
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        data = "".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        if data:
            paths.append((geometry.get("properties", {}).get("name", ""), data))
    return tuple(paths)
