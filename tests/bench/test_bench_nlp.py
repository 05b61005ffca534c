"""`wirewatch bench nlp` runs end to end on a few stories (what it reports, not how fast)."""

from __future__ import annotations

from wirewatch.bench.nlp import bench_nlp


def test_bench_nlp_interleaves_and_reports_every_timing(data_path):
    result = bench_nlp(data_path("corpus", "reuters21578"), limit=24, blocks=3)
    assert result["blocks"] == 3
    assert 20 <= result["docs"] <= 24 and result["words"] > 1000
    one = result["pipeline_1proc"]["seconds"]
    stages = result["per_stage_1proc"]
    assert {"ingest", "parse", "events", "quotes", "figures", "store"} <= set(stages)
    # The stages of the three block runs add up to (nearly all of) the summed pipeline time.
    assert 0.8 * one <= sum(s["seconds"] for s in stages.values()) <= one * 1.01 + 0.05
    for timing in ("bare_nlp_pipe", "wirewatch_nlp_pipe", "pipeline_1proc", "pipeline_1proc_whole",
                   "pipeline_2proc"):
        assert result[timing]["seconds"] > 0 and result[timing]["cpu_seconds"] > 0
    # 2 processes are timed twice, around one whole-corpus 1-process run (A-B-A), and averaged.
    before, after = result["pipeline_2proc_runs_seconds"]
    assert abs(result["pipeline_2proc"]["seconds"] - (before + after) / 2) < 0.02
    speedup = result["pipeline_1proc_whole"]["seconds"] / result["pipeline_2proc"]["seconds"]
    assert abs(result["speedup_2proc"] - speedup) < 0.05
    # The ratio is of the summed timings (rounded seconds above, hence the tolerance).
    assert abs(result["ratio_pipeline_to_bare"] - result["bare_nlp_pipe"]["seconds"] / one) < 0.02
