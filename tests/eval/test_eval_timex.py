"""Gold-data gate for time expressions: floors only go up."""

from __future__ import annotations

import pytest

from wirewatch.eval import run

pytestmark = pytest.mark.slow


def test_eval_timex_timeml_floor(data_path):
    result = run("timex", data_path("time", "tbaq"))
    assert result["n"] > 1000
    assert result["accuracy"] >= 0.82


def test_eval_timex_recognizers_floor(data_path):
    result = run("timex", data_path("time", "recognizers"))
    assert result["n"] > 300
    assert result["accuracy"] >= 0.45
    assert "not_supported_python" in result["skipped"]
