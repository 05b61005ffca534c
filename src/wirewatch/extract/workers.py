"""The analysis stage in worker processes: each worker parses a batch of documents and runs every
extractor over it; the calling process only reads the documents and writes the results.

Workers are forked once per run, after the calling process has analysed the first document
(and so loaded the spaCy pipeline and the extractors' models), so they share what is loaded
instead of each loading its own. Results come back as plain data (`ComputedAnalysis`) in input
order, so the writes — and the store — are the same as with one process. At most two batches
per worker are in flight, so memory stays bounded on any corpus.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from wirewatch.actors.registry import Registry
from wirewatch.extract.stage import (
    ComputedAnalysis,
    Extractor,
    compute_analysis,
    default_extractors,
    load_default_models,
    model_name_of,
)
from wirewatch.nlp.pipeline import doc_from_bytes, load_nlp, parse_stream
from wirewatch.parallel import map_in_processes

# (document row, reused?) as the calling process reads them.
Row = tuple[dict[str, Any], bool]

_worker: dict[str, Any] = {}


def start_worker(model: str | None, extractors: dict[str, Extractor] | None,
                 batch_size: int) -> None:
    """Load, once in this process, what `compute_batch` uses (a pool initialiser, or a Ray
    actor's constructor)."""
    nlp = load_nlp(model)
    if extractors is None:
        load_default_models()
        extractors = default_extractors()
    _worker.update(nlp=nlp, model_name=model_name_of(nlp), registry=Registry.load(),
                   extractors=extractors, batch_size=batch_size)


def _docs(rows: list[Row]) -> Iterator[tuple[Any, dict[str, Any], bool, float]]:
    """(Doc, row, reused?, seconds to parse or read it back) in the order of `rows`."""
    nlp = _worker["nlp"]
    unparsed = [(row["text"], i) for i, (row, reused) in enumerate(rows) if not reused]
    parses = parse_stream(unparsed, nlp=nlp, batch_size=_worker["batch_size"])
    clock = time.perf_counter()
    for row, reused in rows:
        doc = doc_from_bytes(nlp, row["parse"]) if reused else next(parses)[0]
        now = time.perf_counter()
        yield doc, row, reused, now - clock
        clock = time.perf_counter()


def compute_batch(rows: list[Row]) -> list[ComputedAnalysis]:
    """Parse (or read back) and analyse a batch of documents with what `start_worker` loaded."""
    out = []
    for doc, row, reused, parse_seconds in _docs(rows):
        computed = compute_analysis(doc, row, reused, model_name=_worker["model_name"],
                                    registry=_worker["registry"],
                                    extractors=_worker["extractors"])
        computed.seconds = {"parse": parse_seconds, **computed.seconds}
        out.append(computed)
    return out


def compute_in_workers(
    rows: Iterable[Row],
    *,
    model: str | None,
    extractors: dict[str, Extractor] | None,
    n_process: int,
    batch_size: int,
) -> Iterator[ComputedAnalysis]:
    """Each document's analysis, computed by `n_process` forked workers, in the order of `rows`.

    The spaCy pipeline and every extractor's models are loaded here (and the first document
    analysed here) before the fork, so the workers share them instead of each loading its own.
    Extractors are inherited by the fork, not pickled, so any callables work."""
    rows = iter(rows)
    first = list(islice(rows, 1))
    if not first:
        return
    start_worker(model, extractors, batch_size)
    yield from compute_batch(first)
    yield from map_in_processes(compute_batch, rows, n_process=n_process, batch_size=batch_size,
                                initializer=start_worker, initargs=(model, extractors, batch_size))
