"""Human corrections re-applied to a fresh book: merge, split, alias, reject, idempotently."""

from __future__ import annotations

import pytest

from wirewatch.actors.consolidate import (
    ActorBook,
    DocumentPeople,
    PersonMention,
    consolidate,
)
from wirewatch.actors.judgements import Judgement, apply_judgements
from wirewatch.actors.roles import RoleObservation
from wirewatch.nlp.document import person_id


def _doc(doc_id: str, published: str, *names: str, roles=()) -> DocumentPeople:
    mentions = [PersonMention(name, person_id(name)) for name in names]
    return DocumentPeople(doc_id, published, mentions, list(roles))


@pytest.fixture
def book() -> ActorBook:
    minister = RoleObservation("d1", "Harjit Sajjan", "Defence Minister", None, "CAN", "GOV",
                               0, 10, "person:harjit-sajjan", ("GOV", "MIL"))
    return consolidate([
        _doc("d1", "2016-01-19", "Harjit Sajjan", "Harjit Sajjan", "Global Affairs",
             roles=[minister]),
        _doc("d2", "2017-06-16", "H. Sajjan", "Ashton Carter"),
        _doc("d3", "2018-01-01", "Carter"),
    ])


def _names(book: ActorBook) -> set[str]:
    return {a.name for a in book.actors.values()}


def test_judgements_merge_moves_mentions_and_aliases(book):
    judged = apply_judgements(book, [Judgement("merge", "person:carter", "Ashton Carter")])
    carter = judged.actors["person:ashton-carter"]
    assert "Carter" in carter.aliases and carter.doc_ids == ["d2", "d3"]
    assert judged.mapping[("d3", "person:carter")] == "person:ashton-carter"
    assert judged.unapplied == []
    assert "person:carter" in book.actors and len(book.actors) == len(judged.actors) + 1


def test_judgements_split_alias_into_new_actor(book):
    judged = apply_judgements(book, [Judgement("split", "person:harjit-sajjan", "H. Sajjan")])
    assert judged.actor_for("d2", "person:h-sajjan").name == "H. Sajjan"
    sajjan = judged.actors["person:harjit-sajjan"]
    assert "H. Sajjan" not in sajjan.aliases and sajjan.doc_ids == ["d1"]
    assert sajjan.country == "CAN" and sajjan.roles[0].title == "Defence Minister"


def test_judgements_alias_and_reject(book):
    judged = apply_judgements(book, [
        Judgement("alias", "person:harjit-sajjan", "Harjit Singh Sajjan"),
        Judgement("reject", "person:global-affairs"),
    ])
    assert "Harjit Singh Sajjan" in judged.actors["person:harjit-sajjan"].aliases
    assert "Global Affairs" not in _names(judged)
    assert judged.mapping[("d1", "person:global-affairs")] is None
    assert judged.actor_for("d1", "person:global-affairs") is None


def test_judgements_are_idempotent_and_round_trip(book):
    judgements = [
        Judgement("merge", "person:carter", "person:ashton-carter", "2024-01-01T00:00:00"),
        Judgement("split", "person:harjit-sajjan", "H. Sajjan", "2024-01-02T00:00:00"),
        Judgement("alias", "person:harjit-sajjan", "Sajjan", "2024-01-03T00:00:00"),
        Judgement("reject", "Global Affairs", None, "2024-01-04T00:00:00"),
    ]
    once = apply_judgements(book, judgements)
    twice = apply_judgements(once, judgements)
    assert once.unapplied == [] and twice.unapplied == []
    assert once.actors == twice.actors and once.mapping == twice.mapping


@pytest.mark.parametrize(
    ("judgement", "reason"),
    [
        (Judgement("merge", "person:nobody", "person:harjit-sajjan"), "no actor"),
        (Judgement("merge", "person:harjit-sajjan", "person:nobody"), "no actor"),
        (Judgement("split", "person:harjit-sajjan", "Sajjan"), "no mention named"),
        (Judgement("split", "person:carter", "Carter"), "nothing to split"),
        (Judgement("reject", "person:nobody"), "no actor"),
        (Judgement("alias", "person:harjit-sajjan"), "needs an object"),
    ],
)
def test_judgements_that_no_longer_apply_are_reported(book, judgement, reason):
    judged = apply_judgements(book, [judgement])
    ((reported, why),) = judged.unapplied
    assert reported == judgement and reason in why
    assert judged.actors == book.actors
