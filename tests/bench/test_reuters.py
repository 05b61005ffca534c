"""The Reuters-21578 reader the benchmarks run on: every story with a body keeps its date."""

from __future__ import annotations

from itertools import islice

from wirewatch.bench.reuters import read_reuters


def test_reuters_single_digit_days_keep_their_date(data_path):
    stories = list(islice(read_reuters(data_path("corpus", "reuters21578")), 2000))
    assert stories and all(s.date is not None for s in stories)
    assert any(s.date.endswith(("-01", "-02", "-03", "-04", "-05", "-06", "-07", "-08", "-09"))
               for s in stories)
