"""Human corrections to consolidated people, kept apart from machine output and re-applied.

A judgement names actors by id (or by a name or alias that picks out one actor) and is applied
to a fresh ActorBook after every re-run, in order: merge A into B, split an alias off A into a
new actor, add an alias to A, reject A as not an actor. Applying the same judgements twice gives
the same book. A judgement the current book no longer supports (its actor is gone, the alias no
longer occurs) is not an error: it is listed in `ActorBook.unapplied` with the reason.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from wirewatch.actors.consolidate import ActorBook, build_actor
from wirewatch.actors.people import fold
from wirewatch.nlp.document import person_id

Action = Literal["merge", "split", "alias", "reject"]
ACTIONS: tuple[str, ...] = ("merge", "split", "alias", "reject")


@dataclass(frozen=True)
class Judgement:
    """merge: subject into object; split: alias `object` off subject; alias: add `object` to
    subject; reject: subject is not an actor."""

    action: Action
    subject: str
    object: str | None = None
    created_at: str | None = None


def apply_judgements(book: ActorBook, judgements: Iterable[Judgement]) -> ActorBook:
    """A new book with the judgements applied in order; the input book is left as it was."""
    judged = copy.deepcopy(book)
    judged.unapplied = []
    for judgement in judgements:
        reason = _apply(judged, judgement)
        if reason is not None:
            judged.unapplied.append((judgement, reason))
    return judged


def _apply(book: ActorBook, judgement: Judgement) -> str | None:
    if judgement.action not in ACTIONS:
        return f"unknown action {judgement.action!r}"
    if judgement.action == "reject":
        return _reject(book, judgement.subject)
    subject = _find(book, judgement.subject)
    if subject is None:
        return f"no actor {judgement.subject!r}"
    if judgement.object is None:
        return f"{judgement.action} needs an object"
    if judgement.action == "merge":
        return _merge(book, subject, judgement.object)
    if judgement.action == "split":
        return _split(book, subject, judgement.object)
    return _alias(book, subject, judgement.object)


def _find(book: ActorBook, ref: str) -> str | None:
    """The current id of an actor named by id (following merges), or by a unique name/alias."""
    seen = set()
    while ref in book.merged_into and ref not in seen:
        seen.add(ref)
        ref = book.merged_into[ref]
    if ref in book.actors:
        return ref
    folded = fold(ref)
    named = [a.id for a in book.actors.values()
             if folded in {fold(a.name), *(fold(x) for x in a.aliases)}]
    return named[0] if len(named) == 1 else None


def _rebuild(book: ActorBook, actor_id: str) -> None:
    book.actors[actor_id] = build_actor(
        actor_id, book.sightings_of(actor_id), book.extra_aliases.get(actor_id, ())
    )


def _repoint(book: ActorBook, keys: Iterable[tuple[str, str]], actor_id: str | None) -> None:
    for key in keys:
        book.mapping[key] = actor_id


def _merge(book: ActorBook, subject: str, target_ref: str) -> str | None:
    target = _find(book, target_ref)
    if target is None:
        return f"no actor {target_ref!r} to merge into"
    if target == subject:
        return None
    moved = [k for k, held in book.mapping.items() if held == subject]
    _repoint(book, moved, target)
    aliases = book.extra_aliases.setdefault(target, [])
    for alias in (*book.extra_aliases.pop(subject, []), book.actors[subject].name):
        if alias not in aliases:
            aliases.append(alias)
    del book.actors[subject]
    book.merged_into[subject] = target
    _rebuild(book, target)
    return None


def _split(book: ActorBook, subject: str, alias: str) -> str | None:
    folded = fold(alias)
    held = book.sightings_of(subject)
    moving = [(s.doc_id, s.local_id) for s in held if fold(s.name) == folded]
    if not moving:
        if alias in book.extra_aliases.get(subject, []):
            book.extra_aliases[subject].remove(alias)
            _rebuild(book, subject)
            return None
        if book.split_off.get((subject, folded)) in book.actors:
            return None
        return f"{subject!r} has no mention named {alias!r}"
    if len(moving) == len(held):
        return f"{alias!r} is the only name of {subject!r}; nothing to split"
    new_id, n = person_id(alias), 1
    while new_id in book.actors or new_id in book.merged_into:
        n += 1
        new_id = f"{person_id(alias)}-{n}"
    _repoint(book, moving, new_id)
    book.split_off[(subject, folded)] = new_id
    _rebuild(book, subject)
    _rebuild(book, new_id)
    return None


def _alias(book: ActorBook, subject: str, alias: str) -> str | None:
    actor = book.actors[subject]
    if alias == actor.name or alias in actor.aliases:
        return None
    book.extra_aliases.setdefault(subject, []).append(alias)
    _rebuild(book, subject)
    return None


def _reject(book: ActorBook, ref: str) -> str | None:
    actor_id = _find(book, ref)
    if actor_id is None:
        return None if ref in book.rejected else f"no actor {ref!r}"
    _repoint(book, [k for k, held in book.mapping.items() if held == actor_id], None)
    del book.actors[actor_id]
    # Remember the reference as given too, so a judgement that names the actor is idempotent.
    book.rejected.update((actor_id, ref))
    return None
