"""What a Ray worker runs: the pipeline's per-document functions over batches of pickled rows.

Kept free of Ray imports: a batch is a dict of NumPy columns in and out. Rows and results cross
processes pickled (plain dataclasses and bytes, never spaCy objects); the stored parse is the
same `doc_to_bytes` the local engine stores.
"""

from __future__ import annotations

import pickle

import numpy as np

from wirewatch.ingest import pipeline

Batch = dict[str, np.ndarray]


def _column(values: list[bytes]) -> np.ndarray:
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return column


def prepare_batch(batch: Batch) -> Batch:
    """Decode each raw item, and clean it when that needs no learned templates."""
    items = [pickle.loads(data) for data in batch["item"]]
    return {"prepared": _column([pickle.dumps(p) for p in pipeline.prepare_batch(items)])}


class AnalysisWorker:
    """Parses and analyses batches of (document row, reused?) with the local engine's worker
    code; the spaCy pipeline, the actor registry and the extractors load once, when the Ray
    actor starts."""

    def __init__(self, model: str | None, batch_size: int) -> None:
        from wirewatch.extract.workers import start_worker

        start_worker(model, None, batch_size)

    def __call__(self, batch: Batch) -> Batch:
        from wirewatch.extract.workers import compute_batch

        rows = [pickle.loads(data) for data in batch["row"]]
        return {"result": _column([pickle.dumps(c) for c in compute_batch(rows)])}
