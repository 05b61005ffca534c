"""Gold-data gate for toponym resolution: floors pinned ~0.01 below the measured scores."""

from __future__ import annotations

import pytest

from wirewatch.eval import run

# file -> (acc161 floor, auc ceiling: lower auc is better)
FLOORS = {
    "GWN.xml": (0.89, 0.175),
    "TR-News.xml": (0.885, 0.16),
    "GeoVirus.xml": (0.81, 0.31),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_eval_geo_meets_floor(data_path, name):
    result = run("geo", data_path("geo", name))
    acc_floor, auc_ceiling = FLOORS[name]
    assert result["n"] > 1000
    assert result["acc161"] >= acc_floor
    assert result["auc"] <= auc_ceiling
