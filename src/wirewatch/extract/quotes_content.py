"""Where the content (and source) of one known cue starts and ends, tagged given that cue.

The document tagger (quotes.py) finds cues well but often draws a content's edges wrong: it does
not know which cue a word answers to, so a paraphrase runs on into the next clause or starts at
the object of an earlier verb. This second tagger looks at one cue at a time, over the cue's
sentence, with features relative to that cue: which side of it a word is, how far, which of the
cue's dependents (or siblings) the word hangs from, whether that subtree starts or ends at the
word (and how the words beside it hang), and whether another cue word lies between. Trained
by scripts/train_quotes.py on PolNeAR train with the gold cues.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from wirewatch.extract.quotes_features import (
    CANDIDATE_RATE,
    CLOSING_QUOTES,
    OPENING_QUOTES,
    STRAIGHT_QUOTES,
    rate_bucket,
)

_QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES
# Punctuation that may close a content before the cue or open one after it.
_BREAKS = frozenset({",", ":", ";", "--", "—", "–", "(", ")"})
# Token-index range of a cue: start inclusive, end exclusive.
TokenRange = tuple[int, int]


def cue_window(sentence_of: list[int], cue: TokenRange) -> TokenRange:
    """The tokens of the cue's sentence (the sentence of its first token)."""
    number = sentence_of[cue[0]]
    start = cue[0]
    while start > 0 and sentence_of[start - 1] == number:
        start -= 1
    end = cue[1]
    while end < len(sentence_of) and sentence_of[end] == number:
        end += 1
    return start, end


def _cue_root(doc: Doc, cue: TokenRange) -> Token:
    """The cue token whose head lies outside the cue (the cue's syntactic head)."""
    tokens = doc[cue[0] : cue[1]]
    return next((t for t in tokens if not cue[0] <= t.head.i < cue[1]), tokens[0])


def _attachment(token: Token, root: Token, cue: TokenRange) -> tuple[str, Token | None, str]:
    """How `token` hangs from the cue: in a dependent's subtree ("sub"), in a sibling's subtree
    under the cue's head ("sib"), above the cue ("up", "head"), or elsewhere; with the child on
    the path whose subtree holds the token, and the relation of the step below that child."""
    if token.i == root.head.i and root.head.i != root.i:
        return "head", None, "-"
    child, below = token, "-"
    for _ in range(30):
        head = child.head
        if cue[0] <= head.i < cue[1]:
            return "sub", child, below
        if head.i == child.i:
            break
        if head.i == root.head.i and root.head.i != root.i:
            return ("up", None, "-") if child.i == root.i else ("sib", child, below)
        child, below = head, child.dep_
    return "none", None, "-"


def _distance_bucket(distance: int) -> str:
    for bound in (1, 2, 3, 5, 8, 12, 20):
        if distance <= bound:
            return str(bound)
    return "far"


_CONTEXT_KEYS = tuple((offset, f"{offset}:w", f"{offset}:pos", f"{offset}:q", f"{offset}:edge")
                      for offset in (-3, -2, -1, 1, 2, 3))


def content_features(
    doc: Doc,
    cue: TokenRange,
    window: TokenRange,
    depths: list[int],
    cue_rates: Mapping[str, float],
) -> list[dict[str, float | str]]:
    """One crfsuite feature dict per token of `window`, relative to `cue`.

    The window's token attributes are read once into lists, and the cue words and punctuation
    between a word and the cue are counted from running totals.
    """
    root = _cue_root(doc, cue)
    start, end = window
    tokens = list(doc[start:end])
    lemmas = [t.lemma_.lower() for t in tokens]
    pos = [t.pos_ for t in tokens]
    rates = [cue_rates.get(lemma, 0.0) for lemma in lemmas]
    words = [_word(t) for t in tokens]
    quoted_at = ["1" if depths[i] > 0 else "0" for i in range(start, end)]
    candidates_before = [0]
    breaks_before = [0]
    for token, rate in zip(tokens, rates, strict=True):
        candidates_before.append(candidates_before[-1] + (rate >= CANDIDATE_RATE))
        text = token.text
        breaks_before.append(breaks_before[-1] + (text in _BREAKS or text in _QUOTE_MARKS))
    root_lemma, root_dep = root.lemma_.lower(), root.dep_
    features = []
    for k, token in enumerate(tokens):
        i = start + k
        if cue[0] <= i < cue[1]:
            side, distance = "cue", 0
        elif i < cue[0]:
            side, distance = "L", cue[0] - i
        else:
            side, distance = "R", i - cue[1] + 1
        low, high = (i + 1, cue[0]) if side == "L" else (cue[1], i)
        if low < high:
            blocked = candidates_before[high - start] > candidates_before[low - start]
            marks = min(breaks_before[high - start] - breaks_before[low - start], 2)
        else:
            blocked, marks = False, 0
        relation, child, below = _attachment(token, root, cue)
        dep = child.dep_ if child is not None else "-"
        quoted = quoted_at[k]
        feats: dict[str, float | str] = {
            "bias": 1.0,
            "w": words[k],
            "lemma": lemmas[k],
            "pos": pos[k],
            "dep": token.dep_,
            "q": quoted,
            "side": side,
            "side_dist": f"{side}:{_distance_bucket(distance)}",
            "side_q": f"{side}:{quoted}",
            "side_pos": f"{side}:{pos[k]}",
            "blocked": f"{side}:{blocked}",
            "att": f"{side}:{relation}:{dep}",
            "att_blocked": f"{relation}:{dep}:{blocked}",
            "att_below": f"{side}:{relation}:{dep}>{below}",
            "marks": f"{side}:{marks}",
            "marks_att": f"{side}:{marks}:{relation}:{dep}",
            "lex": rate_bucket(rates[k]),
            "title": "1" if token.is_title else "0",
            "cue_lemma": root_lemma,
            "cue_dep": root_dep,
            "first": float(i == start),
            "last": float(i == end - 1),
        }
        if child is not None:
            if i == child.left_edge.i:
                feats["att_first"] = f"{side}:{relation}:{dep}"
            if i == child.right_edge.i:
                feats["att_last"] = f"{side}:{relation}:{dep}"
        for offset, w_key, pos_key, q_key, edge_key in _CONTEXT_KEYS:
            j = k + offset
            if 0 <= j < len(tokens):
                feats[w_key] = words[j]
                feats[pos_key] = pos[j]
                feats[q_key] = quoted_at[j]
            else:
                feats[edge_key] = 1.0
        feats["-1:w|w"] = f"{feats.get('-1:w', '^')}|{words[k]}"
        feats["w|+1:w"] = f"{words[k]}|{feats.get('1:w', '$')}"
        features.append(feats)
    _add_neighbour_attachments(features)
    return features


def _add_neighbour_attachments(features: list[dict[str, float | str]]) -> None:
    """Where a word's attachment to the cue differs from its neighbour's, a content edge is
    likely: each word also sees the attachment of the words beside it."""
    attachments = [feats["att"] for feats in features]
    for k, feats in enumerate(features):
        before = attachments[k - 1] if k else "^"
        after = attachments[k + 1] if k + 1 < len(attachments) else "$"
        feats["-1:att"] = before
        feats["+1:att"] = after
        feats["att_change"] = f"{before == attachments[k]}|{after == attachments[k]}"
        feats["w|+1:att"] = f"{feats['w']}|{after}"
        feats["-1:att|w"] = f"{before}|{feats['w']}"


def _word(token: Token) -> str:
    if token.is_space:
        return "NL" if "\n" in token.text else "SP"
    return token.lower_
