"""The short summary `make demo` prints: what the store found."""

from __future__ import annotations

from dataclasses import dataclass, field

from wirewatch.store.base import BaseStore as Store


@dataclass
class Summary:
    articles: int
    duplicates: int
    words: int
    outlets: list[tuple[str, int]]
    first_date: str | None
    last_date: str | None
    undated: int
    failed_inputs: int
    top_actors: list[tuple[str, int]] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    top_event_types: list[tuple[str, int]] = field(default_factory=list)


def summary(store: Store, *, top: int = 10) -> Summary:
    totals = store.query(
        "SELECT COUNT(*) AS n, COALESCE(SUM(n_words), 0) AS words,"
        " COUNT(duplicate_of) AS dups, COUNT(*) - COUNT(published) AS undated,"
        " MIN(published) AS first, MAX(published) AS last FROM documents"
    )[0]
    outlets = store.query(
        "SELECT COALESCE(outlet, '(unknown)') AS outlet, COUNT(*) AS n FROM documents"
        " WHERE duplicate_of IS NULL GROUP BY 1 ORDER BY n DESC, outlet LIMIT ?",
        (top,),
    )
    failed = store.query(
        "SELECT COUNT(DISTINCT item_key) AS n FROM ledger l WHERE status = 'failed'"
        " AND NOT EXISTS (SELECT 1 FROM ledger later WHERE later.item_key = l.item_key"
        " AND later.run_id > l.run_id)"
    )[0]["n"]
    actors = store.query(
        "SELECT name, kind, doc_count FROM actors ORDER BY doc_count DESC, mention_count DESC"
        " LIMIT ?",
        (top,),
    )
    facts = {
        "events": store.query("SELECT COUNT(*) AS n FROM merged_events")[0]["n"],
        "event mentions": store.query("SELECT COUNT(*) AS n FROM events")[0]["n"],
        "quotes": store.query("SELECT COUNT(*) AS n FROM quotes")[0]["n"],
        "figures": store.query("SELECT COUNT(*) AS n FROM figures")[0]["n"],
        "people": store.query("SELECT COUNT(*) AS n FROM actors WHERE kind = 'person'")[0]["n"],
    }
    types = store.query(
        "SELECT type, COUNT(*) AS n FROM merged_events GROUP BY type ORDER BY n DESC, type"
        " LIMIT 6"
    )
    return Summary(
        articles=totals["n"],
        duplicates=totals["dups"] or 0,
        words=totals["words"],
        outlets=[(r["outlet"], r["n"]) for r in outlets],
        first_date=totals["first"],
        last_date=totals["last"],
        undated=totals["undated"] or 0,
        failed_inputs=failed,
        top_actors=[(r["name"], r["doc_count"]) for r in actors],
        facts=facts,
        top_event_types=[(r["type"], r["n"]) for r in types],
    )
