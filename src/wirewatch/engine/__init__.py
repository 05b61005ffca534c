"""Engines that run the pipeline's per-document work somewhere else than this process.

The local engine is the pipeline itself (`wirewatch.ingest.pipeline`, `wirewatch.extract.stage`);
`ray_engine` maps the same per-document functions over a Ray cluster and stores the results
through the same writes, in input order, so both engines build the same store.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any


def local_engine(n_process: int = 1) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """(ingest, analyze) of the local engine with `n_process` processes: decoding and cleaning
    in worker processes as well as parsing and extraction, as `--n-process N` runs them."""
    from wirewatch.extract.stage import analyze
    from wirewatch.ingest.pipeline import ingest, prepare_in_processes

    if n_process == 1:
        return ingest, analyze
    return (partial(ingest, prepare=prepare_in_processes(n_process)),
            partial(analyze, n_process=n_process))
