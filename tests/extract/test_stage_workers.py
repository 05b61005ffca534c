"""Analysis in worker processes stores exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

from wirewatch.extract.stage import analyze
from wirewatch.ingest.pipeline import ingest
from wirewatch.store.sqlite import Store
from wirewatch.views.contract import rows

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "sample" / "articles"
KINDS = ("documents", "actors", "events", "quotes", "figures")


def _analysed_exports(db: Path, sources: list[str], n_process: int) -> dict[str, list[dict]]:
    with Store(db) as store:
        ingest(sources, store)
        report = analyze(store, n_process=n_process)
        assert report.n_docs == report.n_parsed > 0
        exports = {kind: list(rows(store, kind)) for kind in KINDS}
        redone = analyze(store, n_process=n_process, redo=True)
        assert redone.n_reused == report.n_docs
        assert {kind: list(rows(store, kind)) for kind in KINDS} == exports
        return exports


def test_stage_two_processes_store_what_one_process_stores(tmp_path, seeds_dir):
    sources = [str(seeds_dir), str(SAMPLE)]
    one = _analysed_exports(tmp_path / "one.db", sources, 1)
    two = _analysed_exports(tmp_path / "two.db", sources, 2)
    for kind in KINDS:
        assert two[kind] == one[kind], kind
