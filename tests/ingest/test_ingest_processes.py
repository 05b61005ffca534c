"""Ingest with decoding and cleaning in worker processes stores what one process stores."""

from __future__ import annotations

import os
from pathlib import Path

from wirewatch.ingest import pipeline
from wirewatch.ingest.pipeline import ingest, prepare_in_processes
from wirewatch.store.sqlite import Store
from wirewatch.views.contract import rows

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "sample" / "articles"


def _stored(db: Path, sources: list[str], **options) -> tuple[list[dict], list[tuple]]:
    with Store(db) as store:
        report = ingest(sources, store, **options)
        assert report.n_ok > 0 and report.n_failed == 2
        ledger = [tuple(r) for r in store.query(
            "SELECT item_key, stage, status, doc_id, reason FROM ledger ORDER BY item_key, stage")]
        return list(rows(store, "documents")), ledger


def test_ingest_in_processes_stores_what_one_process_stores(tmp_path, seeds_dir, monkeypatch):
    # Each process that prepares an item writes its pid down: the workers must do the work.
    preparers = tmp_path / "preparers.txt"
    prepare_item = pipeline.prepare_item

    def prepare_and_note(item, **options):
        with preparers.open("a") as note:
            note.write(f"{os.getpid()}\n")
        return prepare_item(item, **options)

    monkeypatch.setattr(pipeline, "prepare_item", prepare_and_note)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.html").write_bytes(bytes(range(256)) * 40)
    sources = [str(seeds_dir), str(SAMPLE), str(bad)]
    one = _stored(tmp_path / "one.db", sources)
    assert set(preparers.read_text().split()) == {str(os.getpid())}
    preparers.unlink()
    two = _stored(tmp_path / "two.db", sources, prepare=prepare_in_processes(2, batch_size=7))
    assert two == one
    workers = set(preparers.read_text().split())
    assert len(workers) == 2 and str(os.getpid()) not in workers
