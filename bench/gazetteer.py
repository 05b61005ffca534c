"""Gazetteer cost: artefact size on disk, first-load time and memory, lookup rate. Prints JSON.

Usage: .venv/bin/python bench/gazetteer.py
"""

from __future__ import annotations

import json
import resource
import time
import tracemalloc
from importlib import resources

from wirewatch.extract.places_gazetteer import ARTEFACT, Gazetteer, _load_packaged

NAMES = ["Paris", "Mosul", "Irbil", "Kyiv", "Springfield", "St. Petersburg", "Ky.", "Iraqi"]


def main() -> None:
    folder = resources.files("wirewatch").joinpath(*ARTEFACT)
    size = sum(f.stat().st_size for f in folder.iterdir() if f.name.endswith(".gz"))
    started = time.perf_counter()
    Gazetteer.load()
    load_s = time.perf_counter() - started
    # A second, traced load measures memory without tracing slowing the timed one.
    _load_packaged.cache_clear()
    tracemalloc.start()
    gazetteer = Gazetteer.load()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    rounds = 2000
    for _ in range(rounds):
        for name in NAMES:
            gazetteer.lookup(name)
    lookups_per_s = rounds * len(NAMES) / (time.perf_counter() - started)
    print(json.dumps({
        "artefact_bytes": size,
        "load_s": round(load_s, 3),
        "load_peak_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "lookups_per_s": round(lookups_per_s),
    }))


if __name__ == "__main__":
    main()
