"""Figure series: the same measure of the same actor over time, and whether sources agree.

Figures with one subject, measure and unit form a series (the unit keeps money in different
currencies and the parts of a breakdown, "men" and "women" detained, apart). Figures without a
subject or without a calendar as-of date cannot be placed and are left out.

Points: a day-precision date counts as its whole month, so two reports of the same month meet;
figures whose intervals overlap (a month inside a year, two weeks of one month) share a point.

Agreement: each figure stands for the values it allows. An exact value allows itself; an
approximate one ("about 190", "nearly 200") allows 10% either side; a range allows its span; "more
than 850" allows 850 and up, "fewer than 400" up to 400. Figures agree when one value satisfies
them all; otherwise the point is flagged `conflict`. So "about 190" agrees with "190" and with
"nearly 200", while "190" and "200" exactly disagree.

Sources: figures from documents of one duplicate cluster (syndicated wire copies) count once, and
so do several figures of one document; `n_independent_sources` counts what is left.
"""

from __future__ import annotations

import calendar
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from wirewatch.extract.timex import to_interval
from wirewatch.types import FigureMention

__all__ = ["Series", "SeriesPoint", "figure_series", "number_text", "value_text",
           "APPROXIMATION_TOLERANCE"]

APPROXIMATION_TOLERANCE = 0.10
_PRECISE_FIRST = {"exact": 0, "approximately": 1, "range": 2, "lower_bound": 3, "upper_bound": 3}

Reading = tuple[str | None, float | None, float | None, float | None]  # qualifier, value, low, high
_Dated = tuple[tuple[date, date], FigureMention, str]  # (as-of days, figure, source)


@dataclass
class SeriesPoint:
    """What the sources say the figure was at one time."""

    as_of: str
    as_of_precision: str | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    figures: list[FigureMention] = field(default_factory=list)
    n_independent_sources: int = 0
    conflict: bool = False
    values_seen: list[Reading] = field(default_factory=list)


@dataclass
class Series:
    """One subject's measure over time, points in date order."""

    subject_id: str
    subject_name: str
    measure: str
    points: list[SeriesPoint]
    unit: str | None = None


def number_text(value: float) -> str:
    """A figure's value as a reader writes it: 2,000,000 and 1.15, not 2e+06."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


_QUALIFIER_WORDS = {"approximately": "about ", "lower_bound": "more than ",
                    "upper_bound": "fewer than "}


def value_text(value: float | None, low: float | None = None, high: float | None = None,
               qualifier: str | None = None) -> str:
    """What a figure or point says: its range ("8,000–16,000"), else its value, worded with its
    qualifier when one is given ("about 190", "more than 850"), else "?"."""
    if low is not None and high is not None and low != high:
        return f"{number_text(low)}–{number_text(high)}"
    if value is None:
        return "?"
    return f"{_QUALIFIER_WORDS.get(qualifier or '', '')}{number_text(value)}"


def _interval(figure: FigureMention) -> tuple[date, date] | None:
    """The days a figure's as-of covers; a single day widens to its month."""
    if figure.as_of is None:
        return None
    interval = to_interval(figure.as_of)
    if interval is None:
        return None
    first, last = interval
    if first == last:
        month_end = calendar.monthrange(first.year, first.month)[1]
        return first.replace(day=1), first.replace(day=month_end)
    return first, last


def allowed_values(figure: FigureMention) -> tuple[float, float]:
    """The values a figure allows, as a closed interval (see the module docstring)."""
    value, low, high = figure.value, figure.low, figure.high
    if figure.qualifier == "lower_bound" and value is not None:
        return value, math.inf
    if figure.qualifier == "upper_bound" and value is not None:
        return -math.inf, value
    if low is not None and high is not None:
        if figure.qualifier == "approximately":
            return low * (1 - APPROXIMATION_TOLERANCE), high * (1 + APPROXIMATION_TOLERANCE)
        return low, high
    if value is None:
        return -math.inf, math.inf
    if figure.qualifier == "approximately":
        spread = abs(value) * APPROXIMATION_TOLERANCE
        return value - spread, value + spread
    return value, value


def _source(figure: FigureMention, cluster: str | None) -> str:
    return f"cluster:{cluster}" if cluster is not None else f"doc:{figure.doc_id}"


def _group_by_time(
    dated: list[_Dated],
) -> list[list[_Dated]]:
    """Greedy grouping in date order: a figure joins the open group while it overlaps what the
    group's figures have in common; the widest interval opens a group first."""
    groups: list[list[_Dated]] = []
    common: tuple[date, date] | None = None
    for item in sorted(dated, key=lambda d: (d[0][0], -(d[0][1] - d[0][0]).days)):
        (first, last) = item[0]
        if common is not None and first <= common[1] and last >= common[0]:
            common = (max(first, common[0]), min(last, common[1]))
            groups[-1].append(item)
            continue
        groups.append([item])
        common = (first, last)
    return groups


def _point(group: list[_Dated]) -> SeriesPoint:
    figures = [figure for _, figure, _ in group]
    sources = {source for _, _, source in group}
    allowed = [allowed_values(f) for f in figures]
    conflict = max(lo for lo, _ in allowed) > min(hi for _, hi in allowed)
    # The reading most sources give wins; ties go to the most precise value, then the narrowest
    # date. The point is dated by its most precise figure.
    backing = Counter(reading for reading, _ in {(_reading(f), s) for _, f, s in group})
    narrowest = min(figures, key=_width_in_days)
    best = max(figures, key=lambda f: (backing[_reading(f)], -_PRECISE_FIRST.get(f.qualifier, 4),
                                       f is narrowest))
    return SeriesPoint(
        as_of=narrowest.as_of or "", as_of_precision=narrowest.as_of_precision,
        value=best.value, low=best.low, high=best.high, qualifier=best.qualifier,
        figures=figures, n_independent_sources=len(sources), conflict=conflict,
        values_seen=sorted({_reading(f) for f in figures},
                           key=lambda r: (r[1] if r[1] is not None else r[2] or 0.0, str(r[0]))),
    )


def _width_in_days(figure: FigureMention) -> float:
    """How many days a figure's own as-of covers (before widening a day to its month)."""
    interval = to_interval(figure.as_of) if figure.as_of else None
    return (interval[1] - interval[0]).days if interval else math.inf


def _reading(figure: FigureMention) -> Reading:
    return figure.qualifier, figure.value, figure.low, figure.high


def figure_series(
    figures: Iterable[tuple[FigureMention, str | None]],
    *,
    subject: str | None = None,
    measure: str | None = None,
) -> list[Series]:
    """Series from (figure, duplicate-cluster id of its document or None) pairs, optionally only
    one subject's or one measure's; series sorted by subject, measure and unit."""
    grouped: dict[tuple[str, str, str | None], list] = defaultdict(list)
    names: dict[str, str] = {}
    for figure, cluster in figures:
        if figure.subject is None:
            continue
        if subject is not None and figure.subject.actor_id != subject:
            continue
        if measure is not None and figure.measure != measure:
            continue
        interval = _interval(figure)
        if interval is None:
            continue
        key = (figure.subject.actor_id, figure.measure, figure.unit)
        names.setdefault(figure.subject.actor_id, figure.subject.name)
        grouped[key].append((interval, figure, _source(figure, cluster)))
    return [
        Series(subject_id, names[subject_id], measure_name,
               [_point(group) for group in _group_by_time(items)], unit)
        for (subject_id, measure_name, unit), items in sorted(
            grouped.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or ""))
    ]
