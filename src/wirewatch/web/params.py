"""Query parameters every route shares: the filters and paging, validated in one place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request

from wirewatch.store import BaseStore as Store
from wirewatch.store import open_store as open_target
from wirewatch.views.filters import Filters

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


def request_store(path: str | Path) -> Store:
    """A read-only store whose connection may move between threads.

    FastAPI opens a dependency in one worker thread, runs the endpoint in another and closes the
    dependency in a third, so the default same-thread check would fail at random under load. One
    request still uses its connection from one thread at a time, which is what SQLite needs.
    """
    return open_target(path, readonly=True, check_same_thread=False)


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection per request, closed when the response is sent."""
    store = request_store(request.app.state.db_path)
    try:
        yield store
    finally:
        store.close()


def filters(
    store: Annotated[Store, Depends(open_store)],
    q: Annotated[str | None, Query(max_length=500, description="full-text query")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor id, name or alias")]
    = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    date_from: Annotated[str | None, Query(alias="from", description="YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="YYYY[-MM[-DD]]")] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name or ISO3")] = None,
) -> Filters:
    return Filters(q, actor, type, outlet, date_from, date_to, place).checked(store)


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Paging:
    return Paging(limit, offset)


StoreDep = Annotated[Store, Depends(open_store)]
FiltersDep = Annotated[Filters, Depends(filters)]
PagingDep = Annotated[Paging, Depends(paging)]
