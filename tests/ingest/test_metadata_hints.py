import pytest

from wirewatch.ingest.metadata import parse_given_date


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2019-01-04", ("2019-01-04", "day")),
        ("2019-01-04T10:00:00Z", ("2019-01-04", "day")),
        ("2019-01", ("2019-01", "month")),
        ("2019", ("2019", "year")),
        ("2019-02-30", ("2019-02", "month")),
        ("2019-13-01", ("2019", "year")),
        ("yesterday", None),
    ],
)
def test_metadata_given_dates_keep_only_what_is_certain(given, expected):
    assert parse_given_date(given) == expected
