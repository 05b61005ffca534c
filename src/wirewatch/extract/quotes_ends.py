"""Where a content after its cue ends: a second look at the cue-given tagger's right edge.

Given the cue, the content tagger (quotes_content.py) finds where a content after its cue
starts far more often than where it ends: it stops at a comma or a dash the content goes on
past, or runs on into a participle phrase, a dash or a "though" clause the content leaves out
("… should be recognized as intolerable, | arguing that …"). This stage weighs every place in
the cue's sentence where that content could end, with a logistic regression over the words on
either side of the edge, how the words after it hang from the content (or from the cue), the
dependencies the edge would cut, the clauses it would add or drop and the tagger's own edge;
the best place wins when it beats the tagger's edge by the margin. Weights live in ends.json,
trained by scripts/train_quotes.py on PolNeAR train with the edges of content taggers that had
not seen the article (on its own training articles a tagger's edges are too often right).
The tagger's marginals, tried as features too, added nothing on dev.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

ENDS_MODEL_FILE = "ends.json"
# Parts of speech whose words name themselves in the features; other words go by their tag.
_NAMED_POS = frozenset({"PUNCT", "CCONJ", "SCONJ", "ADP", "PART", "PRON", "DET", "AUX"})
# Dependencies that open a clause of their own: a content running over one takes in a verb.
_CLAUSE_DEPS = frozenset({"advcl", "conj", "relcl", "acl", "ccomp", "xcomp", "parataxis"})


@dataclass(frozen=True)
class EndScorer:
    """Logistic-regression weights over named features, and the margin a new edge must win by."""

    weights: Mapping[str, float]
    bias: float
    margin: float

    @classmethod
    def load(cls, path: Path) -> EndScorer:
        meta = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=meta["weights"], bias=meta["bias"], margin=meta["margin"])

    def logit(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())

    def best_end(
        self,
        doc: Doc,
        start: int,
        tagged_end: int,
        window_end: int,
        depths: Sequence[int],
    ) -> int:
        """The end of the content starting at `start` that the tagger ended at `tagged_end`."""
        ends = end_candidates(doc, start, window_end)
        if tagged_end not in ends:
            return tagged_end
        scores = {
            end: self.logit(
                end_features(doc, start, end, tagged_end, window_end, depths)
            )
            for end in ends
        }
        best = max(ends, key=lambda end: (scores[end], end == tagged_end))
        if scores[best] - scores[tagged_end] > self.margin:
            return best
        return tagged_end


def end_candidates(doc: Doc, start: int, window_end: int) -> list[int]:
    """Every token index after `start`, up to `window_end`, that a content could end before
    (never right after whitespace: spans are trimmed)."""
    return [end for end in range(start + 1, window_end + 1) if not doc[end - 1].is_space]


def _hangs_in(token: Token, start: int, end: int) -> str:
    """How a word after the content [start, end) hangs from it: by the relation of its
    ancestor whose head is in the content ("in:advcl"), or before it (the cue), or not at all."""
    child = token
    for _ in range(30):
        head = child.head
        if start <= head.i < end:
            return f"in:{child.dep_}"
        if head.i == child.i:
            return "root"
        if head.i < start:
            return f"before:{child.dep_}"
        child = head
    return "far"


def _hangs_out(token: Token, start: int, end: int) -> str:
    """Where the content's last word leads out of [start, end): the relation of its ancestor
    whose head lies outside, and on which side that head is."""
    child = token
    for _ in range(30):
        head = child.head
        if head.i == child.i:
            return "root"
        if not start <= head.i < end:
            return f"{'before' if head.i < start else 'after'}:{child.dep_}"
        child = head
    return "far"


def _kind(token: Token) -> str:
    return token.lower_ if token.pos_ in _NAMED_POS else token.tag_


def _bucket(count: int) -> str:
    return str(count) if count < 3 else "3+"


def _signed_bucket(distance: int) -> str:
    size = abs(distance)
    for bound in (0, 1, 2, 4, 8, 16):
        if size <= bound:
            return f"{'-' if distance < 0 else '+'}{bound}"
    return f"{'-' if distance < 0 else '+'}far"


def end_features(
    doc: Doc,
    start: int,
    end: int,
    tagged_end: int,
    window_end: int,
    depths: Sequence[int],
) -> dict[str, float]:
    """Features of ending the content [start, end) of a cue's sentence ending at `window_end`."""
    last = doc[end - 1]
    rest = [t for t in doc[end:window_end] if not t.is_space]
    following = rest[0] if rest else None
    last_kind = _kind(last)
    next_kind = _kind(following) if following is not None else "$"
    tagged = end == tagged_end
    inside = range(start, end)
    # Words after the edge hanging from words before it, and the other way round: a content
    # that is a whole subtree cuts neither.
    cut_after = sum(1 for t in rest if t.head.i in inside and not t.is_punct)
    cut_before = sum(
        1 for t in doc[start:end] if end <= t.head.i < window_end and not t.is_punct
    )
    low, high = sorted((end, tagged_end))
    changed = [t for t in doc[low:high] if not t.is_space]
    clauses = sum(1 for t in changed if t.dep_ in _CLAUSE_DEPS and t.pos_ in ("VERB", "AUX"))
    change = "add" if end > tagged_end else "drop"
    words_left = sum(1 for t in rest if not t.is_punct)
    feats: dict[str, float] = {
        f"tagged={tagged}": 1.0,
        f"dist={_signed_bucket(end - tagged_end)}": 1.0,
        f"last={last_kind}": 1.0,
        f"next={next_kind}": 1.0,
        f"last|next={last_kind}|{next_kind}": 1.0,
        f"tagged|next={tagged}|{next_kind}": 1.0,
        f"cut_after={_bucket(cut_after)}": 1.0,
        f"cut_before={_bucket(cut_before)}": 1.0,
        f"cuts={_bucket(cut_after)}|{_bucket(cut_before)}": 1.0,
        f"words_left={_bucket(words_left)}": 1.0,
        f"{change}_clauses={_bucket(clauses)}": 1.0,
    }
    last_word = next((t for t in reversed(doc[start:end]) if not t.is_punct), last)
    feats[f"last_hangs={_hangs_out(last_word, start, end)}"] = 1.0
    quoted = f"{depths[end - 1] > 0}|{following is not None and depths[following.i] > 0}"
    feats[f"quoted={quoted}"] = 1.0
    if following is not None:
        head_inside = following.head.i in inside
        feats[f"next_dep={following.dep_}|{head_inside}"] = 1.0
        next_word = next((t for t in rest if not t.is_punct), following)
        hangs = _hangs_in(next_word, start, end)
        feats[f"next_hangs={hangs}"] = 1.0
        feats[f"next_hangs|next={hangs}|{next_kind}"] = 1.0
        feats[f"next_hangs|tagged={hangs}|{tagged}"] = 1.0
    if changed:
        feats[f"{change}_len={_bucket(len(changed) // 4)}"] = 1.0
    return feats
