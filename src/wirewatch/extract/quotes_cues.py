"""A second look at cue words: which known cue words the document tagger missed, or wrongly took.

The document tagger (quotes.py) misses about a third of PolNeAR dev's cues, four in five of
them in sentences without quotation marks, where nothing in the tagger's window marks the verb
as a cue ("Wages have fallen, several studies have shown."). This stage scores every word whose
lemma is a known cue word (the cue lexicon of quotes.json) with a logistic regression over the
parse around it (its subject, its complement, its tense and place in the sentence), the
tagger's own label and marginal there; a word the tagger left out that scores high becomes a
cue, and a cue the tagger found that scores low is dropped. Weights live in cues.json (feature
name -> weight), trained by scripts/train_quotes.py on PolNeAR train with the labels and
marginals of document taggers that had not seen the article (a tagger's marginals on its own
training articles are overconfident).

The gain is bounded by what follows a cue: given every dev cue word right (an oracle), adding
and dropping would lift dev content F1 only from 0.592 to 0.635, as the cues the tagger misses
are mostly odd ones ("has imposed", "question the wisdom") whose content the cue-given tagger
draws exactly about half the time.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from wirewatch.extract.quotes_features import rate_bucket

CUES_MODEL_FILE = "cues.json"
# A word whose lemma is a cue at least this often in train is a candidate.
MIN_CANDIDATE_RATE = 0.1
_CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "AUX", "ADP"})
# Dependents that say who spoke and what was said.
_KEY_CHILDREN = (
    "nsubj",
    "nsubjpass",
    "ccomp",
    "xcomp",
    "dobj",
    "dative",
    "agent",
    "advcl",
    "prep",
    "npadvmod",
    "attr",
    "acomp",
    "mark",
    "aux",
    "neg",
    "conj",
    "punct",
)
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who", "that", "which"})
# Words before a cue verb that belong to the cue span ("has said", "also noted").
_LEFT_TAGS = frozenset({"VBZ", "VBD", "VBP", "VB", "MD", "RB", "TO"})
_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
# (token index, role) -> the document tagger's probability that the token has that role.
Marginal = Callable[[int, str], float]


@dataclass(frozen=True)
class CueScorer:
    """Logistic-regression weights over named features, with the decision thresholds."""

    weights: Mapping[str, float]
    bias: float
    add_threshold: float
    drop_threshold: float
    particles: frozenset[str]  # "lemma particle" pairs whose particle is part of the cue

    @classmethod
    def load(cls, path: Path) -> CueScorer:
        meta = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            weights=meta["weights"],
            bias=meta["bias"],
            add_threshold=meta["add_threshold"],
            drop_threshold=meta["drop_threshold"],
            particles=frozenset(meta["particles"]),
        )

    def probability(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def candidates(doc: Doc, cue_rates: Mapping[str, float]) -> list[int]:
    """Words whose lemma is a known cue word, but for an auxiliary or adverb leaning on one
    ("has" and "also" in "has also said"): that cue is judged by its head word."""
    found = [
        token.i
        for token in doc
        if cue_rates.get(token.lemma_.lower(), 0.0) >= MIN_CANDIDATE_RATE
        and token.pos_ in _CANDIDATE_POS
    ]
    heads = set(found)
    return [
        i
        for i in found
        if not (doc[i].dep_ in _LEFT_DEPS and doc[i].head.i > i and doc[i].head.i in heads)
    ]


def cue_span(doc: Doc, head: int, particles: frozenset[str]) -> tuple[int, int]:
    """The token range of the cue headed by `head`: its auxiliaries and adverbs just before it
    ("has also said"), and a particle after it when train's cues of that lemma take it
    ("according to", "called for")."""
    start = head
    while start > 0:
        before = doc[start - 1]
        if before.head.i != head or before.dep_ not in _LEFT_DEPS or before.tag_ not in _LEFT_TAGS:
            break
        start -= 1
    end = head + 1
    if end < len(doc) and doc[end].head.i == head:
        if f"{doc[head].lemma_.lower()} {doc[end].lower_}" in particles:
            end += 1
    return start, end


def candidate_features(
    doc: Doc,
    i: int,
    labels: Sequence[str],
    marginal: Marginal,
    context: CueContext,
) -> dict[str, float]:
    """Named features of the candidate cue word `doc[i]`.

    `labels` are the document tagger's BIO labels, `marginal(j, role)` its probability that
    word `j` is part of a span of `role` (CUE, SRC or CONT).
    """
    token = doc[i]
    lemma = token.lemma_.lower()
    rate = context.cue_rates.get(lemma, 0.0)
    label = labels[i].partition("-")[2] or "O"
    cue_marginal = marginal(i, "CUE")
    sentence = context.sentence_of[i]
    feats: dict[str, float] = {
        f"lemma={lemma}": 1.0,
        "rate": rate,
        f"rate_b={rate_bucket(rate)}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"tag_dep={token.tag_}|{token.dep_}": 1.0,
        f"head_pos={token.head.pos_}": 1.0,
        f"crf={label}": 1.0,
        "m_cue": cue_marginal,
        f"m_cue_b={rate_bucket(cue_marginal)}": 1.0,
        "m_cont": marginal(i, "CONT"),
        f"crf_rate={label}|{rate_bucket(rate)}": 1.0,
        f"quoted={context.depths[i] > 0}": 1.0,
        f"sent_quoted={sentence in context.quoted_sentences}": 1.0,
        f"sent_cue={context.cue_words[sentence] > (label == 'CUE')}": 1.0,
        f"-1:w={doc[i - 1].lower_ if i else '^'}": 1.0,
        f"+1:w={doc[i + 1].lower_ if i + 1 < len(doc) else '$'}": 1.0,
    }
    start = context.sentence_start[sentence]
    position = i - start
    feats[f"pos_in_sent={min(position, 5)}"] = 1.0
    for child in token.children:
        if child.dep_ not in _KEY_CHILDREN:
            continue
        side = "L" if child.i < i else "R"
        feats[f"kid={child.dep_}:{side}"] = 1.0
        if child.dep_ in ("nsubj", "nsubjpass"):
            feats[f"subj_ent={child.ent_type_ or '-'}"] = 1.0
            feats[f"subj_pos={child.pos_}"] = 1.0
            if child.lower_ in _PRONOUNS:
                feats[f"subj_pron={child.lower_}"] = 1.0
            feats[f"subj_lemma={child.lemma_.lower()}"] = 1.0
        elif child.dep_ == "prep":
            feats[f"kid_prep={child.lower_}"] = 1.0
        elif child.dep_ == "punct":
            feats[f"kid_punct={child.text}:{side}"] = 1.0
        elif child.dep_ == "ccomp":
            if any(g.dep_ == "mark" for g in child.children):
                feats["ccomp_mark"] = 1.0
    return feats


def tagger_marginals(tagger: pycrfsuite.Tagger) -> Marginal:
    """The marginals of the sequence `tagger` tagged last, as `candidate_features` reads them."""

    def marginal(i: int, role: str) -> float:
        return tagger.marginal(f"B-{role}", i) + tagger.marginal(f"I-{role}", i)

    return marginal


@dataclass(frozen=True)
class CueContext:
    """What the features need to know about the whole document, computed once."""

    cue_rates: Mapping[str, float]
    depths: Sequence[int]
    sentence_of: Sequence[int]
    sentence_start: Mapping[int, int]
    quoted_sentences: frozenset[int]
    cue_words: Mapping[int, int]  # words the document tagger took as cue, per sentence


def cue_context(
    doc: Doc,
    labels: Sequence[str],
    cue_rates: Mapping[str, float],
    depths: Sequence[int],
    sentence_of: Sequence[int],
) -> CueContext:
    sentence_start: dict[int, int] = {}
    for i, number in enumerate(sentence_of):
        sentence_start.setdefault(number, i)
    return CueContext(
        cue_rates=cue_rates,
        depths=depths,
        sentence_of=sentence_of,
        sentence_start=sentence_start,
        quoted_sentences=frozenset(sentence_of[i] for i, d in enumerate(depths) if d > 0),
        cue_words=Counter(
            sentence_of[i] for i, label in enumerate(labels) if label.endswith("CUE")
        ),
    )
