"""Figure series: ordering by as-of date, agreement within tolerance, independent sources."""

from __future__ import annotations

import pytest

from wirewatch.types import ActorRef, Evidence, FigureMention
from wirewatch.views.series import allowed_values, figure_series, value_text

CANADA = ActorRef("CAN", "Canada", "country", "CAN")
NATO = ActorRef("igo:nato", "NATO", "igo")


def _figure(doc_id: str, value: float | None, as_of: str | None, *, qualifier: str = "exact",
            precision: str | None = "month", subject: ActorRef | None = CANADA,
            measure: str = "troops", low: float | None = None, high: float | None = None,
            unit: str | None = None) -> FigureMention:
    sentence = f"Canada had {value} troops."
    return FigureMention(doc_id=doc_id, measure=measure, value=value, low=low, high=high,
                         qualifier=qualifier, evidence=Evidence(doc_id, 0, len(sentence), sentence),
                         span=(11, 14), unit=unit, subject=subject, as_of=as_of,
                         as_of_precision=precision)


def test_series_wire_copies_count_as_one_source():
    figures = [
        (_figure("cp-1", 850, "2016-03", qualifier="lower_bound"), "wire-a"),
        (_figure("cp-2", 850, "2016-03", qualifier="lower_bound"), "wire-a"),
        (_figure("cbc", 900, "2016-03-14", precision="day"), None),
    ]
    [series] = figure_series(figures)
    assert (series.subject_id, series.subject_name, series.measure) == ("CAN", "Canada", "troops")
    [point] = series.points
    assert point.n_independent_sources == 2
    assert len(point.figures) == 3
    assert not point.conflict  # "more than 850" allows 900
    assert point.as_of == "2016-03-14"


def test_series_disagreeing_value_in_same_month_is_flagged():
    figures = [
        (_figure("a", 400, "2021-01", qualifier="upper_bound"), None),
        (_figure("b", 450, "2021-01-20", precision="day"), None),
        (_figure("c", 850, "2016", precision="year", qualifier="lower_bound"), None),
    ]
    [series] = figure_series(figures)
    old, new = series.points
    assert (old.as_of, old.conflict, old.n_independent_sources) == ("2016", False, 1)
    assert new.conflict
    assert {r[1] for r in new.values_seen} == {400, 450}


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ((190, "approximately"), (190, "exact"), False),
        ((190, "approximately"), (200, "approximately"), False),  # "about 190", "nearly 200"
        ((190, "exact"), (200, "exact"), True),
        ((150, "approximately"), (200, "approximately"), True),
        ((400, "upper_bound"), (850, "lower_bound"), True),
    ],
)
def test_series_agreement_tolerance(first, second, conflict):
    figures = [(_figure("a", first[0], "2018-12", qualifier=first[1]), None),
               (_figure("b", second[0], "2018-12", qualifier=second[1]), None)]
    [series] = figure_series(figures)
    assert series.points[0].conflict is conflict


def test_series_ranges_agree_when_they_overlap():
    figures = [
        (_figure("a", None, "2021-02", qualifier="range", low=8000, high=16000,
                 subject=None), None),
        (_figure("b", None, "2021-02", qualifier="range", low=8000, high=16000), None),
        (_figure("c", None, "2021-02", qualifier="range", low=14000, high=20000), None),
        (_figure("d", 30000, "2021-02", qualifier="approximately"), None),
    ]
    [point] = figure_series(figures[1:3])[0].points
    assert not point.conflict
    [point] = figure_series(figures)[0].points
    assert point.conflict
    assert point.n_independent_sources == 3  # "a" has no subject and is left out


def test_series_points_are_in_date_order_and_split_by_subject_and_unit():
    figures = [
        (_figure("a", 500, "2018", precision="year", subject=NATO), None),
        (_figure("b", 17, "2021-02-17", precision="publication"), None),
        (_figure("c", 200, "2018", precision="year"), None),
        (_figure("d", 4, "2019-02", measure="detainees", unit="men"), None),
        (_figure("e", 3, "2019-02", measure="detainees", unit="women"), None),
        (_figure("f", 60, None), None),  # no date: cannot be placed
    ]
    series = figure_series(figures)
    keys = [(s.subject_id, s.measure, s.unit) for s in series]
    assert keys == [("CAN", "detainees", "men"), ("CAN", "detainees", "women"),
                    ("CAN", "troops", None), ("igo:nato", "troops", None)]
    canada_troops = series[2]
    assert [p.value for p in canada_troops.points] == [200, 17]
    assert not any(p.conflict for s in series for p in s.points)


@pytest.mark.parametrize(("subject", "measure", "expected"), [
    ("CAN", None, 2), ("igo:nato", None, 1), (None, "troops", 2), ("CAN", "fighters", 0),
])
def test_series_filters_by_subject_and_measure(subject, measure, expected):
    figures = [
        (_figure("a", 500, "2018", subject=NATO), None),
        (_figure("b", 200, "2018"), None),
        (_figure("c", 4, "2019-02", measure="detainees", unit="men"), None),
    ]
    assert len(figure_series(figures, subject=subject, measure=measure)) == expected


@pytest.mark.parametrize(("qualifier", "value", "low", "high", "allowed"), [
    ("exact", 190, None, None, (190, 190)),
    ("approximately", 200, None, None, (180, 220)),
    ("range", None, 8000, 16000, (8000, 16000)),
    ("lower_bound", 850, None, None, (850, float("inf"))),
    ("upper_bound", 400, None, None, (float("-inf"), 400)),
])
def test_series_allowed_values(qualifier, value, low, high, allowed):
    figure = _figure("a", value, "2018", qualifier=qualifier, low=low, high=high)
    assert allowed_values(figure) == pytest.approx(allowed)


@pytest.mark.parametrize(("args", "text"), [
    ((2_000_000.0,), "2,000,000"), ((1.15,), "1.15"), ((None, 8000.0, 16000.0), "8,000–16,000"),
    ((190.0, None, None, "approximately"), "about 190"), ((850.0, None, None, "lower_bound"),
                                                         "more than 850"),
    ((400.0, 400.0, 400.0, "upper_bound"), "fewer than 400"), ((None,), "?"),
    ((float("inf"),), "inf"),
])
def test_value_text_reads_as_written(args, text):
    """One wording of a figure's value for the report, the CLI and the web page."""
    assert value_text(*args) == text
