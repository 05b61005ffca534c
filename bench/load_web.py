"""Load test of the desk on loopback: p50/p95 latency of search, timeline and actor profile on
a store of 20,000+ documents (Reuters-21578 stored without analysis, plus the analysed seeds).

    .venv/bin/python bench/load_web.py [--db bench/results/load_web.db] [--seconds 60]

The store is built on first run (the Reuters JSONL is generated from the shared corpus; nothing
is downloaded). Each endpoint gets at most --requests requests and at most --seconds of wall
time, whichever ends first. The last line is one JSON object with the numbers and what the store
held. A benchmark, not a test: it prints measurements and sets no bar.
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from wirewatch.bench.reuters import read_reuters
from wirewatch.store.sqlite import Store
from wirewatch.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
QUERIES = ["oil", "trade deficit", "coffee prices", "Canada", "bank rate", "troops", "ISIS",
           "grain exports", "merger", "dollar yen"]
TIMELINES = [{}, {"actor": "CAN"}, {"from": "2016", "to": "2019"}, {"type": "REQUEST"},
             {"q": "coalition"}]
PROFILES = ["Sajjan", "CAN", "USA", "Trudeau", "group:isis"]


def build_store(db: Path, corpus: Path, seeds: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "reuters.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for story in read_reuters(corpus):
                out.write(json.dumps({"url": f"reuters21578:{story.newid}", "title": story.title,
                                      "published": story.date, "text": story.body}) + "\n")
        for args in (["--no-analyze", str(jsonl)], [str(seeds)]):
            subprocess.run([sys.executable, "-m", "wirewatch.cli", "--db", str(db), "ingest",
                            "--quiet", *args], check=True, stdout=subprocess.DEVNULL)


COUNTS = {
    "documents": "SELECT COUNT(*) AS n FROM documents",
    "analysed documents": "SELECT COUNT(*) AS n FROM sentences WHERE idx = 0",
    "events": "SELECT COUNT(*) AS n FROM events",
    "merged events": "SELECT COUNT(*) AS n FROM merged_events",
    "figures": "SELECT COUNT(*) AS n FROM figures",
    "quotes": "SELECT COUNT(*) AS n FROM quotes",
    "actors": "SELECT COUNT(*) AS n FROM actors",
}


def held(db: Path) -> dict[str, int]:
    with Store(db, readonly=True) as store:
        return {what: store.query(sql)[0]["n"] for what, sql in COUNTS.items()}


def serve(db: Path) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the desk did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def measure(client: httpx.Client, requests: list[tuple[str, dict]], count: int,
            seconds: float) -> dict[str, float]:
    latencies, errors = [], 0
    deadline = time.monotonic() + seconds
    for path, params in itertools.islice(itertools.cycle(requests), count):
        if time.monotonic() > deadline:
            break
        start = time.perf_counter()
        response = client.get(path, params=params)
        latencies.append((time.perf_counter() - start) * 1000)
        errors += response.status_code != 200
    ordered = sorted(latencies)
    return {"n": len(ordered), "errors": errors,
            "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "results" / "load_web.db")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "reuters21578")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--requests", type=int, default=300, help="per endpoint, at most")
    parser.add_argument("--seconds", type=float, default=60.0, help="per endpoint, at most")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.db} from {args.corpus} and {args.seeds} …", flush=True)
        build_store(args.db, args.corpus, args.seeds)
    contents = held(args.db)
    print("store holds: " + ", ".join(f"{n} {table}" for table, n in contents.items()))
    base, server = serve(args.db)
    results = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        plans = {
            "search": [("/api/search", {"q": q, "limit": 20}) for q in QUERIES],
            "timeline": [("/api/timeline", {**p, "limit": 50}) for p in TIMELINES],
            "profile": [(f"/api/actors/{name}", {}) for name in PROFILES],
        }
        for name, plan in plans.items():
            results[name] = measure(client, plan, args.requests, args.seconds)
            r = results[name]
            print(f"{name:9} n={r['n']:4} p50={r['p50_ms']:7.1f} ms  p95={r['p95_ms']:7.1f} ms"
                  f"  errors={r['errors']}")
    server.should_exit = True
    print(json.dumps({"store": contents, "latency": results}))


if __name__ == "__main__":
    main()
