"""Local vs Ray on the same texts, in one run: the whole pipeline (ingest → analyze → resolve)
with the local engine in 1 process and in `cpus` processes (`local_nproc`), and with the Ray
engine on a local Ray of `cpus` CPUs (2 by default). Every run starts from an empty store and
the exports of the three stores are compared, so no rate comes from a run that computed
something else.

Models are loaded before the clock starts (an untimed run over the first stories), so the local
rates are throughput; Ray's actors load their own models inside the timed run, as they would in
use. Ray's start-up (the cluster) is timed apart: it is paid once per command, whatever the
corpus. The ratios are what to read; on a shared machine absolute rates drift.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wirewatch.actors.stage import resolve
from wirewatch.bench.nlp import _stories, _write_jsonl
from wirewatch.engine import local_engine
from wirewatch.store.export import write_jsonl
from wirewatch.store.sqlite import Store
from wirewatch.views.contract import KINDS, rows


def _exports(store: Store) -> str:
    out = io.StringIO()
    for kind in KINDS:
        write_jsonl(rows(store, kind), out)
    return out.getvalue()


def _timed_run(db: Path, source: Path, run_ingest: Callable[..., Any],
               run_analyze: Callable[..., Any]) -> tuple[dict[str, Any], str]:
    with Store(db) as store:
        started = time.perf_counter()
        report = run_ingest([str(source)], store)
        ingested = time.perf_counter()
        stored: list[float] = []
        run_analyze(store, on_progress=lambda _doc, _report: stored.append(time.perf_counter()))
        analysed = time.perf_counter()
        resolve(store)
        done = time.perf_counter()
        exports = _exports(store)
    seconds = done - started
    return {
        "seconds": round(seconds, 2),
        "docs_per_s": round(report.n_seen / seconds, 2),
        "ingest_s": round(ingested - started, 2),
        "analyze_s": round(analysed - ingested, 2),
        # Until the first analysis is stored: start-up, model loading and the first batch.
        "analyze_first_doc_s": round(stored[0] - ingested, 2) if stored else None,
        "resolve_s": round(done - analysed, 2),
    }, exports


def bench_engines(data: Path, *, limit: int = 300, cpus: int = 2) -> dict[str, Any]:
    from wirewatch.engine.ray_engine import RayOptions, ray_analyze, ray_ingest, ray_session

    stories = _stories(data, limit)
    runs: dict[str, dict[str, Any]] = {}
    exports: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = _write_jsonl(folder / "stories.jsonl", stories)
        warm_up = _write_jsonl(folder / "warm-up.jsonl", stories[:5])
        _timed_run(folder / "warm-up.db", warm_up, *local_engine(1))

        runs["local_1proc"], exports["local_1proc"] = _timed_run(
            folder / "local1.db", source, *local_engine(1))
        runs["local_nproc"], exports["local_nproc"] = _timed_run(
            folder / "localn.db", source, *local_engine(cpus))

        options = RayOptions(num_cpus=cpus)
        started = time.perf_counter()
        with ray_session(options):
            ray_start = time.perf_counter() - started
            runs["ray"], exports["ray"] = _timed_run(
                folder / "ray.db", source,
                lambda sources, store: ray_ingest(sources, store, options=options),
                lambda store, **kwargs: ray_analyze(store, options=options, **kwargs))
        runs["ray"]["start_s"] = round(ray_start, 2)
    one, many, ray = (runs[k]["seconds"] for k in ("local_1proc", "local_nproc", "ray"))
    return {
        "bench": "engines",
        "docs": len(stories),
        "words": sum(len(s["text"].split()) for s in stories),
        "cpus": cpus,
        **runs,
        "same_exports": exports["local_nproc"] == exports["local_1proc"] == exports["ray"],
        "speedup_local_nproc": round(one / many, 3),
        "speedup_ray": round(one / ray, 3),
        "ratio_ray_to_local_nproc": round(many / ray, 3),
    }
