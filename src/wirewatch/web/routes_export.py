"""Exports of every view (CSV, JSONL, Parquet; the network also as GEXF) under the same filters
as the pages, with no row cap and with citations; and the situation report as md/html/json."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from wirewatch.report.build import build_report
from wirewatch.report.html import render_html
from wirewatch.report.markdown import render_markdown
from wirewatch.store.export import write_csv, write_jsonl
from wirewatch.store.sqlite import Store
from wirewatch.views.contract import actor_rows
from wirewatch.views.documents import document_rows
from wirewatch.views.figure_charts import figure_export_rows
from wirewatch.views.filters import Filters
from wirewatch.views.network import edge_rows, gexf, network
from wirewatch.views.places import place_rows
from wirewatch.views.quote_list import export_rows as quote_export_rows
from wirewatch.views.timeline import contract_rows as timeline_rows
from wirewatch.web.params import FiltersDep, StoreDep

router = APIRouter(prefix="/api", tags=["exports"])
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet", "gexf": "application/xml"}


def _documents(store: Store, filters: Filters) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "snippet"}
            for r in document_rows(store, filters, limit=None)]


VIEWS: dict[str, Callable[[Store, Filters], list[dict[str, Any]]]] = {
    "documents": _documents,
    "actors": lambda store, _filters: list(actor_rows(store)),
    "timeline": timeline_rows,
    "network": lambda store, filters: edge_rows(network(store, filters, top=None)),
    "figures": figure_export_rows,
    "quotes": quote_export_rows,
    "places": place_rows,
}


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """Lists and objects as JSON text, so every CSV cell and Parquet column has one type."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
            for k, v in row.items()}


def _parquet(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.parquet"
        pq.write_table(pa.Table.from_pylist([_flat(r) for r in rows]), path)
        return path.read_bytes()


@router.get("/export/{view}", summary="A view's rows as csv, jsonl, parquet (network: gexf)")
def export(store: StoreDep, filters: FiltersDep, view: str,
           format: Annotated[str, Query(pattern="^(csv|jsonl|parquet|gexf)$")] = "jsonl"
           ) -> Response:
    if view not in VIEWS:
        raise HTTPException(404, f"no view {view!r}; one of {', '.join(VIEWS)}")
    if format == "gexf" and view != "network":
        raise HTTPException(400, "gexf is for the network only")
    name = f"wirewatch-{view}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "gexf":
        return Response(gexf(network(store, filters, top=None)), media_type=MEDIA[format],
                        headers=headers)
    rows = VIEWS[view](store, filters)
    if format == "parquet":
        return Response(_parquet(rows), media_type=MEDIA[format], headers=headers)
    out = io.StringIO()
    if format == "jsonl":
        write_jsonl(rows, out)
    else:
        fields = tuple(rows[0]) if rows else ("id",)
        write_csv((_flat(r) for r in rows), fields, out)
    return Response(out.getvalue(), media_type=MEDIA[format], headers=headers)


@router.get("/report", summary="Situation report for the filters: md, html or json")
def report(store: StoreDep, filters: FiltersDep,
           format: Annotated[str, Query(pattern="^(md|html|json)$")] = "json") -> Response:
    built = build_report(store, filters)
    if format == "md":
        return PlainTextResponse(render_markdown(built), media_type="text/markdown")
    if format == "html":
        return HTMLResponse(render_html(built, standalone=False))
    return JSONResponse(asdict(built))
