"""The HTML pages: each renders the same view function as its JSON twin under /api."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from wirewatch.report.build import build_report
from wirewatch.report.charts import histogram_svg, series_svg
from wirewatch.report.html import render_html
from wirewatch.views.actors import find_actor, list_actors
from wirewatch.views.documents import reader
from wirewatch.views.figure_charts import available_series, chart_series, key_series
from wirewatch.views.network import network
from wirewatch.views.places import places
from wirewatch.views.profiles import profile
from wirewatch.views.quote_list import quote_rows, speakers
from wirewatch.views.status import status
from wirewatch.views.timeline import timeline
from wirewatch.web.highlight import sentences
from wirewatch.web.params import FiltersDep, PagingDep, StoreDep
from wirewatch.web.routes_api import search_data
from wirewatch.web.svg import map_svg, network_svg
from wirewatch.web.templating import page

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, filters: FiltersDep,
                paging: PagingDep) -> HTMLResponse:
    data = search_data(store, filters, paging)
    return page(request, "search.html", filters=filters, data=data,
                hist=Markup(histogram_svg(data["histogram"])))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
    view = reader(store, doc_id)
    doc = dict(view.document)
    if not (doc.get("url") or "").startswith(("http://", "https://")):
        doc["url"] = None
    return page(request, "document.html", view=view, doc=doc, sentences=sentences(view))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, store: StoreDep, paging: PagingDep) -> HTMLResponse:
    return page(request, "actors.html",
                actors=list_actors(store, limit=paging.limit, offset=paging.offset),
                limit=paging.limit, offset=paging.offset)


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    return page(request, "actor.html", p=profile(store, name))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: StoreDep, filters: FiltersDep,
                  paging: PagingDep) -> HTMLResponse:
    return page(request, "timeline.html", filters=filters, limit=paging.limit,
                offset=paging.offset,
                events=timeline(store, filters, limit=paging.limit, offset=paging.offset))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, filters: FiltersDep,
                 top: Annotated[int, Query(ge=1, le=500)] = 40,
                 expand: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    expanded = find_actor(store, expand)["id"] if expand else None
    graph = network(store, filters, top=top, expand=expanded)
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    return page(request, "network.html", filters=filters, graph=graph, names=names,
                expand=expand, top=top, svg=Markup(network_svg(graph)))


@router.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request, store: StoreDep, filters: FiltersDep,
                 measure: Annotated[str | None, Query(max_length=100)] = None) -> HTMLResponse:
    found = (chart_series(store, filters, measure=measure) if filters.actor or measure
             else key_series(store, filters))
    charts = [Markup(series_svg(
        s["points"], title=f"{s['subject']}: {s['measure']}",
        link=lambda p: (f"/documents/{p['figures'][0]['doc_id']}"
                        f"#s{p['figures'][0]['sentence_start']}")))
        for s in found]
    return page(request, "figures.html", filters=filters, series=found, charts=charts,
                measure=measure, available=available_series(store))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, filters: FiltersDep) -> HTMLResponse:
    found = places(store, filters)
    return page(request, "map.html", filters=filters, places=found, svg=Markup(map_svg(found)))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, store: StoreDep, filters: FiltersDep,
                paging: PagingDep) -> HTMLResponse:
    return page(request, "quotes.html", filters=filters, speakers=speakers(store, filters),
                quotes=quote_rows(store, filters, limit=paging.limit, offset=paging.offset))


@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "status.html", s=status(store))


@router.get("/report", response_class=HTMLResponse)
def report_page(store: StoreDep, filters: FiltersDep) -> HTMLResponse:
    return HTMLResponse(render_html(build_report(store, filters), standalone=False))
