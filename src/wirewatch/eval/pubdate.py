"""Publication dates on htmldate's Media Cloud 2020 evaluation set.

A page scores when our day-precision date equals the gold ``YYYY-MM-DD`` exactly. Gold ``NaN``
means the page has no usable date: it scores only when we give no date, which is what we must
do rather than guess (never the crawl date).
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path
from typing import Any

from wirewatch.ingest.encoding import decode_bytes
from wirewatch.ingest.htmlclean import html_metadata

log = logging.getLogger(__name__)


def evaluate(data: Path, **options: Any) -> dict[str, Any]:
    """Date every page listed in the gold JSON (a folder holding it, or the file itself)."""
    gold_file = data if data.is_file() else data / "eval_mediacloud_2020.json"
    pages_dir = gold_file.parent / "test_set"
    # The file holds bare NaN tokens, which Python's json accepts as float("nan").
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    correct = 0
    for url, entry in gold.items():
        expected = entry["date"] if isinstance(entry["date"], str) else None
        raw = _read_page(pages_dir, entry["file"])
        html, _ = decode_bytes(raw, html=True)
        meta = html_metadata(html, url=url)
        predicted = meta.published if meta.published_precision == "day" else None
        if predicted == expected:
            correct += 1
        else:
            log.debug("pubdate miss %s: gold %s, got %s", url, expected, predicted)
    n = len(gold)
    return {"n": n, "accuracy": round(correct / n, 4) if n else 0.0}


def _read_page(pages_dir: Path, name: str) -> bytes:
    """The page as saved upstream (plain) or as shipped here (gzipped)."""
    plain = pages_dir / name
    if plain.exists():
        return plain.read_bytes()
    return gzip.decompress((pages_dir / f"{name}.gz").read_bytes())
