"""What the store holds and what happened to every input: runs, stage counts, failures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wirewatch.store.base import BaseStore as Store


@dataclass
class StatusView:
    documents: int
    duplicates: int
    runs: list[dict[str, Any]]
    stages: list[dict[str, Any]]
    failures: list[dict[str, Any]]


def status(store: Store, *, last_runs: int = 10, max_failures: int = 50) -> StatusView:
    documents = store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"]
    duplicates = store.query(
        "SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL"
    )[0]["n"]
    runs = store.query(
        "SELECT id, command, started_at, finished_at, status, n_ok, n_skipped, n_failed"
        " FROM runs ORDER BY id DESC LIMIT ?",
        (last_runs,),
    )
    stages = store.query(
        "SELECT stage, status, COUNT(*) AS n FROM ledger GROUP BY stage, status"
        " ORDER BY stage, status"
    )
    # The latest outcome per input: an input that failed once and later succeeded is not a failure.
    failures = store.query(
        "SELECT l.run_id, l.item_key, l.stage, l.reason, l.at FROM ledger l"
        " WHERE l.status = 'failed' AND NOT EXISTS ("
        "   SELECT 1 FROM ledger later WHERE later.item_key = l.item_key"
        "   AND later.run_id > l.run_id)"
        " ORDER BY l.run_id DESC, l.item_key LIMIT ?",
        (max_failures,),
    )
    return StatusView(
        documents=documents,
        duplicates=duplicates,
        runs=[dict(r) for r in runs],
        stages=[dict(r) for r in stages],
        failures=[dict(r) for r in failures],
    )
