"""The timeline view: merged events, point vs range by date precision, filters, citations."""

from __future__ import annotations

import pytest

from wirewatch.views.filters import Filters
from wirewatch.views.timeline import _span, timeline


@pytest.mark.parametrize(("date", "precision", "span"), [
    ("2016-02-08", "day", ("2016-02-08", "2016-02-08")),
    ("2016-02", "month", ("2016-02-01", "2016-02-29")),
    ("2019-02-11", "publication", ("2019-02-01", "2019-02-28")),
    ("2021", "year", ("2021-01-01", "2021-12-31")),
    # An ISO week runs Monday to Sunday (it was read as its whole year).
    ("2019-W03", "week", ("2019-01-14", "2019-01-20")),
    ("2020-W01", "week", ("2019-12-30", "2020-01-05")),
    ("2019-SU", "season", ("2019-06-01", "2019-08-31")),
    ("2019-W53", "week", ("2019-W53", "2019-W53")),  # no such week: the value as it is
    (None, None, (None, None)),
])
def test_timeline_span_by_precision(date, precision, span):
    assert _span(date, precision) == span


@pytest.fixture
def store(desk):
    return desk


def test_timeline_items_are_merged_events_in_order(store):
    items = timeline(store, Filters(), limit=None)
    assert items
    starts = [i["start"] for i in items if i["start"]]
    assert len({i["id"] for i in items}) == len(items)
    assert all(i["mentions"] for i in items)
    assert sum(i["point"] for i in items) and sum(not i["point"] for i in items)
    dated = [i for i in items if i["date"]]
    assert [i["date"] for i in dated] == sorted(i["date"] for i in dated)
    assert starts


@pytest.mark.parametrize("filters", [
    Filters(actor="CAN"), Filters(type="request"), Filters(date_from="2016", date_to="2017"),
    Filters(place="Iraq"), Filters(q="coalition"), Filters(actor="Sajjan", type="CONSULT"),
])
def test_timeline_filters_hold_for_every_item(store, filters):
    checked = filters.checked(store)
    for item in timeline(store, checked, limit=None):
        matching = [m for m in item["mentions"]
                    if (not checked.type or m["type"] == checked.type)
                    and (not checked.actor or checked.actor in
                         {a["actor_id"] for a in m["source"] + m["target"]})]
        assert matching, (filters, item["id"])


def test_timeline_marks_what_every_report_tells_as_intended(store):
    """Seed 04: "Trudeau promised to remove Canada's six CF-18s" is intended; seed 02's
    "airstrikes by Canadian fighter jets continue" are carried out."""
    items = timeline(store, Filters(), limit=None)
    promised = [i for i in items if i["type"] == "CONCEDE" and any(
        "promised to remove" in m["evidence_text"] for m in i["mentions"])]
    strikes = [i for i in items if i["type"] == "ASSAULT" and any(
        "airstrikes by Canadian fighter jets continue" in m["evidence_text"]
        for m in i["mentions"])]
    assert promised and all(i["intended"] for i in promised)
    assert strikes and not any(i["intended"] for i in strikes)
