"""Load test of the desk on loopback: p50/p95 latency of search, timeline and actor profile on
a store of 20,000+ documents (Reuters-21578, Wikinews, WCEP and CENTCOM from the shared corpus,
stored without analysis, plus the analysed seeds).

    .venv/bin/python bench/load_web.py [--db bench/results/load_web.db] [--seconds 60]

The store is built on first run (a JSONL generated from the shared corpus; nothing
is downloaded). Each endpoint gets at most --requests requests and at most --seconds of wall
time, whichever ends first. The last line is one JSON object with the numbers and what the store
held. A benchmark, not a test: it prints measurements and sets no bar.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
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
MIN_DOCUMENTS = 20_000
PROFILES = ["Sajjan", "CAN", "USA", "Trudeau", "group:isis"]


def corpus_lines(corpus: Path) -> Iterator[dict]:
    """Articles for volume: Reuters-21578 stories, Wikinews articles, WCEP event summaries and
    CENTCOM strike descriptions, as ingest's JSONL records."""
    for story in read_reuters(corpus / "reuters21578"):
        yield {"url": f"reuters21578:{story.newid}", "title": story.title,
               "published": story.date, "text": story.body}
    csv.field_size_limit(1 << 30)
    for path in sorted((corpus / "wikinews").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield {"url": row["url"], "title": row["title"], "published": row["date"],
                       "text": row["text"]}
    events = json.loads((corpus / "wcep_2015_09" / "wikitimes_CEP.json").read_text("utf-8"))
    for event in events:
        yield {"url": f"wcep:{event['id']}", "published": event["date"],
               "title": event["description"][:80], "text": event["description"].strip()}
    with (corpus / "centcom" / "all.csv").open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            yield {"url": f"centcom:{n}", "published": row["date"],
                   "title": f"Strike near {row['location']}", "text": row["description"]}


def build_store(db: Path, corpus: Path, seeds: Path) -> None:
    """Seeds first, analysed: an analysing ingest analyses every unanalysed document in the
    store, and the corpus is there for volume, stored without analysis (idempotent: documents
    already stored are skipped)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    runs = [] if db.exists() else [[str(seeds)]]
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for record in corpus_lines(corpus):
                out.write(json.dumps(record) + "\n")
        for args in [*runs, ["--no-analyze", str(jsonl)]]:
            subprocess.run([sys.executable, "-m", "wirewatch.cli", "--db", str(db), "ingest",
                            "--quiet", *args], check=True, stdout=subprocess.DEVNULL)


COUNTS = {
    "documents": "SELECT COUNT(*) AS n FROM documents",
    "distinct documents": "SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NULL",
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
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--requests", type=int, default=300, help="per endpoint, at most")
    parser.add_argument("--seconds", type=float, default=60.0, help="per endpoint, at most")
    args = parser.parse_args()
    if not args.db.exists() or held(args.db)["documents"] < MIN_DOCUMENTS:
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
