"""`wirewatch eval quotes`: attribution relations on PolNeAR, exact-span F1 per role.

Scoring follows the PolNeAR paper (Newell, Margolin & Ruths, LREC 2018): each role (source,
cue, content) is scored on its own as exact span matches between system and gold, micro-averaged
over the articles. Our choices where the paper leaves room, all applied alike to gold and
system output:

* a span is its set of character fragments, in text order, with edge whitespace trimmed and
  fragments separated only by whitespace joined; a discontinuous gold span matches only when
  every fragment does;
* `Content2` is part of the content: content and content2 form one fragmented span;
* an attribution without a source (`Attribution-no-source`, or a system relation whose source
  is None) adds nothing to the source counts but is scored on cue and content;
* a span is counted once per article, even when several relations share it (PolNeAR lets one
  source span serve two cues);
* one annotator per article: the `.ann` file that sorts first.

`n` is the number of gold relations. Overlap F1 (a system span counts when it shares at least one
character with a not yet matched gold span of the same role) is reported beside the exact scores
to show how much of the gap is boundaries rather than detection.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wirewatch.eval.quotes_polnear import Fragments, normalise, read_split, scored_splits
from wirewatch.extract.quotes import Attribution, find_attributions, model_name
from wirewatch.nlp.pipeline import load_nlp

log = logging.getLogger(__name__)

ROLES = ("source", "cue", "content")
RoleSpans = dict[str, set[Fragments]]


def predicted_spans(text: str, attributions: Iterable[Attribution]) -> RoleSpans:
    """The system's spans per role, normalised like gold spans."""
    spans: RoleSpans = {role: set() for role in ROLES}
    for relation in attributions:
        parts = {
            "source": [relation.source] if relation.source else [],
            "cue": [relation.cue] if relation.cue else [],
            "content": [relation.content] + ([relation.content2] if relation.content2 else []),
        }
        for role, fragments in parts.items():
            normalised = normalise(text, fragments)
            if normalised:
                spans[role].add(normalised)
    return spans


def gold_spans(attributions: Iterable[Any]) -> RoleSpans:
    spans: RoleSpans = {role: set() for role in ROLES}
    for relation in attributions:
        for role in ROLES:
            fragments = getattr(relation, role)
            if fragments:
                spans[role].add(fragments)
    return spans


def _overlap_matches(system: set[Fragments], gold: set[Fragments]) -> int:
    """One-to-one matches between spans sharing a character, in text order."""
    unmatched = sorted(gold)
    matched = 0
    for predicted in sorted(system):
        for candidate in unmatched:
            if _overlaps(predicted, candidate):
                unmatched.remove(candidate)
                matched += 1
                break
    return matched


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(pairs: Iterable[tuple[RoleSpans, RoleSpans]]) -> dict[str, float]:
    """Micro precision/recall/F1 per role, exact and overlap, over (system, gold) pairs."""
    counts = {role: [0, 0, 0, 0] for role in ROLES}  # exact, overlap, system, gold
    for system, gold in pairs:
        for role in ROLES:
            counts[role][0] += len(system[role] & gold[role])
            counts[role][1] += _overlap_matches(system[role], gold[role])
            counts[role][2] += len(system[role])
            counts[role][3] += len(gold[role])
    result: dict[str, float] = {}
    for role, (exact, overlap, n_system, n_gold) in counts.items():
        precision, recall, f1 = _prf(exact, n_system, n_gold)
        result[f"{role}_f1"] = round(f1, 4)
        result[f"{role}_precision"] = round(precision, 4)
        result[f"{role}_recall"] = round(recall, 4)
        result[f"{role}_overlap_f1"] = round(_prf(overlap, n_system, n_gold)[2], 4)
    return result


def evaluate(data: Path, **options: Any) -> dict[str, Any]:
    """Score `find_attributions` on every PolNeAR split under `data` except train/.

    `data` may also be one split folder (holding text/ and attributions/), scored as is. The
    option `model` names the spaCy pipeline to parse with (default: the project's).
    """
    splits = scored_splits(Path(data))
    if not splits:
        raise FileNotFoundError(f"no PolNeAR split folder (text/ + attributions/) under {data}")
    articles = [article for split in splits for article in read_split(split)]
    log.info("scoring %d articles from %s", len(articles), ", ".join(s.name for s in splits))
    nlp = load_nlp(options.get("model"))
    pairs = []
    texts = (article.text for article in articles)
    for doc, article in zip(nlp.pipe(texts, batch_size=16), articles, strict=True):
        pairs.append(
            (predicted_spans(doc.text, find_attributions(doc)), gold_spans(article.attributions))
        )
    return {
        "n": sum(len(a.attributions) for a in articles),
        "articles": len(articles),
        **score(pairs),
        "model": model_name(),
    }
