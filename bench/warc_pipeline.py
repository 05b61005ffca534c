"""Per-core cost of news pages from a WARC, for the CC-NEWS estimate in docs/performance.md.

    .venv/bin/python bench/warc_pipeline.py [--copies 5] [--aeb ../shared/data/extraction/aeb]

No CC-NEWS or other WARC is in ../shared/data, so the WARC is SYNTHETIC: the 181 real news pages
of the article-extraction benchmark (AEB), each wrapped as a gzipped WARC response record with an
HTTP 200 text/html header (one gzip member per record, as Common Crawl writes them), the whole set
--copies times with distinct target URIs. Measured in one process, one run:

1. read: our WARC reader (`iter_items`) over the whole file: gunzip, parse, HTML payloads out;
2. ingest: one copy of the pages through `ingest` (read, decode, HTML cleaning, metadata, dedup,
   SQLite), without analysis;
3. analyse: those documents through the analysis stage with every extractor, then resolve.

Each step reports wall seconds and this process's CPU seconds: on a shared machine the CPU
seconds are the per-core cost, the wall seconds are not. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.actors.stage import resolve
from wirewatch.extract.stage import analyze
from wirewatch.ingest.pipeline import ingest
from wirewatch.ingest.readers import iter_items
from wirewatch.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
AEB = ROOT.parent / "shared" / "data" / "extraction" / "aeb"


def write_warc(aeb: Path, out: Path, copies: int) -> dict[str, int]:
    """The AEB pages as WARC response records; returns the page count and HTML bytes."""
    urls = {key: entry["url"] for key, entry in
            json.loads((aeb / "ground-truth.json").read_text("utf-8")).items()}
    pages = sorted((aeb / "html").glob("*.html.gz"))
    html_bytes = 0
    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for copy in range(copies):
            for page in pages:
                body = gzip.decompress(page.read_bytes())
                html_bytes += len(body)
                key = page.name.removesuffix(".html.gz")
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                           protocol="HTTP/1.1")
                uri = f"{urls[key]}#copy{copy}" if copy else urls[key]
                writer.write_record(writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return {"records": len(pages) * copies, "html_bytes": html_bytes}


class Timer:
    """Wall and CPU seconds of one step."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, default=AEB)
    parser.add_argument("--copies", type=int, default=5, help="copies of the pages read")
    args = parser.parse_args()
    result: dict[str, Any] = {"bench": "warc_pipeline", "warc": "synthetic: AEB pages in WARC"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big, small = folder / "pages.warc.gz", folder / "once.warc.gz"
        written = write_warc(args.aeb, big, args.copies)
        write_warc(args.aeb, small, 1)
        warc_mb = big.stat().st_size / 1e6
        with Timer() as read:
            n_items = sum(1 for _ in iter_items([str(big)]))
        result["read"] = {"records": n_items, "warc_gz_mb": round(warc_mb, 1),
                          "html_mb": round(written["html_bytes"] / 1e6, 1),
                          "seconds": round(read.wall, 2), "cpu_seconds": round(read.cpu, 2),
                          "records_per_cpu_s": round(n_items / read.cpu, 1),
                          "warc_gz_mb_per_cpu_s": round(warc_mb / read.cpu, 1),
                          "html_mb_per_cpu_s": round(written["html_bytes"] / 1e6 / read.cpu, 1)}
        with Store(folder / "pages.db") as store:
            with Timer() as ingested:
                report = ingest([str(small)], store)
            words = store.query("SELECT COUNT(*) AS n, SUM(n_words) AS w FROM documents"
                                " WHERE duplicate_of IS NULL")[0]
            result["ingest"] = {"pages": report.n_ok, "failed": report.n_failed,
                                "seconds": round(ingested.wall, 2),
                                "cpu_seconds": round(ingested.cpu, 2),
                                "pages_per_cpu_s": round(report.n_ok / ingested.cpu, 2),
                                "distinct_documents": words["n"], "words": words["w"],
                                "words_per_document": round(words["w"] / words["n"])}
            with Timer() as analysing:
                analysed = analyze(store)
            with Timer() as resolving:
                resolve(store)
            total_words = store.query("SELECT SUM(n_words) AS w FROM documents")[0]["w"]
            result["analyse"] = {"documents": analysed.n_docs, "words": total_words,
                                 "seconds": round(analysing.wall, 2),
                                 "cpu_seconds": round(analysing.cpu, 2),
                                 "resolve_cpu_seconds": round(resolving.cpu, 2),
                                 "docs_per_cpu_s": round(analysed.n_docs / analysing.cpu, 2),
                                 "words_per_cpu_s": round(total_words / analysing.cpu),
                                 "seconds_by_part": {k: round(v, 2)
                                                     for k, v in analysed.seconds.items()}}
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        result["store_mb"] = round((folder / "pages.db").stat().st_size / 1e6, 2)
    result["load_average"] = os.getloadavg()
    print(f"per CPU second: read {result['read']['warc_gz_mb_per_cpu_s']} MB of WARC.gz,"
          f" ingest {result['ingest']['pages_per_cpu_s']} pages, analyse"
          f" {result['analyse']['words_per_cpu_s']} words")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
