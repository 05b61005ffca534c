"""What running the pipeline in 2 processes costs over 1, with the second vCPU out of the picture.

    .venv/bin/python bench/fork_overhead.py [--data ../shared/data/corpus/reuters21578] \
        [--limit 1000] [--core 0]

`bench nlp`'s 2-process speed-up mixes two things: what our way of forking and feeding workers
costs (pickling, page copies, the calling process's share) and how much slower a shared VM's
cores run when both are busy. Here this process and its workers are pinned to one core
(`os.sched_setaffinity`, inherited by the forked workers), so the second vCPU plays no part:
the whole pipeline (ingest, then analysis) runs with 1 process, with 2, with 2 as before session
6 (no `gc.freeze()` around the fork: each worker's garbage collector then writes to, and so
copies, every page of the models it inherited), and with 1 again, into fresh stores, after a
warm-up that loads every model. Each half reports its CPU seconds (this process and its workers)
and the workers' minor page faults; the overheads are against the mean of the two 1-process
runs. With no overhead, 2 processes on one core would take the CPU seconds of 1. The last line
is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import tempfile
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirewatch import parallel
from wirewatch.bench.nlp import WARM_UP_DOCS, _stories, _write_jsonl
from wirewatch.engine import local_engine
from wirewatch.store.sqlite import Store

REPO = Path(__file__).resolve().parents[1]


def _usage() -> tuple[float, float, int]:
    """CPU seconds of this process, of its finished workers, and the workers' minor faults."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime,
            workers.ru_minflt)


def _run(db: Path, source: Path, n_process: int) -> dict[str, Any]:
    run_ingest, run_analyze = local_engine(n_process)
    out: dict[str, Any] = {}
    with Store(db) as store:
        for half, step in (("ingest", lambda: run_ingest([str(source)], store)),
                           ("analyze", lambda: run_analyze(store))):
            (own, workers, faults), started = _usage(), time.perf_counter()
            step()
            (own_after, workers_after, faults_after) = _usage()
            out[half] = {"wall_seconds": round(time.perf_counter() - started, 2),
                         "cpu_seconds": round(own_after - own + workers_after - workers, 2),
                         "calling_process_cpu_seconds": round(own_after - own, 2),
                         "worker_minor_faults": faults_after - faults}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path,
                        default=REPO.parent / "shared" / "data" / "corpus" / "reuters21578")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--core", type=int, default=0)
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.core})
    stories = _stories(args.data, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm_up = _write_jsonl(folder / "warm-up.jsonl", stories[:WARM_UP_DOCS])
        _run(folder / "warm-up.db", warm_up, 1)
        source = _write_jsonl(folder / "stories.jsonl", stories)
        one_before = _run(folder / "one-a.db", source, 1)
        two = _run(folder / "two.db", source, 2)
        with _collector_not_frozen():
            two_unfrozen = _run(folder / "two-unfrozen.db", source, 2)
        one_after = _run(folder / "one-b.db", source, 1)
    result: dict[str, Any] = {
        "bench": "fork_overhead", "docs": len(stories), "core": args.core,
        "one_process": [one_before, one_after], "two_processes_one_core": two,
        "two_processes_one_core_without_gc_freeze": two_unfrozen,
    }
    for half in ("ingest", "analyze"):
        one = (one_before[half]["cpu_seconds"] + one_after[half]["cpu_seconds"]) / 2
        result[f"overhead_{half}"] = round(two[half]["cpu_seconds"] / one - 1, 3)
        result[f"overhead_{half}_without_gc_freeze"] = round(
            two_unfrozen[half]["cpu_seconds"] / one - 1, 3)
    print(json.dumps(result))


@contextlib.contextmanager
def _collector_not_frozen() -> Iterator[None]:
    """The worker pool as it was before session 6: no gc.freeze() around the fork."""
    real = parallel.gc
    parallel.gc = types.SimpleNamespace(freeze=lambda: None, unfreeze=lambda: None)
    try:
        yield
    finally:
        parallel.gc = real


if __name__ == "__main__":
    main()
