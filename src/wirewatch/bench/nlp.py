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
- the same with 2 processes (decoding and cleaning, parsing and extraction in 2 workers; this
  process reads the input and writes the store).

Loading the spaCy model, the event classifier and the gazetteer is a warm-up before any timing,
as it is for the bare loop. The ratios are what to read: they hold on a loaded machine where
absolute rates do not; the load average is printed beside them. On a busy machine the ratio of
CPU seconds (this process and its workers) is the steadier one: waiting for a core costs wall
time, not CPU time.

The first three timings are interleaved: the stories are cut into `blocks` runs of consecutive
stories, and each block is timed with bare spaCy, our spaCy and the whole pipeline (into one
store), in an order that rotates from block to block; each timing is the sum over the blocks.
A shared machine's speed drifts by ±10 % over the minutes a run takes, so timing one after the
other measured the drift as much as the code (the same code gave ratios 0.60–0.74 back to back);
interleaved, the drift falls on all three alike.

The 2-process speed-up compares whole-corpus runs, as a user runs them: 2 processes, then 1, then
2 again (A-B-A), each into a fresh store; the speed-up is the 1-process time over the mean of the
two 2-process times, so a drift that is steady over the three runs cancels. (Blocks would not do
here: each 2-process run forks its workers and drains its last batch once, a cost a block of 200
stories pays five times.)
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from dataclasses import dataclass, field
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
    """Wall and CPU seconds of `nlp.pipe` over `texts`."""
    cpu, started = _cpu_seconds(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started, _cpu_seconds() - cpu


def _clean_texts(db: Path, source: Path) -> dict[str, str]:
    """url -> the clean text the store keeps, from an untimed ingest (duplicates left out)."""
    run_ingest, _ = local_engine(1)
    with Store(db) as store:
        run_ingest([str(source)], store)
        return {r["url"]: r["text"] for r in store.query("SELECT url, text FROM documents")}


@dataclass
class _Totals:
    """Wall and CPU seconds of each interleaved timing, summed over the blocks."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name] = self.wall.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def add_run(self, run: _Run) -> None:
        self.add("ingest", run.ingest_s, run.ingest_cpu)
        self.add("analyze", run.analyze_s, run.analyze_cpu)
        for name, seconds in {"ingest": run.ingest_s, **run.report.seconds}.items():
            self.stages[name] = self.stages.get(name, 0.0) + seconds


def _rates(seconds: float, docs: int, words: int, cpu: float | None = None) -> dict[str, float]:
    rates = {"seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 1),
             "words_per_s": round(words / seconds)}
    if cpu is not None:
        rates["cpu_seconds"] = round(cpu, 2)
    return rates


def bench_nlp(data: Path, *, limit: int = 1000, blocks: int = 5) -> dict[str, Any]:
    load_at_start = os.getloadavg()
    stories = _stories(data, limit)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm_up = _write_jsonl(folder / "warm-up.jsonl", stories[:WARM_UP_DOCS])
        _pipeline(folder / "warm-up.db", warm_up, 1)  # loads every model before any timing
        source = _write_jsonl(folder / "stories.jsonl", stories)
        clean = _clean_texts(folder / "texts.db", source)
        bare_nlp, our_nlp = spacy.load(resolve_model_name()), load_nlp()
        for nlp in (bare_nlp, our_nlp):
            _time_pipe(nlp, list(clean.values())[:WARM_UP_DOCS])
        totals = _Totals()
        size = -(-len(stories) // blocks)
        for number in range(blocks):
            block = stories[number * size:(number + 1) * size]
            texts = [clean[s["url"]] for s in block if s["url"] in clean]
            block_source = _write_jsonl(folder / f"block-{number}.jsonl", block)
            order = ["bare", "ours", "pipeline"]
            for name in order[number % 3:] + order[:number % 3]:
                if name == "pipeline":
                    totals.add_run(_pipeline(folder / "one.db", block_source, 1))
                else:
                    totals.add(name, *_time_pipe(bare_nlp if name == "bare" else our_nlp, texts))
        bare, bare_cpu = totals.wall["bare"], totals.cpu["bare"]
        ours, ours_cpu = totals.wall["ours"], totals.cpu["ours"]
        with Store(folder / "one.db") as store:
            texts = [r["text"] for r in store.query("SELECT text FROM documents ORDER BY seq")]
        docs, words = len(texts), sum(len(t.split()) for t in texts)
        two_before = _pipeline(folder / "two-a.db", source, 2)
        one_whole = _pipeline(folder / "one-whole.db", source, 1)
        two_after = _pipeline(folder / "two-b.db", source, 2)
    one_seconds = totals.wall["ingest"] + totals.wall["analyze"]
    one_cpu = totals.cpu["ingest"] + totals.cpu["analyze"]
    two_seconds = (two_before.seconds + two_after.seconds) / 2
    two_cpu = (two_before.cpu + two_after.cpu) / 2
    two_analyze = (two_before.analyze_s + two_after.analyze_s) / 2
    two_analyze_cpu = (two_before.analyze_cpu + two_after.analyze_cpu) / 2
    stages = totals.stages
    return {
        "bench": "nlp",
        "model": f"{model_info(bare_nlp)['name']} {model_info(bare_nlp)['version']}",
        "docs": docs,
        "words": words,
        "blocks": blocks,
        "pipeline_includes": "ingest (read, decode, clean, metadata, dedup, store documents)"
                             " + analyze (parse, mentions, roles, events, quotes, figures,"
                             " store parses, facts and ledger); models loaded before timing",
        "bare_nlp_pipe": _rates(bare, docs, words, bare_cpu),
        "wirewatch_nlp_pipe": _rates(ours, docs, words, ours_cpu),
        "pipeline_1proc": _rates(one_seconds, docs, words, one_cpu),
        "pipeline_1proc_whole": _rates(one_whole.seconds, docs, words, one_whole.cpu),
        "pipeline_2proc": _rates(two_seconds, docs, words, two_cpu),
        "pipeline_2proc_runs_seconds": [round(two_before.seconds, 2),
                                        round(two_after.seconds, 2)],
        "analyze_1proc": _rates(totals.wall["analyze"], docs, words, totals.cpu["analyze"]),
        "analyze_1proc_whole": _rates(one_whole.analyze_s, docs, words, one_whole.analyze_cpu),
        "analyze_2proc": _rates(two_analyze, docs, words, two_analyze_cpu),
        "per_stage_1proc": {name: _rates(s, docs, words) for name, s in stages.items()},
        "share_of_pipeline_1proc": {name: round(s / one_seconds, 3) for name, s in stages.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_children_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "load_average_start_end": [round(load_at_start[0], 2), round(os.getloadavg()[0], 2)],
        "ratio_pipeline_to_bare": round(bare / one_seconds, 3),
        "ratio_pipeline_to_bare_cpu": round(bare_cpu / one_cpu, 3),
        "ratio_pipeline_to_wirewatch_nlp_pipe": round(ours / one_seconds, 3),
        "speedup_2proc": round(one_whole.seconds / two_seconds, 3),
        "speedup_2proc_analyze": round(one_whole.analyze_s / two_analyze, 3),
    }
