"""How the resolve stage's cost grows with the store: it rebuilds every actor and re-points every
fact of the whole store, so a cluster pays it per batch over everything stored so far.

    .venv/bin/python bench/scale_resolve.py [--out bench/results/scale]

Times `resolve` (wall and CPU seconds of this process) on a copy of bench/scale.py's analysed
base (1,000 documents) and on the replicated SQLite store bench/scale.py leaves behind (run it
first; that store is the benchmark's own and is rewritten here). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from wirewatch.actors.stage import resolve
from wirewatch.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]


def timed_resolve(db: Path) -> dict[str, float]:
    with Store(db) as store:
        documents = store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"]
        wall, cpu = time.perf_counter(), time.process_time()
        resolve(store)
        return {"documents": documents, "seconds": round(time.perf_counter() - wall, 2),
                "cpu_seconds": round(time.process_time() - cpu, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scale")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.sqlite"
        shutil.copyfile(args.out / "base-reuters-1000.sqlite", base)
        results.append(timed_resolve(base))
    results.append(timed_resolve(args.out / "scale.sqlite"))
    for r in results:
        print(f"resolve on {r['documents']:,} documents: {r['seconds']} s wall,"
              f" {r['cpu_seconds']} s CPU", flush=True)
    print(json.dumps({"bench": "scale_resolve", "load_average": os.getloadavg(),
                      "runs": results}))


if __name__ == "__main__":
    main()
