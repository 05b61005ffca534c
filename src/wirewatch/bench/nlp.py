"""NLP-stage throughput on Reuters-21578, against bare spaCy on the same texts, in one run.

Three timings over the same stories: bare `nlp.pipe` (the floor any spaCy-based tool pays);
our analysis stage with no extractors (parse, mentions, actor resolution, stored parse and
mentions in SQLite) with 1 process, and with 2 processes. The ratios are what to read: they
hold on a loaded machine where absolute rates do not.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from wirewatch.bench.reuters import read_reuters
from wirewatch.extract.stage import analyze
from wirewatch.ingest.pipeline import ingest
from wirewatch.nlp.pipeline import load_nlp, model_info
from wirewatch.store.sqlite import Store


def _stories(data: Path, limit: int) -> list[dict[str, Any]]:
    stories = []
    for story in read_reuters(data):
        stories.append({"url": f"reuters21578:{story.newid}", "title": story.title,
                        "published": story.date, "text": story.body})
        if len(stories) >= limit:
            break
    return stories


def _timed_stage(
    folder: Path, source: Path, n_process: int, extractors: Any
) -> tuple[float, dict[str, float]]:
    db = folder / f"nlp-{n_process}-{extractors is None}.db"
    with Store(db) as store:
        ingest([str(source)], store)
        started = time.perf_counter()
        report = analyze(store, n_process=n_process, extractors=extractors)
        return time.perf_counter() - started, report.seconds


def bench_nlp(data: Path, *, limit: int = 1000) -> dict[str, Any]:
    stories = _stories(data, limit)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "stories.jsonl"
        source.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
        with Store(folder / "texts.db") as store:
            ingest([str(source)], store)
            texts = [r["text"] for r in store.query("SELECT text FROM documents ORDER BY seq")]
        words = sum(len(t.split()) for t in texts)
        nlp = load_nlp()
        for _ in nlp.pipe(texts[:20]):  # warm-up: model and vocab loaded before timing
            pass
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        bare = time.perf_counter() - started
        stage_1, _ = _timed_stage(folder, source, 1, {})
        stage_2, _ = _timed_stage(folder, source, 2, {})
        full_1, parts = _timed_stage(folder, source, 1, None)
    return {
        "bench": "nlp",
        "model": f"{model_info(nlp)['name']} {model_info(nlp)['version']}",
        "docs": len(texts),
        "words": words,
        "bare_nlp_pipe_s": round(bare, 2),
        "bare_words_per_s": round(words / bare),
        "stage_1proc_s": round(stage_1, 2),
        "stage_1proc_words_per_s": round(words / stage_1),
        "stage_1proc_docs_per_s": round(len(texts) / stage_1, 1),
        "stage_2proc_s": round(stage_2, 2),
        "stage_2proc_words_per_s": round(words / stage_2),
        "ratio_stage_to_bare": round(stage_1 / bare, 3),
        "speedup_2proc": round(stage_1 / stage_2, 3),
        "with_extractors_1proc_s": round(full_1, 2),
        "ratio_with_extractors_to_bare": round(full_1 / bare, 3),
        "with_extractors_seconds_by_part": {k: round(v, 2) for k, v in parts.items()},
        "share_of_analysis_time": {k: round(v / full_1, 3) for k, v in parts.items()},
        "events_docs_per_s": round(len(texts) / parts["events"], 1) if parts.get("events")
        else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_children_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }
