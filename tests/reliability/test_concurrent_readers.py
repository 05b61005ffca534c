"""Readers keep answering while an ingest writes: WAL lets a read-only store query a snapshot
while another process commits, and what readers see only ever grows."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from clitools import wirewatch
from wirewatch.store.sqlite import Store
from wirewatch.views.search import search
from wirewatch.views.status import status

N_DOCS = 300
DEADLINE_S = 300


def _corpus(folder: Path, n: int) -> None:
    """Distinct articles (no near-duplicates, which search leaves out) that all match."""
    folder.mkdir()
    rng = random.Random(8)
    for i in range(n):
        body = " ".join(f"w{rng.randrange(100_000)}" for _ in range(50))
        (folder / f"{i:04d}.txt").write_text(
            f"Convoy report {i}\n\nKABUL — A convoy was attacked on Monday, officials said, "
            f"{body}, in report number {i}.\n", encoding="utf-8")


def test_concurrent_readers_queries_answer_and_counts_never_go_down(tmp_path):
    folder = tmp_path / "corpus"
    _corpus(folder, N_DOCS)
    db = tmp_path / "w.db"
    # The store exists before the writer starts, so the reader can open it read-only at once.
    assert wirewatch(db, "ingest", "--quiet", "--no-analyze", str(folder / "0000.txt")
                     ).returncode == 0
    writer = subprocess.Popen(
        [sys.executable, "-m", "wirewatch.cli", "--db", str(db), "ingest", "--quiet",
         "--no-analyze", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen_documents, seen_hits, seen_ledger, rounds, grew_while_writing = 1, 1, 1, 0, False
    deadline = time.monotonic() + DEADLINE_S
    try:
        with Store(db, readonly=True) as store:
            while writer.poll() is None:
                assert time.monotonic() < deadline, "the ingest did not finish in time"
                view = status(store)
                hits = len(search(store, "convoy attacked", limit=1000))
                ledger = sum(s["n"] for s in view.stages)
                assert view.documents >= seen_documents
                assert hits >= seen_hits
                assert ledger >= seen_ledger
                grew_while_writing |= view.documents > seen_documents and writer.poll() is None
                seen_documents, seen_hits, seen_ledger = view.documents, hits, ledger
                rounds += 1
            final = status(store)
            assert final.documents == N_DOCS
            assert len(search(store, "convoy attacked", limit=1000)) == N_DOCS
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait()
    assert writer.returncode == 0, writer.stderr.read().decode()
    assert rounds > 1 and grew_while_writing, "no query ran while the ingest was writing"
