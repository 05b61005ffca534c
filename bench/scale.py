"""Store size and query latency as the store grows: 1k, 10k, 100k documents.

    .venv/bin/python bench/scale.py [--db-kind sqlite|postgresql] [--sizes 1000,10000,100000]
                                    [--out bench/results/scale] [--runs 50]

The first 1,000 Reuters-21578 stories with a body (../shared/data) are ingested and analysed once
by `wirewatch ingest` (every extractor, then the resolve stage) into a base store kept in --out.
Larger sizes are NOT new analyses: the base documents and all their rows are REPLICATED inside the
store with new ids and dates moved k years per replica (bench/scale_replicate.py says exactly
how), so the store holds N/1000 copies of the same 1,000 analysed stories. At each size the script
prints the store's size on disk and the p50/p95 latency of the analysts' queries, each run through
the view function the CLI or the API calls, with rotating parameters; at the largest size, the
plan of the slowest statement of each query. The last line is one JSON object. A benchmark, not a
test: it prints measurements and sets no bar.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from scale_base import analysed_base
from scale_queries import QUERIES, base_parameters, slowest_statement, time_query
from scale_sqlite import SqliteScale

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "corpus" / "reuters21578"


def backend(kind: str, base: Path, out: Path) -> Any:
    if kind == "sqlite":
        return SqliteScale(base, out / "scale.sqlite")
    from scale_postgres import PostgresScale

    return PostgresScale(base, out / "pg")


def measure_size(scale: Any, copies: int, args: argparse.Namespace, params: Any,
                 explain: bool) -> dict[str, Any]:
    started = time.perf_counter()
    scale.grow(copies)
    grow_seconds = time.perf_counter() - started
    size = scale.size()
    result: dict[str, Any] = {"documents": copies * args.base, "copies": copies,
                              "grow_seconds": round(grow_seconds, 1),
                              "bytes": size["bytes"],
                              "bytes_per_1000_docs": round(size["bytes"] / copies),
                              "by_table": size["by_table"], "orphans": scale.orphans(),
                              "latency": {}, "plans": {}}
    params.copies = copies
    store = scale.open()
    try:
        for name, (_, call) in QUERIES.items():
            result["latency"][name] = time_query(store, call, params, args.runs, args.max_seconds)
            if explain:
                seconds, sql, values = slowest_statement(store, call, params)
                result["plans"][name] = {"ms": round(seconds * 1000, 2), "sql": sql,
                                         "plan": scale.explain(store, sql, values)}
    finally:
        store.close()
    return result


def _cell(latency: dict[str, float]) -> str:
    return f"{latency['p50_ms']:.1f} / {latency['p95_ms']:.1f} ({latency['p50_cpu_ms']:.1f})"


def table(results: list[dict[str, Any]]) -> str:
    """Per query and size: wall p50 / p95 and this process's CPU p50, in milliseconds."""
    width = 28
    heads = [f"{r['documents']:,} docs p50/p95 (cpu)" for r in results]
    lines = [f"{'query':22}" + "".join(f"{h:>{width}}" for h in heads)]
    for name in QUERIES:
        lines.append(f"{name:22}" + "".join(f"{_cell(r['latency'][name]):>{width}}"
                                            for r in results))
    lines.append(f"{'MB on disk':22}" + "".join(f"{r['bytes'] / 1e6:>{width}.1f}"
                                                for r in results))
    lines.append(f"{'MB per 1,000 docs':22}"
                 + "".join(f"{r['bytes_per_1000_docs'] / 1e6:>{width}.2f}" for r in results))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db-kind", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated document counts, multiples of --base")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale")
    parser.add_argument("--base", type=int, default=1000, help="Reuters stories analysed")
    parser.add_argument("--reuters", type=Path, default=REUTERS)
    parser.add_argument("--runs", type=int, default=50, help="timed calls per query and size")
    parser.add_argument("--max-seconds", type=float, default=120.0,
                        help="stop timing a query after this long (fewer runs, reported as n)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if any(size % args.base for size in sizes):
        parser.error(f"every size must be a multiple of --base ({args.base})")
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.out / f"base-reuters-{args.base}.sqlite"
    if not base.exists():
        print(f"analysing {args.base} Reuters-21578 stories into {base} …", flush=True)
        seconds = analysed_base(args.reuters, str(base), args.base)
        print(f"analysed in {seconds:.1f} s", flush=True)
    scale = backend(args.db_kind, base, args.out)
    results = []
    try:
        scale.reset()
        with scale.open() as store:
            params = base_parameters(store)
        for size in sizes:
            result = measure_size(scale, size // args.base, args, params,
                                  explain=size == sizes[-1])
            results.append(result)
            print(f"{size:,} documents: {result['bytes'] / 1e6:.1f} MB, grown in "
                  f"{result['grow_seconds']} s, orphans {sum(result['orphans'].values())}",
                  flush=True)
    finally:
        scale.stop()
    print(table(results))
    for name, plan in results[-1]["plans"].items():
        print(f"{name}: slowest statement {plan['ms']} ms: " + " | ".join(plan["plan"]))
    print(json.dumps({"db_kind": args.db_kind, "base": f"first {args.base} Reuters-21578 stories,"
                      " analysed; larger sizes replicate them with new ids, dates + k years",
                      "load_average": os.getloadavg(), "parameters": params.__dict__,
                      "queries": {name: where for name, (where, _) in QUERIES.items()},
                      "sizes": results}))


if __name__ == "__main__":
    sys.exit(main())
