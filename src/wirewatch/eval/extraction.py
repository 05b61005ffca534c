"""Article-body extraction on the Scrapinghub/Zyte article-extraction-benchmark.

Scored as upstream's evaluate.py scores it: each page's predicted and true `articleBody` are
cut into 4-word shingles (runs of ``\\w+`` tokens); per page, true/false positives and false
negatives are counted over shingle multisets and normalised to sum to one, so long articles
weigh no more than short ones. Precision and recall are then averaged over pages, and F1 is
the harmonic mean of those two averages (not an average of per-page F1s).
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from wirewatch.ingest.encoding import decode_bytes
from wirewatch.ingest.htmlclean import clean_html

log = logging.getLogger(__name__)

SHINGLE_SIZE = 4
_TOKEN_RE = re.compile(r"\w+")

Counts = tuple[float, float, float]


def evaluate(data: Path, **options: Any) -> dict[str, Any]:
    """Extract every page of the benchmark folder (or its ground-truth file) and score it."""
    truth_file = data if data.is_file() else data / "ground-truth.json"
    html_dir = truth_file.parent / "html"
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    counts = []
    for key, gold in truth.items():
        raw = gzip.decompress((html_dir / f"{key}.html.gz").read_bytes())
        html, _ = decode_bytes(raw, html=True)
        body, _ = clean_html(html, url=gold.get("url"))
        counts.append(shingle_counts(gold.get("articleBody", ""), body))
    return {"n": len(counts), **scores(counts)}


def shingle_counts(true: str, pred: str) -> Counts:
    """Normalised (tp, fp, fn) over the shingle multisets of one page."""
    true_shingles, pred_shingles = _shingles(true), _shingles(pred)
    tp = sum((true_shingles & pred_shingles).values())
    fp = sum((pred_shingles - true_shingles).values())
    fn = sum((true_shingles - pred_shingles).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[Counts]) -> dict[str, float]:
    """Page-averaged precision and recall, and F1 of those averages, as upstream."""
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    # A text shorter than one shingle still counts as one (shorter) shingle, as upstream.
    tokens = _TOKEN_RE.findall(text or "")
    last = max(1, len(tokens) - SHINGLE_SIZE + 1)
    return Counter(tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(last) if tokens[i:])
