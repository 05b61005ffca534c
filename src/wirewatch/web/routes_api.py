"""The JSON API: one route per view, the same filters and paging everywhere (see params.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from wirewatch.views.actors import list_actors
from wirewatch.views.documents import count_documents, document_rows, facets, histogram, reader
from wirewatch.views.figure_charts import available_series, chart_series
from wirewatch.views.network import network
from wirewatch.views.places import places
from wirewatch.views.profiles import profile
from wirewatch.views.quote_list import quote_rows, speakers
from wirewatch.views.search import HIGHLIGHT_END, HIGHLIGHT_START
from wirewatch.views.status import status
from wirewatch.views.timeline import timeline
from wirewatch.web.params import FiltersDep, PagingDep, StoreDep

router = APIRouter(prefix="/api", tags=["api"])
ActorKind = Query(pattern="^(country|igo|armed_group|organization|government_body|person|group)$")


def snippet_parts(snippet: str | None) -> list[dict[str, Any]]:
    """A search snippet as [{text, hit}] parts, so no client ever parses markup."""
    parts: list[dict[str, Any]] = []
    for n, chunk in enumerate((snippet or "").split(HIGHLIGHT_START)):
        hit, _, rest = chunk.partition(HIGHLIGHT_END) if n else ("", "", chunk)
        if hit:
            parts.append({"text": hit, "hit": True})
        if rest:
            parts.append({"text": rest, "hit": False})
    return parts


def search_data(store: StoreDep, filters: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    results = document_rows(store, filters, limit=paging.limit, offset=paging.offset)
    for r in results:
        r["snippet"] = snippet_parts(r["snippet"])
    return {"total": count_documents(store, filters), "limit": paging.limit,
            "offset": paging.offset, "results": results, "facets": facets(store, filters),
            "histogram": histogram(store, filters)}


@router.get("/search", summary="Documents matching the filters, facets and date histogram")
def api_search(store: StoreDep, filters: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    return search_data(store, filters, paging)


@router.get("/documents/{doc_id}", summary="One article with every fact and its offsets")
def api_document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    return reader(store, doc_id).__dict__


@router.get("/actors", summary="Actors, most documents first")
def api_actors(store: StoreDep, paging: PagingDep,
               kind: Annotated[str | None, ActorKind] = None) -> dict[str, Any]:
    return {"actors": list_actors(store, kind=kind, limit=paging.limit, offset=paging.offset)}


@router.get("/actors/{name}", summary="Actor profile: aliases, roles, quotes, events, documents")
def api_actor(store: StoreDep, name: str) -> dict[str, Any]:
    return profile(store, name)


@router.get("/timeline", summary="Merged events in date order, each citing its mentions")
def api_timeline(store: StoreDep, filters: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    return {"events": timeline(store, filters, limit=paging.limit, offset=paging.offset)}


@router.get("/network", summary="Actors linked by events: typed, weighted edges with evidence")
def api_network(store: StoreDep, filters: FiltersDep,
                top: Annotated[int, Query(ge=1, le=500)] = 50,
                expand: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    from wirewatch.views.actors import find_actor

    expanded = find_actor(store, expand)["id"] if expand else None
    return network(store, filters, top=top, expand=expanded)


@router.get("/figures", summary="Figure series over time, each point citing its sentences")
def api_figures(store: StoreDep, filters: FiltersDep,
                measure: Annotated[str | None, Query(max_length=100)] = None) -> dict[str, Any]:
    return {"available": available_series(store),
            "series": chart_series(store, filters, measure=measure)}


@router.get("/places", summary="Places of events and figures with counts and coordinates")
def api_places(store: StoreDep, filters: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    found = places(store, filters, limit=None)
    return {"total": len(found), "places": found[paging.offset:paging.offset + paging.limit]}


@router.get("/quotes", summary="Who said what, by speaker")
def api_quotes(store: StoreDep, filters: FiltersDep, paging: PagingDep) -> dict[str, Any]:
    return {"speakers": speakers(store, filters),
            "quotes": quote_rows(store, filters, limit=paging.limit, offset=paging.offset)}


@router.get("/status", summary="Runs, per-stage ledger counts, failures with reasons")
def api_status(store: StoreDep) -> dict[str, Any]:
    return status(store).__dict__
