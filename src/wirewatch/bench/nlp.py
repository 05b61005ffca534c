"""The whole pipeline's throughput on Reuters-21578 against bare spaCy on the same texts.

Four timings over the same stories:
- bare `nlp.pipe` over the clean texts: the model as spaCy loads it (`spacy.load`), nothing of
  ours (the floor any spaCy-based tool pays); the target ratio is measured against it;
- `nlp.pipe` of the pipeline wirewatch loads (`load_nlp`: the model plus our line-break
  component, the attribute ruler replaced by a lookup that sets the same attributes), so the
  report also shows what the extractors cost over our own parse;
- the whole pipeline with 1 process: ingest (read JSON Lines, decode, clean, metadata, dedup,
  store the documents and their full-text index) then analyze (parse, mentions and actor
  resolution, roles, events, quotes, figures, and the writes of parses, facts and ledger);
- the same with 2 analysis processes (ingest stays in one process).

Loading the spaCy model, the event classifier and the gazetteer is a warm-up before any timing,
as it is for the bare loop. The ratios are what to read: they hold on a loaded machine where
absolute rates do not; the load average is printed beside them. On a busy machine the ratio of
CPU seconds (this process and its workers) is the steadier one: waiting for a core costs wall
time, not CPU time.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy

from wirewatch.bench.reuters import read_reuters
from wirewatch.engine import local_engine
from wirewatch.extract.stage import AnalyzeReport
from wirewatch.nlp.pipeline import load_nlp, model_info, resolve_model_name
from wirewatch.store.sqlite import Store

WARM_UP_DOCS = 20


def _stories(data: Path, limit: int) -> list[dict[str, Any]]:
    stories = []
    for story in read_reuters(data):
        stories.append({"url": f"reuters21578:{story.newid}", "title": story.title,
                        "published": story.date, "text": story.body})
        if len(stories) >= limit:
            break
    return stories


def _write_jsonl(path: Path, stories: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    return path


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished (joined) worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


@dataclass
class _Run:
    """One pipeline run into a fresh store: wall and CPU seconds of each half."""

    ingest_s: float
    analyze_s: float
    ingest_cpu: float
    analyze_cpu: float
    report: AnalyzeReport

    @property
    def seconds(self) -> float:
        return self.ingest_s + self.analyze_s

    @property
    def cpu(self) -> float:
        return self.ingest_cpu + self.analyze_cpu


def _pipeline(db: Path, source: Path, n_process: int) -> _Run:
    with Store(db) as store:
        cpu, started = _cpu_seconds(), time.perf_counter()
        run_ingest, run_analyze = local_engine(n_process)
        run_ingest([str(source)], store)
        ingest_cpu, ingested = _cpu_seconds(), time.perf_counter()
        report = run_analyze(store)
        return _Run(ingested - started, time.perf_counter() - ingested, ingest_cpu - cpu,
                    _cpu_seconds() - ingest_cpu, report)


def _time_pipe(nlp: Any, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of `nlp.pipe` over `texts` after a 20-text warm-up."""
    for _ in nlp.pipe(texts[:WARM_UP_DOCS], batch_size=32):
        pass
    cpu, started = _cpu_seconds(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started, _cpu_seconds() - cpu


def _rates(seconds: float, docs: int, words: int, cpu: float | None = None) -> dict[str, float]:
    rates = {"seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 1),
             "words_per_s": round(words / seconds)}
    if cpu is not None:
        rates["cpu_seconds"] = round(cpu, 2)
    return rates


def bench_nlp(data: Path, *, limit: int = 1000) -> dict[str, Any]:
    load_at_start = os.getloadavg()
    stories = _stories(data, limit)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm_up = _write_jsonl(folder / "warm-up.jsonl", stories[:WARM_UP_DOCS])
        _pipeline(folder / "warm-up.db", warm_up, 1)  # loads every model before any timing
        source = _write_jsonl(folder / "stories.jsonl", stories)
        one = _pipeline(folder / "one.db", source, 1)
        with Store(folder / "one.db") as store:
            texts = [r["text"] for r in store.query("SELECT text FROM documents ORDER BY seq")]
        docs, words = len(texts), sum(len(t.split()) for t in texts)
        nlp = spacy.load(resolve_model_name())
        bare, bare_cpu = _time_pipe(nlp, texts)
        ours, ours_cpu = _time_pipe(load_nlp(), texts)
        two = _pipeline(folder / "two.db", source, 2)
    stages = {"ingest": one.ingest_s, **one.report.seconds}
    return {
        "bench": "nlp",
        "model": f"{model_info(nlp)['name']} {model_info(nlp)['version']}",
        "docs": docs,
        "words": words,
        "pipeline_includes": "ingest (read, decode, clean, metadata, dedup, store documents)"
                             " + analyze (parse, mentions, roles, events, quotes, figures,"
                             " store parses, facts and ledger); models loaded before timing",
        "bare_nlp_pipe": _rates(bare, docs, words, bare_cpu),
        "wirewatch_nlp_pipe": _rates(ours, docs, words, ours_cpu),
        "pipeline_1proc": _rates(one.seconds, docs, words, one.cpu),
        "pipeline_2proc": _rates(two.seconds, docs, words, two.cpu),
        "analyze_1proc": _rates(one.analyze_s, docs, words, one.analyze_cpu),
        "analyze_2proc": _rates(two.analyze_s, docs, words, two.analyze_cpu),
        "per_stage_1proc": {name: _rates(s, docs, words) for name, s in stages.items()},
        "share_of_pipeline_1proc": {name: round(s / one.seconds, 3) for name, s in stages.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_children_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "load_average_start_end": [round(load_at_start[0], 2), round(os.getloadavg()[0], 2)],
        "ratio_pipeline_to_bare": round(bare / one.seconds, 3),
        "ratio_pipeline_to_bare_cpu": round(bare_cpu / one.cpu, 3),
        "ratio_pipeline_to_wirewatch_nlp_pipe": round(ours / one.seconds, 3),
        "speedup_2proc": round(one.seconds / two.seconds, 3),
        "speedup_2proc_analyze": round(one.analyze_s / two.analyze_s, 3),
    }
