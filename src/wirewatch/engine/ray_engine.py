"""The Ray engine: the pipeline's per-document work as Ray Data batch transforms.

Decoding and cleaning (ingest; text of an outlet whose template lines are being learned is
cleaned on the driver) and parsing plus every extractor (analysis) run on the cluster; the spaCy
pipeline and the extractors load once per worker actor. Everything that depends on
earlier documents — template learning, duplicate detection, `seq` numbering, the ledger, the
store writes and the corpus-level resolve — stays on the driver and consumes the results in
input order through the same functions as the local engine, so both build the same store.

Inputs go to the cluster in windows (`RayOptions.window` documents at a time), so the driver
never holds a whole corpus; workers restart per window, which costs one model load per
window and worker.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO

from wirewatch.extract.stage import (
    AnalyzeReport,
    ComputedAnalysis,
    finish_analysis,
    rows_to_analyze,
    start_analysis,
    store_results,
)
from wirewatch.ingest.pipeline import IngestReport, Prepared, Progress, ingest
from wirewatch.ingest.readers import DEFAULT_MAX_BYTES
from wirewatch.nlp.pipeline import resolve_model_name
from wirewatch.parallel import batched
from wirewatch.store import BaseStore
from wirewatch.types import RawItem, ReadFailure

INSTALL_HINT = "pip install wirewatch[ray]"


class RayNotInstalled(RuntimeError):
    """`--engine ray` without Ray installed."""


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run. `address` joins a running cluster ("auto" finds it);
    without it a local Ray starts with `num_cpus` CPUs (default: all cores). `workers` is the
    number of analysis actors (default: one per CPU of the cluster)."""

    address: str | None = None
    num_cpus: int | None = None
    workers: int | None = None
    batch_size: int = 16
    window: int = 4096


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - the Data library is the part the engine needs
    except ImportError as exc:
        raise RayNotInstalled(f"the Ray engine needs Ray: {INSTALL_HINT}") from exc
    return ray


@contextmanager
def ray_session(options: RayOptions) -> Iterator[Any]:
    """Ray connected (or started locally) for the block; a Ray started here is shut down."""
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        if options.address:
            ray.init(address=options.address, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=options.num_cpus or os.cpu_count(), include_dashboard=False,
                     log_to_driver=False, logging_level=logging.WARNING)
    context = ray.data.DataContext.get_current()
    # Results are consumed in input order: that is what makes the store the local engine's.
    context.execution_options.preserve_order = True
    context.print_on_execution_start = False
    # Ray Data's own bars and per-dataset lines would interleave with the caller's progress.
    context.enable_progress_bars = False
    data_log = logging.getLogger("ray.data")
    level = data_log.level
    data_log.setLevel(logging.ERROR)
    try:
        yield ray
    finally:
        data_log.setLevel(level)
        if started:
            ray.shutdown()


def _in_order(row: Any, result: dict[str, Any]) -> ComputedAnalysis:
    computed = pickle.loads(result["result"])
    if computed.doc_id != row["id"]:
        raise RuntimeError(f"Ray returned {computed.doc_id} for {row['id']}")
    return computed


def _blocks(n_rows: int, batch_size: int) -> int:
    return max(1, -(-n_rows // batch_size))


def _ray_preparer(
    ray: Any, options: RayOptions
) -> Callable[[Iterable[RawItem | ReadFailure]], Iterator[Prepared | ReadFailure]]:
    from wirewatch.engine.workers import prepare_batch

    def prepare(entries: Iterable[RawItem | ReadFailure]) -> Iterator[Prepared | ReadFailure]:
        for window in batched(entries, options.window):
            items = [{"item": pickle.dumps(e)} for e in window if isinstance(e, RawItem)]
            prepared: Iterator[dict[str, Any]] = iter(())
            if items:
                dataset = ray.data.from_items(
                    items, override_num_blocks=_blocks(len(items), options.batch_size))
                prepared = iter(dataset.map_batches(
                    prepare_batch, batch_size=options.batch_size, batch_format="numpy",
                ).iter_rows())
            for entry in window:
                if isinstance(entry, ReadFailure):
                    yield entry
                else:
                    yield pickle.loads(next(prepared)["prepared"])

    return prepare


def ray_ingest(
    sources: Iterable[str],
    store: BaseStore,
    *,
    options: RayOptions,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[Progress], None] | None = None,
) -> IngestReport:
    """`ingest` with decoding and cleaning on the cluster: the same store as the local run."""
    with ray_session(options) as ray:
        return ingest(sources, store, stdin=stdin, max_bytes=max_bytes, on_progress=on_progress,
                      prepare=_ray_preparer(ray, options))


def ray_analyze(
    store: BaseStore,
    *,
    options: RayOptions,
    model: str | None = None,
    redo: bool = False,
    on_progress: Callable[[str, AnalyzeReport], None] | None = None,
) -> AnalyzeReport:
    """`analyze` with parsing and extraction on the cluster, stored by the driver in the
    local engine's order."""
    from wirewatch.engine.workers import AnalysisWorker

    ids, report = start_analysis(store, redo=redo)
    with ray_session(options) as ray:
        workers = options.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        for window in batched(rows_to_analyze(store, ids), options.window):
            dataset = ray.data.from_items(
                [{"row": pickle.dumps(row)} for row in window],
                override_num_blocks=_blocks(len(window), options.batch_size))
            results = dataset.map_batches(
                AnalysisWorker,
                fn_constructor_kwargs={"model": resolve_model_name(model),
                                       "batch_size": options.batch_size},
                batch_size=options.batch_size, batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(
                    size=min(workers, _blocks(len(window), options.batch_size))),
                num_cpus=1,
            )
            store_results(store, report, (
                _in_order(row, result)
                for (row, _), result in zip(window, results.iter_rows(), strict=True)
            ), on_progress)
    finish_analysis(store, report)
    return report
