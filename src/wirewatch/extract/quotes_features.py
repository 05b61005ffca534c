"""Token features for tagging attribution roles (source, cue, content) in a parsed document.

Shared by the trainer (scripts/train_quotes.py) and the tagger (extract/quotes.py) so both see
exactly the same features. What a reader uses to spot an attribution is encoded here: whether a
word is a known cue (learned from PolNeAR train), where the word hangs in the parse relative to
the nearest cue word (its subject is the source, its complement the content), and whether the
word sits inside quotation marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

OPENING_QUOTES = frozenset({"“", "«", "‘", "„"})
CLOSING_QUOTES = frozenset({"”", "»", "’"})
STRAIGHT_QUOTES = frozenset({'"', "''", "``"})
# A word whose lemma is this often a cue in training is a cue candidate for parse-path features.
CANDIDATE_RATE = 0.15


def rate_bucket(rate: float) -> str:
    for bound, name in ((0.05, "0"), (0.15, "1"), (0.4, "2"), (0.7, "3")):
        if rate < bound:
            return name
    return "4"


def quote_depths(doc: Iterable[Token]) -> list[int]:
    """How many quotation marks are open at each token; marks themselves count as inside.

    Paragraph breaks reset the count: a quote running over several paragraphs reopens its
    marks at the start of each paragraph and leaves the earlier ones unclosed.
    """
    depths = []
    depth = 0
    for token in doc:
        text = token.text
        if "\n" in text:
            depth = 0
        if text in OPENING_QUOTES or (text in STRAIGHT_QUOTES and depth == 0):
            depth += 1
            depths.append(depth)
            continue
        if text in CLOSING_QUOTES or text in STRAIGHT_QUOTES:
            depths.append(max(depth, 1))
            depth = max(depth - 1, 0)
            continue
        depths.append(depth)
        if "\n" in token.whitespace_:
            depth = 0
    return depths


def sentence_numbers(doc: Iterable[Token]) -> list[int]:
    """A running sentence number per token; a paragraph break always starts a new sentence.

    The parser sometimes runs a sentence over a paragraph break, which would join a quote to
    the cue of the next paragraph.
    """
    index = []
    number = 0
    after_break = False
    for token in doc:
        if token.i and (token.is_sent_start or after_break):
            number += 1
        index.append(number)
        after_break = "\n" in token.text or "\n" in token.whitespace_
    return index


@dataclass(frozen=True)
class _Anchor:
    """Where a token hangs from its nearest cue-candidate ancestor in the parse."""

    relation: str  # dependency relation of the candidate's child on the path
    depth: int
    side: str  # "L" when the token precedes the candidate, else "R"
    rate: float  # cue rate of the candidate
    child: int  # the candidate's child on the path: its subtree is a likely role span


def _cue_anchor(
    token: int, heads: list[int], deps: list[str], candidates: Mapping[int, float]
) -> _Anchor | None:
    """The nearest candidate ancestor of `token` (indices into the document's `heads` and
    `deps`): a source is often the nsubj subtree of "said", a content its ccomp subtree."""
    child = token
    depth = 0
    while heads[child] != child and depth < 12:
        depth += 1
        head = heads[child]
        if head in candidates:
            side = "L" if token < head else "R"
            return _Anchor(deps[child], depth, side, candidates[head], child)
        child = head
    return None


_NEIGHBOUR_KEYS = ("w", "lemma", "pos", "q", "lex", "dep")
# (offset, the neighbour's feature names, the name marking no neighbour there)
_OFFSETS = tuple((offset, tuple(f"{offset}:{key}" for key in _NEIGHBOUR_KEYS), f"{offset}:edge")
                 for offset in (-2, -1, 1, 2))


def doc_features(doc: Doc, cue_rates: Mapping[str, float]) -> list[dict[str, float | str]]:
    """One feature dict per token of `doc` (crfsuite item format: name -> value).

    Token attributes are read once into lists: a spaCy Token is rebuilt on every access, which
    made reading neighbours and heads the bulk of the tagging time.
    """
    tokens = list(doc)
    n = len(tokens)
    depths = quote_depths(tokens)
    lemmas = [t.lemma_.lower() for t in tokens]
    rates = [cue_rates.get(lemma, 0.0) for lemma in lemmas]
    heads = [t.head.i for t in tokens]
    deps = [t.dep_ for t in tokens]
    candidates = {i: rate for i, rate in enumerate(rates) if rate >= CANDIDATE_RATE}
    sentence_of = sentence_numbers(tokens)
    members: dict[int, list[int]] = {}
    for i, number in enumerate(sentence_of):
        members.setdefault(number, []).append(i)
    sentence_info = {}
    for number, ids in members.items():
        in_sent = [i for i in ids if i in candidates]
        quoted = sum(1 for i in ids if depths[i] > 0)
        sentence_info[number] = (in_sent, rate_bucket(quoted / len(ids)), ids[0], ids[-1] + 1)
    paragraph_quoted = _paragraph_opens_with_quote(tokens)
    buckets = [rate_bucket(rate) for rate in rates]
    base = [_token_base(t, depths[i], buckets[i], lemmas[i]) for i, t in enumerate(tokens)]
    neighbours = [tuple(b[key] for key in _NEIGHBOUR_KEYS) for b in base]
    words = [b["w"] for b in base]
    features = []
    for i in range(n):
        feats: dict[str, float | str] = {"bias": 1.0, **base[i]}
        for offset, names, edge in _OFFSETS:
            j = i + offset
            if 0 <= j < n:
                feats.update(zip(names, neighbours[j], strict=True))
            else:
                feats[edge] = 1.0
        feats["-1:w|w"] = f"{words[i - 1] if i else '^'}|{words[i]}"
        head = heads[i]
        feats["head_lemma"] = lemmas[head]
        feats["head_dep"] = deps[head]
        feats["head_lex"] = buckets[head]
        anchor = _cue_anchor(i, heads, deps, candidates)
        if anchor:
            relation = anchor.relation
            feats["anchor_rel"] = relation
            feats["anchor_rel_side"] = f"{relation}:{anchor.side}"
            feats["anchor_rel_depth"] = f"{relation}:{min(anchor.depth, 4)}"
            feats["anchor_rel_lex"] = f"{relation}:{rate_bucket(anchor.rate)}"
            child = tokens[anchor.child]
            if i == child.left_edge.i:
                feats["anchor_first"] = relation
            if i == child.right_edge.i:
                feats["anchor_last"] = relation
        if i and i - 1 in candidates:
            feats["after_candidate"] = f"{deps[i - 1]}:{deps[i]}"
        in_sent, quoted_bucket, start, end = sentence_info[sentence_of[i]]
        feats["sent_quoted"] = quoted_bucket
        feats["sent_first"] = float(i == start)
        feats["sent_last"] = float(i == end - 1)
        if in_sent:
            nearest = in_sent[0] if len(in_sent) == 1 else min(in_sent, key=lambda j: abs(j - i))
            side = "self" if nearest == i else ("before" if i < nearest else "after")
            distance = abs(nearest - i)
            feats["cand_side"] = side
            feats["cand_side_dist"] = f"{side}:{min(distance, 6)}"
            feats["cand_side_q"] = f"{side}:{depths[i] > 0}"
        else:
            feats["cand_none"] = 1.0
            feats["cand_none_q"] = base[i]["q"]
        feats["para_quote"] = float(paragraph_quoted[i])
        features.append(feats)
    return features


def _token_base(token: Token, depth: int, bucket: str, lemma: str) -> dict[str, str]:
    text = token.text
    return {
        "w": token.lower_ if not token.is_space else ("NL" if "\n" in text else "SP"),
        "lemma": lemma,
        "pos": token.pos_,
        "tag": token.tag_,
        "dep": token.dep_,
        "shape": token.shape_[:4],
        "q": "1" if depth > 0 else "0",
        "lex": bucket,
        "ent": token.ent_type_ or "-",
        "title": "1" if token.is_title else "0",
    }


def _paragraph_opens_with_quote(doc: Iterable[Token]) -> list[bool]:
    """Whether each token's paragraph begins with an opening quotation mark."""
    flags = []
    current = False
    at_start = True
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                at_start, current = True, False
            flags.append(current)
            continue
        if at_start:
            current = token.text in OPENING_QUOTES or token.text in STRAIGHT_QUOTES
            at_start = False
        flags.append(current)
        if "\n" in token.whitespace_:
            at_start, current = True, False
    return flags
