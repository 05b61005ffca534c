"""Gold-data gate for time expressions: floors just below the measured dev scores, only go up."""

from __future__ import annotations

import json

import pytest

from wirewatch.eval import run
from wirewatch.eval.timex import same_value

TIMEML_FLOORS = {
    "accuracy": 0.888,
    "accuracy_DATE": 0.891,
    "accuracy_DURATION": 0.897,
    "accuracy_SET": 0.923,
    "accuracy_TIME": 0.714,
    "find_precision": 0.914,
    "find_recall": 0.955,
    "find_accuracy": 0.845,
}
RECOGNIZERS_FLOORS = {
    "accuracy": 0.511,
    "precision": 0.568,
    "recall": 0.511,
    "resolved_precision": 0.696,
    "resolved_recall": 0.626,
}


@pytest.mark.slow
def test_eval_timex_timeml_floor(data_path):
    result = run("timex", data_path("time", "tbaq"))
    assert result["n"] > 1000
    for metric, floor in TIMEML_FLOORS.items():
        assert result[metric] >= floor, (metric, result[metric])


@pytest.mark.slow
def test_eval_timex_recognizers_floor(data_path):
    result = run("timex", data_path("time", "recognizers"))
    assert result["n"] > 300
    assert "not_supported_python" in result["skipped"]
    for metric, floor in RECOGNIZERS_FLOORS.items():
        assert result[metric] >= floor, (metric, result[metric])


@pytest.mark.parametrize(
    ("ours", "gold", "same"),
    [
        ("2000-W07", "2000-W7", True),  # an unpadded ISO week in the gold is the same week
        ("2000-W07", "2000-W07", True),
        ("2000-W07", "2000-W17", False),
        ("2000-W17", "2000-W1", False),
        ("1998", "1998-XX", False),
    ],
)
def test_eval_timex_same_value_reads_unpadded_weeks(ours, gold, same):
    assert same_value(ours, gold) is same


def test_eval_timex_recognizers_resolved_match_counts_the_spec_own_dates(tmp_path):
    friday = {"timex": "XXXX-WXX-5", "type": "date"}
    november = {"timex": "XXXX-11", "type": "daterange"}
    reference = {"ReferenceDateTime": "2016-11-07T00:00:00"}
    cases = [
        {"Input": "I'll go back on Friday", "Context": reference,
         "Results": [{"Text": "friday", "Start": 16, "End": 21, "TypeName": "datetimeV2.date",
                      "Resolution": {"values": [{**friday, "value": "2016-11-04"},
                                                {**friday, "value": "2016-11-11"}]}}]},
        {"Input": "I'll be out in November", "Context": reference,
         "Results": [{"Text": "november", "Start": 15, "End": 22,
                      "TypeName": "datetimeV2.daterange",
                      "Resolution": {"values": [
                          {**november, "start": "2015-11-01", "end": "2015-12-01"},
                          {**november, "start": "2016-11-01", "end": "2016-12-01"}]}}]},
    ]
    path = tmp_path / "DateTimeModel.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    result = run("timex", path)
    assert (result["n"], result["recall"], result["resolved_recall"]) == (2, 0.0, 1.0)
