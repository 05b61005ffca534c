"""The desk's shared filters: dates checked and widened, queries checked, actors resolved."""

from __future__ import annotations

import pytest

from wirewatch.store import open_store
from wirewatch.views.actors import ActorNotFound
from wirewatch.views.filters import BadFilter, Filters


@pytest.fixture
def store(store_target):
    with open_store(store_target) as store:
        yield store


@pytest.mark.parametrize(("given", "date_from", "date_to"), [
    (Filters(date_from="2016", date_to="2021"), "2016", "2021-12-31"),
    (Filters(date_from="2016-02", date_to="2016-02"), "2016-02", "2016-02-29"),
    (Filters(date_to="2021-02-17"), None, "2021-02-17"),
    (Filters(date_from="", date_to=""), None, None),
])
def test_filters_dates_widen_to_their_period(store, given, date_from, date_to):
    checked = given.checked(store)
    assert (checked.date_from, checked.date_to) == (date_from, date_to)


@pytest.mark.parametrize(("given", "message"), [
    (Filters(date_from="2016-13"), "no month 13"),
    (Filters(date_to="2021-02-29"), "no day 29"),
    (Filters(date_from="last week"), "YYYY"),
    (Filters(date_from="2020", date_to="2019"), "after"),
    (Filters(q="()*"), "no searchable words"),
    (Filters(type="BOMBING"), "PLOVER"),
])
def test_filters_bad_values_say_why(store, given, message):
    with pytest.raises(BadFilter, match=message):
        given.checked(store)


def test_filters_unknown_actor(store):
    with pytest.raises(ActorNotFound):
        Filters(actor="nobody").checked(store)


def test_filters_type_is_upper_case(store):
    assert Filters(type="request").checked(store).type == "REQUEST"
