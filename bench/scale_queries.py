"""The analyst queries bench/scale.py times, each through the view function the CLI or the API
calls, with parameters that rotate over the actors, speakers and series the base set holds."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wirewatch.views.documents import count_documents, document_rows, facets, histogram
from wirewatch.views.events import event_rows
from wirewatch.views.figure_charts import available_series, chart_series
from wirewatch.views.figures import series
from wirewatch.views.filters import Filters
from wirewatch.views.profiles import profile
from wirewatch.views.quote_list import quote_rows as quote_list_rows
from wirewatch.views.quote_list import speakers
from wirewatch.views.quotes import quote_rows
from wirewatch.views.search import search
from wirewatch.views.status import status
from wirewatch.views.summary import summary
from wirewatch.views.timeline import timeline

SEARCH_TERMS = ["oil", "trade deficit", "coffee prices", "bank rate", "grain exports", "merger",
                "dollar yen", "OPEC", "interest rates", "net profit"]
BASE_YEAR = 1987  # Reuters-21578's year; replica k is dated k years later
TOP = 8


@dataclass
class Parameters:
    """What the rotating parameters are drawn from, read once from the base store."""

    actors_in_events: list[str]
    speakers: list[str]
    series: list[tuple[str, str]]
    profiles: list[str]
    copies: int = 1

    def pick(self, values: list[Any], run: int) -> Any:
        return values[run % len(values)]

    def year(self, run: int) -> str:
        """A one-year date range, spread over the replicas the store holds."""
        return str(BASE_YEAR + (run * 7919) % self.copies)


def base_parameters(store: Any) -> Parameters:
    def ids(sql: str) -> list[str]:
        return [r[0] for r in store.query(sql, (TOP,))]

    return Parameters(
        actors_in_events=ids("SELECT actor_id FROM event_participants WHERE actor_id IS NOT NULL"
                             " GROUP BY actor_id ORDER BY COUNT(*) DESC, actor_id LIMIT ?"),
        speakers=ids("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL"
                     " GROUP BY speaker_id ORDER BY COUNT(*) DESC, speaker_id LIMIT ?"),
        series=[(r["subject_id"], r["measure"]) for r in available_series(store, limit=TOP)],
        profiles=ids("SELECT id FROM actors ORDER BY doc_count DESC, id LIMIT ?"),
    )


def _search_page(store: Any, p: Parameters, run: int) -> int:
    filters = Filters(q=p.pick(SEARCH_TERMS, run)).checked(store)
    rows = document_rows(store, filters, limit=20)
    count_documents(store, filters)
    facets(store, filters)
    histogram(store, filters)
    return len(rows)


def _timeline(store: Any, p: Parameters, run: int) -> int:
    year = p.year(run)
    filters = Filters(actor=p.pick(p.actors_in_events, run), date_from=year,
                      date_to=year).checked(store)
    return len(timeline(store, filters, limit=50))


def _events(store: Any, p: Parameters, run: int) -> int:
    # The CLI documents --from/--to as YYYY-MM-DD: `--to 1987` would end before 1987-01-01.
    year = p.year(run)
    return len(event_rows(store, actor=p.pick(p.actors_in_events, run), date_from=f"{year}-01-01",
                          date_to=f"{year}-12-31", limit=50))


def _quotes_api(store: Any, p: Parameters, run: int) -> int:
    filters = Filters(actor=p.pick(p.speakers, run)).checked(store)
    speakers(store, filters)
    return len(quote_list_rows(store, filters, limit=50))


def _chart(store: Any, p: Parameters, run: int) -> int:
    subject, measure = p.pick(p.series, run)
    available_series(store)
    found = chart_series(store, Filters(actor=subject).checked(store), measure=measure)
    return sum(len(s["points"]) for s in found)


# name -> (where it is used, the view call returning the number of items it shows)
QUERIES: dict[str, tuple[str, Callable[[Any, Parameters, int], int]]] = {
    "search": ("CLI search", lambda s, p, n: len(search(s, p.pick(SEARCH_TERMS, n), limit=20))),
    "search_page": ("API /search: hits, total, facets, histogram", _search_page),
    "timeline_actor_year": ("API /timeline?actor&from&to", _timeline),
    "events_actor_year": ("CLI events --actor --from --to", _events),
    "quotes_speaker": ("CLI quotes --speaker",
                       lambda s, p, n: len(quote_rows(s, speaker=p.pick(p.speakers, n),
                                                      limit=50))),
    "quotes_speaker_api": ("API /quotes?actor", _quotes_api),
    "figure_series": ("CLI figures --subject --measure",
                      lambda s, p, n: len(series(s, subject=p.pick(p.series, n)[0],
                                                 measure=p.pick(p.series, n)[1]))),
    "figure_chart": ("API /figures?actor&measure", _chart),
    "actor_profile": ("API /actors/{name}",
                      lambda s, p, n: len(profile(s, p.pick(p.profiles, n))["documents"])),
    "status": ("CLI status, API /status", lambda s, p, n: status(s).documents),
    "summary": ("CLI summary", lambda s, p, n: summary(s).articles),
}


@dataclass
class RecordingStore:
    """The store as the views see it, timing every statement they send through `query`."""

    store: Any
    statements: list[tuple[float, str, tuple]] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)  # the dialect and whatever else the views ask for

    def query(self, sql: str, params: Any = ()) -> list[Any]:
        started = time.perf_counter()
        rows = self.store.query(sql, params)
        self.statements.append((time.perf_counter() - started, sql, tuple(params)))
        return rows


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def time_query(store: Any, call: Callable[[Any, Parameters, int], int], params: Parameters,
               runs: int, max_seconds: float) -> dict[str, Any]:
    """p50/p95 wall milliseconds over `runs` calls (fewer if `max_seconds` runs out), after one
    untimed warm-up, and the p50 CPU milliseconds of this process: with SQLite that is the whole
    cost and holds on a busy machine; with PostgreSQL the server's share is not in it."""
    call(store, params, 0)
    latencies, cpu, items = [], [], []
    deadline = time.monotonic() + max_seconds
    for run in range(runs):
        if latencies and time.monotonic() > deadline:
            break
        started, started_cpu = time.perf_counter(), time.process_time()
        items.append(call(store, params, run))
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    ordered = sorted(latencies)
    return {"n": len(ordered), "p50_ms": round(percentile(ordered, 0.5), 2),
            "p95_ms": round(percentile(ordered, 0.95), 2),
            "p50_cpu_ms": round(percentile(sorted(cpu), 0.5), 2),
            "mean_items": round(sum(items) / len(items), 1)}


def slowest_statement(store: Any, call: Callable[[Any, Parameters, int], int],
                      params: Parameters) -> tuple[float, str, tuple]:
    """The statement that took longest in one call, to explain."""
    recording = RecordingStore(store)
    call(recording, params, 1)
    return max(recording.statements, key=lambda s: s[0])
