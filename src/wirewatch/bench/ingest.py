"""Ingest throughput on Reuters-21578: docs/s, MB/s and peak memory of one `ingest` run.

The stories are written as one JSON Lines file (the reader we would use for a bulk export) and
then ingested into a fresh store, so the numbers cover read → decode → clean → dedup → store.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from wirewatch.bench.reuters import read_reuters
from wirewatch.ingest.pipeline import ingest
from wirewatch.store.sqlite import Store


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_ingest(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "reuters.jsonl"
        n_docs = 0
        with open(source, "w", encoding="utf-8") as handle:
            for story in read_reuters(data):
                record = {"url": f"reuters21578:{story.newid}", "title": story.title,
                          "published": story.date, "text": story.body}
                handle.write(json.dumps(record) + "\n")
                n_docs += 1
                if limit and n_docs >= limit:
                    break
        size_mb = source.stat().st_size / 1e6
        rss_before = peak_rss_mb()
        with Store(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            report = ingest([str(source)], store)
            elapsed = time.perf_counter() - started
            words = store.query("SELECT SUM(n_words) AS w FROM documents")[0]["w"] or 0
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 1e6
    return {
        "bench": "ingest",
        "docs": n_docs,
        "stored": report.n_ok,
        "duplicates": report.n_duplicates,
        "failed": report.n_failed,
        "seconds": round(elapsed, 2),
        "docs_per_s": round(n_docs / elapsed, 1),
        "mb_per_s": round(size_mb / elapsed, 3),
        "words_per_s": round(words / elapsed, 0),
        "input_mb": round(size_mb, 2),
        "store_mb": round(db_mb, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_before_mb": round(rss_before, 1),
    }
