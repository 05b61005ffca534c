"""What an index or planner statistics would change for the timeline query on a grown store.

    .venv/bin/python bench/scale_index.py [--db bench/results/scale/scale.sqlite] [--runs 10]

Runs bench/scale.py's `timeline_actor_year` (the API's /timeline with an actor and a one-year
range) on the store bench/scale.py left behind, three ways: as the schema is; with a candidate
index on event_participants(actor_id, event_row); with ANALYZE's statistics instead. Each
variant lives in a transaction that is rolled back, so the store is left as it was. Prints the
plan of the slowest statement and p50/p95 for each; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from scale_queries import QUERIES, base_parameters, slowest_statement, time_query

from wirewatch.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = {
    "schema as is": [],
    "index event_participants(actor_id, event_row)":
        ["CREATE INDEX bench_participants_actor_event ON event_participants(actor_id, event_row)"],
    "ANALYZE": ["ANALYZE"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "results" / "scale"
                        / "scale.sqlite")
    parser.add_argument("--base", type=Path, default=ROOT / "bench" / "results" / "scale"
                        / "base-reuters-1000.sqlite")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--query", default="timeline_actor_year", choices=sorted(QUERIES))
    args = parser.parse_args()
    with Store(args.base, readonly=True) as base:
        params = base_parameters(base)
    results = {}
    with Store(args.db) as store:
        params.copies = store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"] // 1000
        call = QUERIES[args.query][1]
        for name, statements in VARIANTS.items():
            store.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in statements:
                    store.db.execute(statement)
                _, sql, values = slowest_statement(store, call, params)
                plan = [r["detail"] for r in store.query("EXPLAIN QUERY PLAN " + sql, values)]
                results[name] = {**time_query(store, call, params, args.runs, 600.0),
                                 "plan": plan}
            finally:
                store.db.execute("ROLLBACK")
            print(f"{name}: p50 {results[name]['p50_ms']} ms, p95 {results[name]['p95_ms']} ms;"
                  f" plan: {' | '.join(plan)}", flush=True)
    print(json.dumps({"query": args.query, "documents": params.copies * 1000,
                      "load_average": os.getloadavg(), "variants": results}))


if __name__ == "__main__":
    main()
