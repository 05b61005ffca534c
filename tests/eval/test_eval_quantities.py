"""Gold-data gate for `wirewatch eval quantities`: floors sit just below measured dev scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.eval import run

NEWSQUANT_FLOORS = {"f1": 0.865, "precision": 0.885, "recall": 0.848, "value_f1": 0.918}
QUANTULUM3_FLOORS = {"f1": 0.825, "precision": 0.90, "recall": 0.76}


@pytest.fixture(scope="module")
def newsquant_scores(data_path) -> dict:
    return run("quantities", data_path("quantities", "newsquant"))


@pytest.fixture(scope="module")
def quantulum3_scores(data_path) -> dict:
    return run("quantities", data_path("quantities", "quantulum3"))


@pytest.mark.parametrize("metric", sorted(NEWSQUANT_FLOORS))
def test_eval_quantities_newsquant_dev_stays_above_floor(newsquant_scores: dict,
                                                         metric: str) -> None:
    assert newsquant_scores["n"] == 295
    assert newsquant_scores[metric] >= NEWSQUANT_FLOORS[metric]


def test_eval_quantities_reads_the_json_file_as_well_as_its_folder(data_path) -> None:
    path: Path = data_path("quantities", "newsquant", "NewsQuant.json")
    scores = run("quantities", path)
    assert scores["task"] == "quantities"
    assert scores["f1"] >= NEWSQUANT_FLOORS["f1"]


@pytest.mark.parametrize("metric", sorted(QUANTULUM3_FLOORS))
def test_eval_quantities_quantulum3_stays_above_floor(quantulum3_scores: dict,
                                                      metric: str) -> None:
    assert quantulum3_scores["n"] == 101
    assert quantulum3_scores[metric] >= QUANTULUM3_FLOORS[metric]
