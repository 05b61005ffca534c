"""Attribution relations (who said what, signalled by which cue) in a parsed article.

A linear-chain CRF trained on PolNeAR train (scripts/train_quotes.py) tags every token as part
of a source, a cue, a content or nothing (BIO). Rules over the parse cannot find where a
paraphrase starts and ends, which is why the tagging is learned; grouping the tagged chunks into
relations is done here, anchored on the cues:

* a relation tagged inside another's content is folded into that content (PolNeAR gives each
  token one role);
* a source belongs to the nearest cue of its own sentence (never to a cue in another sentence:
  the speaker is the grammatical or attributional source, not the nearest name);
* a content belongs to a cue next to it (no other content between) in the sentence where the
  content starts or ends, else to the cue just before it (the rest of a split quote, or a
  paragraph of quoted text after "he said:"), else to a cue in the following sentence;
* a cue keeps at most one content piece on each side (split quotes give `content2`); a cue
  left without content takes its complement clause from the parse, else it is dropped;
* a second look at every known cue word (quotes_cues.py) drops a tagged cue it scores low
  and adds, as cues, untagged words it scores high (the tagger misses most in sentences
  without quotation marks); an added cue's relation is dropped when its cue or content shares
  a word with a tagged relation's;
* a second tagger, given one cue (quotes_content.py), then redraws that cue's content and
  source within the cue's sentence, where the document tagger's edges are least reliable
  (an added cue gets its content and source from it, else from its complement in the parse),
  and a scorer of its own (quotes_ends.py) may move the end of the content after the cue;
* quotation marks then settle what the taggers leave open: a quotation before the cue goes on
  in the quotation opening the next sentence of its paragraph, a piece opening with a mark runs
  to where the mark closes, and unquoted words after the cue do not continue a quotation before
  it (nor does unquoted text over a paragraph break), and unquoted words before the cue that
  do not hang together with the words after it in the parse are no part of its content ("As
  part of an election promise he said Canada will withdraw …").
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from wirewatch.extract.quotes_content import content_features, cue_window
from wirewatch.extract.quotes_cues import (
    CUES_MODEL_FILE,
    CueScorer,
    candidate_features,
    candidates,
    cue_context,
    cue_span,
    tagger_marginals,
)
from wirewatch.extract.quotes_ends import ENDS_MODEL_FILE, EndScorer
from wirewatch.extract.quotes_features import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    STRAIGHT_QUOTES,
    doc_features,
    quote_depths,
    sentence_numbers,
)

logger = logging.getLogger(__name__)

MODEL_DIR = Path(str(files("wirewatch") / "data" / "models" / "quotes"))
MODEL_FILE = "quotes.crfsuite"
CONTENT_MODEL_FILE = "content.crfsuite"
LEXICON_FILE = "quotes.json"
# A content without a cue in its own sentences looks this many sentences back for one.
_LOOK_BACK_SENTENCES = 2

Span = tuple[int, int]
# Dependents of a cue verb that hold what was said, when the tagger found no content.
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj"})
# Punctuation between a cue and what it introduces ("said: …", "…, he said").
_CUE_GLUE = frozenset({",", ":", ";", "—", "–", "-"})
# Marks that may open, or close, a quotation.
_OPENING_MARKS = OPENING_QUOTES | STRAIGHT_QUOTES
_CLOSING_MARKS = CLOSING_QUOTES | STRAIGHT_QUOTES
# Tags of "which", "who", "what": a relative pronoun before its cue is never part of a content.
_RELATIVE_PRONOUNS = frozenset({"WDT", "WP", "WP$"})


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; spans are character offsets into `doc.text`."""

    source: Span | None
    cue: Span | None
    content: Span
    content2: Span | None = None
    kind: str = "indirect"


@dataclass(frozen=True)
class _Chunk:
    role: str
    start: int  # token index, inclusive
    end: int  # token index, exclusive


class _Model:
    """The trained tagger and the cue-rate lexicon its features need."""

    def __init__(self, directory: Path) -> None:
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(directory / MODEL_FILE))
        self.content = pycrfsuite.Tagger()
        self.content.open(str(directory / CONTENT_MODEL_FILE))
        meta = json.loads((directory / LEXICON_FILE).read_text(encoding="utf-8"))
        self.cue_rates: dict[str, float] = meta["cue_rates"]
        self.name: str = meta.get("name", "quotes-crf")
        self.cues = CueScorer.load(directory / CUES_MODEL_FILE)
        self.ends = EndScorer.load(directory / ENDS_MODEL_FILE)


@cache
def _load_model(directory: Path = MODEL_DIR) -> _Model:
    model = _Model(directory)
    logger.info("loaded quotes tagger %s from %s", model.name, directory)
    return model


def model_name() -> str:
    """The name of the shipped tagger, reported by the evaluation."""
    return _load_model().name


def tag_roles(doc: Doc) -> list[str]:
    """One BIO label per token: O, B-/I-SRC, B-/I-CUE, B-/I-CONT."""
    if not len(doc):
        return []
    model = _load_model()
    return model.tagger.tag(doc_features(doc, model.cue_rates))


def find_attributions(doc: Doc) -> list[Attribution]:
    """The attribution relations of `doc`, in text order of their cues."""
    if not len(doc):
        return []
    model = _load_model()
    labels = model.tagger.tag(doc_features(doc, model.cue_rates))
    cue_scores = _cue_scores(doc, labels, model)
    return attributions_from_labels(doc, labels, redraw_content=True, cue_scores=cue_scores)


def _cue_scores(doc: Doc, labels: list[str], model: _Model) -> dict[int, float]:
    """The second-look probability (quotes_cues.py) that each candidate cue word is a cue.

    Reads the document tagger's marginals, so it must follow the tagging of `doc` directly.
    """
    context = cue_context(doc, labels, model.cue_rates, quote_depths(doc), sentence_numbers(doc))
    marginal = tagger_marginals(model.tagger)
    return {
        i: model.cues.probability(candidate_features(doc, i, labels, marginal, context))
        for i in candidates(doc, model.cue_rates)
    }


def attributions_from_labels(
    doc: Doc,
    labels: list[str],
    *,
    redraw_content: bool = False,
    cue_scores: dict[int, float] | None = None,
) -> list[Attribution]:
    """Group BIO-tagged chunks into relations anchored on their cues (see module docstring).

    With `redraw_content`, each cue's content and source are drawn again by the cue-given
    tagger (quotes_content.py) where it finds them. With `cue_scores` (token index ->
    probability of a cue word), tagged cues scoring low are dropped and untagged cue words
    scoring high become cues, with no content or source of their own from the tagging.
    """
    sentence_of = sentence_numbers(doc)
    chunks = _absorb_nested(doc, role_chunks(doc, labels), sentence_of)
    added: list[_Chunk] = []
    if cue_scores:
        chunks, added = _second_look(doc, chunks, cue_scores)
    cues = [c for c in chunks if c.role == "CUE"]
    if not cues and not added:
        return []
    sources: dict[_Chunk, list[_Chunk]] = {cue: [] for cue in cues}
    contents: dict[_Chunk, list[_Chunk]] = {cue: [] for cue in cues}
    for number, chunk in enumerate(chunks):
        if chunk.role == "SRC":
            cue = _cue_in_sentences(chunk, cues, sentence_of)
            if cue is not None:
                sources[cue].append(chunk)
        elif chunk.role == "CONT":
            reachable = _reachable_cues(chunks, number)
            cue = _cue_at_edges(chunk, reachable, sentence_of) or _cue_nearby(
                chunk, reachable, sentence_of
            )
            if cue is not None:
                contents[cue].append(chunk)
    for cue in added:
        sources[cue], contents[cue] = [], []
    cues = sorted(cues + added, key=lambda c: c.start)
    depths = quote_depths(doc)
    found = []
    drawn = []
    for cue in cues:
        pieces = _sides_of_cue(doc, cue, contents[cue], sources[cue]) or _content_from_parse(
            doc, cue, sources[cue]
        )
        source = min(sources[cue], key=lambda c: _distance(c, cue), default=None)
        if redraw_content:
            window, redrawn, speakers = _cue_given_roles(doc, cue, sentence_of, depths)
            pieces = _redrawn_content(cue, pieces, window, redrawn)
            source = min(speakers, key=lambda c: _distance(c, cue), default=source)
        pieces = _quote_continued(doc, cue, pieces, sentence_of, depths)
        pieces = _without_stray_piece(doc, cue, pieces, depths)
        pieces = _outside_cue(doc, cue, source, _quotes_completed(doc, cue, pieces, depths))
        pieces = _without_unlinked_piece(doc, cue, pieces, depths)
        if source is not None and not pieces:
            pieces = _quotes_completed(doc, cue, _content_from_parse(doc, cue, [source]), depths)
        if pieces:
            drawn.append((cue, pieces, source or _subject_of_participle(doc, cue, pieces)))
    if added:
        drawn = _without_overlapping_added(drawn, set(added))
    for cue, pieces, source in drawn:
        if source:
            source = _source_without_cue_modifiers(doc, source, cue)
        spans = [_char_span(doc, c) for c in pieces]
        found.append(
            Attribution(
                source=_char_span(doc, source) if source else None,
                cue=_char_span(doc, cue),
                content=spans[0],
                content2=(spans[1][0], spans[-1][1]) if len(spans) > 1 else None,
                kind=_kind(doc, pieces, depths),
            )
        )
    return found


_Drawn = tuple[_Chunk, list[_Chunk], _Chunk | None]


def _without_overlapping_added(drawn: list[_Drawn], added: set[_Chunk]) -> list[_Drawn]:
    """Drop a relation on an added cue whose cue or content shares a word with the cue or
    content of a tagged relation: a word has one role, and the tagger's relation stands."""
    taken = {
        i
        for cue, pieces, _ in drawn
        if cue not in added
        for chunk in (cue, *pieces)
        for i in range(chunk.start, chunk.end)
    }
    return [
        (cue, pieces, source)
        for cue, pieces, source in drawn
        if cue not in added
        or not any(i in taken for chunk in (cue, *pieces) for i in range(chunk.start, chunk.end))
    ]


def _second_look(
    doc: Doc, chunks: list[_Chunk], cue_scores: dict[int, float]
) -> tuple[list[_Chunk], list[_Chunk]]:
    """The chunks without the cues the cue scorer rejects, and the cues it adds.

    A tagged cue is judged by its best-scoring candidate word (a cue without one stands); an
    added cue is drawn around its word by `cue_span` and never overlaps a kept cue.
    """
    scorer = _load_model().cues
    kept = []
    for chunk in chunks:
        if chunk.role == "CUE":
            scores = [cue_scores[i] for i in range(chunk.start, chunk.end) if i in cue_scores]
            if scores and max(scores) < scorer.drop_threshold:
                continue
        kept.append(chunk)
    taken = {i for c in kept if c.role == "CUE" for i in range(c.start, c.end)}
    added = []
    for i, score in sorted(cue_scores.items(), key=lambda item: -item[1]):
        if score < scorer.add_threshold or i in taken:
            continue
        start, end = cue_span(doc, i, scorer.particles)
        if any(j in taken for j in range(start, end)):
            continue
        taken.update(range(start, end))
        added.append(_Chunk("CUE", start, end))
    return kept, added


def _cue_given_roles(
    doc: Doc, cue: _Chunk, sentence_of: list[int], depths: list[int]
) -> tuple[tuple[int, int], list[_Chunk], list[_Chunk]]:
    """The cue's sentence, with the content and source chunks the cue-given tagger finds in it
    (the content after the cue ending where the end scorer puts it)."""
    model = _load_model()
    start, end = cue_window(sentence_of, (cue.start, cue.end))
    features = content_features(doc, (cue.start, cue.end), (start, end), depths, model.cue_rates)
    chunks = [
        _Chunk(c.role, c.start + start, c.end + start)
        for c in role_chunks(doc[start:end], model.content.tag(features))
    ]
    contents = [c for c in chunks if c.role == "CONT"]
    after = min((c for c in contents if c.start >= cue.end), key=lambda c: c.start, default=None)
    if after is not None:
        new_end = model.ends.best_end(doc, after.start, after.end, end, depths)
        contents = [_Chunk("CONT", c.start, new_end) if c == after else c for c in contents]
    return (start, end), contents, [c for c in chunks if c.role == "SRC"]


def _redrawn_content(
    cue: _Chunk, pieces: list[_Chunk], window: tuple[int, int], found: list[_Chunk]
) -> list[_Chunk]:
    """The content of `cue` as the cue-given tagger draws it within the cue's sentence.

    A piece the document tagger found beyond that sentence is kept, and a piece running out of
    the sentence keeps the document tagger's edge outside it (a quote of several sentences).
    When the cue-given tagger finds no content, the document tagger's pieces stand.
    """
    if not found:
        return pieces
    start, end = window
    before = max((c for c in found if c.end <= cue.start), key=lambda c: c.end, default=None)
    after = min((c for c in found if c.start >= cue.end), key=lambda c: c.start, default=None)
    old_before = next((c for c in pieces if c.end <= cue.start), None)
    old_after = next((c for c in pieces if c.start >= cue.end), None)
    if before and old_before and old_before.start < start and before.start <= start + 1:
        before = _Chunk("CONT", old_before.start, before.end)
    elif not before and old_before and old_before.end <= start:
        before = old_before
    if after and old_after and old_after.end > end and after.end >= end - 1:
        after = _Chunk("CONT", after.start, old_after.end)
    elif not after and old_after and old_after.start >= end:
        after = old_after
    return [c for c in (before, after) if c]


def _quote_continued(
    doc: Doc, cue: _Chunk, pieces: list[_Chunk], sentence_of: list[int], depths: list[int]
) -> list[_Chunk]:
    """A quote before its cue goes on in the quote that opens the next sentence.

    In '"We go," she said. "Now."' the second quotation is the rest of the content (in PolNeAR
    train, 1,069 of 1,125 such quotes in the same paragraph are), up to where its marks close.
    """
    sentence = sentence_of[cue.start]
    before = next((c for c in pieces if c.end <= cue.start), None)
    if before is None or sentence_of[before.end - 1] != sentence:
        return pieces
    if doc[before.start].text not in _OPENING_MARKS:
        return pieces
    if any(c.start >= cue.end for c in pieces):
        return pieces
    start = cue.end
    while start < len(doc) and (sentence_of[start] == sentence or doc[start].is_space):
        if "\n" in doc[start].text or "\n" in doc[start].whitespace_:
            return pieces
        start += 1
    end = _quotation_end(doc, start, depths) if start < len(doc) else start
    return [before, _Chunk("CONT", start, end)] if end > start else pieces


def _quotes_completed(
    doc: Doc, cue: _Chunk, pieces: list[_Chunk], depths: list[int]
) -> list[_Chunk]:
    """A piece that opens with a quotation mark runs to where that quotation closes.

    The taggers often stop a quotation of several sentences at the end of its first one.
    """
    completed = []
    for piece in pieces:
        end = _quotation_end(doc, piece.start, depths)
        if end > piece.end and (piece.end <= cue.start) == (end <= cue.start):
            piece = _Chunk("CONT", piece.start, end)
        completed.append(piece)
    return completed


def _quotation_end(doc: Doc, start: int, depths: list[int]) -> int:
    """After the closing mark of the quotation opening at `start`, if it closes complete
    (punctuation before the mark) within the paragraph; else `start`."""
    if doc[start].text not in _OPENING_MARKS:
        return start
    end = start + 1
    while end < len(doc) and depths[end] > 0 and "\n" not in doc[end].text:
        end += 1
    if end - start < 3:
        return start
    closed = doc[end - 1].text in _CLOSING_MARKS and doc[end - 2].is_punct
    return end if closed else start


def _without_stray_piece(
    doc: Doc, cue: _Chunk, pieces: list[_Chunk], depths: list[int]
) -> list[_Chunk]:
    """Drop the piece after the cue when it cannot be the rest of the piece before it.

    A quotation is not continued by unquoted words after its cue, and no content carries on
    over a paragraph break into unquoted text.
    """
    if len(pieces) != 2:
        return pieces
    before, after = pieces
    if 2 * sum(depths[i] > 0 for i in range(after.start, after.end)) >= after.end - after.start:
        return pieces
    new_paragraph = "\n" in doc.text[doc[cue.end - 1].idx : doc[after.start].idx]
    if new_paragraph or depths[before.start] > 0:
        return [before]
    return pieces


def _without_unlinked_piece(
    doc: Doc, cue: _Chunk, pieces: list[_Chunk], depths: list[int]
) -> list[_Chunk]:
    """Drop an unquoted piece before the cue that is no part of the clause after it.

    A cue set off inside its content ("Instead, Goodale says, Ottawa will …") splits one
    clause, so the two pieces hang together in the parse; in "As part of an election promise he
    said Canada will withdraw …" the words before the cue belong to the sentence around the
    attribution, and the content is the cue's complement alone.
    """
    if len(pieces) != 2:
        return pieces
    before, after = pieces
    if any(depths[i] > 0 for i in range(before.start, before.end)):
        return pieces
    linked = any(
        after.start <= doc[i].head.i < after.end
        or (cue.start <= doc[i].head.i < cue.end and doc[i].tag_ not in _RELATIVE_PRONOUNS)
        for i in range(before.start, before.end)
    ) or any(before.start <= doc[i].head.i < before.end for i in range(after.start, after.end))
    return pieces if linked else [after]


def _subject_of_participle(doc: Doc, cue: _Chunk, pieces: list[_Chunk]) -> _Chunk | None:
    """The source of a participle cue the taggers gave none: the subject of the verb it hangs
    from ("Nystrom played down the meeting, saying …" is said by Nystrom)."""
    root = next(
        (t for t in doc[cue.start : cue.end] if not cue.start <= t.head.i < cue.end), doc[cue.start]
    )
    if root.tag_ != "VBG" or root.dep_ != "advcl":
        return None
    subject = next((c for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ in _RELATIVE_PRONOUNS:
        return None
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    if any(c.start < end and start < c.end for c in (cue, *pieces)):
        return None
    return _Chunk("SRC", start, end)


def _sides_of_cue(
    doc: Doc, cue: _Chunk, pieces: list[_Chunk], sources: list[_Chunk]
) -> list[_Chunk]:
    """At most one content piece on each side of the cue, the nearest.

    A content in two pieces is a quote split by its attribution ("…," he said, "…"), so when
    there is a piece after the cue, a piece before it must end right before the cue (only the
    source and punctuation between).
    """
    before = max((c for c in pieces if c.end <= cue.start), key=lambda c: c.end, default=None)
    after = min((c for c in pieces if c.start >= cue.end), key=lambda c: c.start, default=None)
    if before and after:
        in_source = {i for c in sources for i in range(c.start, c.end)}
        between = [
            t for t in doc[before.end : cue.start] if t.i not in in_source and not t.is_punct
        ]
        if between:
            before = None
    return [c for c in (before, after) if c]


def _source_without_cue_modifiers(doc: Doc, source: _Chunk, cue: _Chunk) -> _Chunk:
    """Cut a source where a phrase modifying the cue starts ("said Sajjan | in an email").

    Such a phrase hangs from the cue verb in the parse, not from the speaker.
    """
    for token in doc[source.start + 1 : source.end]:
        if cue.start <= token.head.i < cue.end and token.dep_ in ("prep", "npadvmod"):
            end = token.i
            while end > source.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return _Chunk(source.role, source.start, end)
    return source


def _content_from_parse(doc: Doc, cue: _Chunk, sources: list[_Chunk]) -> list[_Chunk]:
    """For a cue the tagger gave no content: its complement clause or object in the parse.

    "According to X, <clause>" has no complement; its content is the clause the phrase hangs
    from, minus the phrase.
    """
    taken = {i for c in sources for i in range(c.start, c.end)} | set(range(cue.start, cue.end))
    root = next(
        (t for t in doc[cue.start : cue.end] if not cue.start <= t.head.i < cue.end), doc[cue.start]
    )
    for child in root.children:
        if child.dep_ in _COMPLEMENTS and child.i not in taken:
            return _trimmed(doc, child.left_edge.i, child.right_edge.i + 1, taken)
    if root.dep_ == "prep" and root.head.i not in taken:
        clause = root.head
        if root.right_edge.i < clause.right_edge.i and clause.i > root.i:
            return _trimmed(doc, root.right_edge.i + 1, clause.right_edge.i + 1, taken)
        if clause.left_edge.i < root.left_edge.i:
            return _trimmed(doc, clause.left_edge.i, root.left_edge.i, taken)
    return []


def _outside_cue(doc: Doc, cue: _Chunk, source: _Chunk | None,
                 pieces: list[_Chunk]) -> list[_Chunk]:
    """Content that took in its own cue (and the source before it: 'A source within the
    Interior Ministry reportedly said "I have been told …"') keeps the part after the cue; a
    piece that ends in its cue, or is its own source, is no content (the caller then takes the
    cue's complement from the parse)."""
    out = []
    for piece in pieces:
        if source is not None and piece.start < source.end and source.start < piece.end:
            if piece.end <= cue.start:
                continue
        if piece.end <= cue.start or piece.start >= cue.end:
            out.append(piece)
            continue
        start, end = cue.end, piece.end
        while start < end and (doc[start].is_space or doc[start].text in _CUE_GLUE):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].text in _CUE_GLUE):
            end -= 1
        if end - start >= 2:
            out.append(_Chunk("CONT", start, end))
    return out


def _trimmed(doc: Doc, start: int, end: int, taken: set[int]) -> list[_Chunk]:
    while start < end and (doc[start].is_punct or doc[start].is_space or start in taken):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or end - 1 in taken):
        end -= 1
    if end - start < 2 or any(i in taken for i in range(start, end)):
        return []
    return [_Chunk("CONT", start, end)]


def role_chunks(doc: Doc | DocSpan, labels: list[str]) -> list[_Chunk]:
    """Maximal runs of one role; a B- label or a change of role starts a new run.

    Token indices are positions in `doc` (a document, or a span of one).

    Whitespace between paragraphs is never tagged, so an I- label after a paragraph break
    continues the run before it (a quote running over several paragraphs).
    """
    labels = _bridge_paragraph_breaks(doc, labels)
    chunks: list[_Chunk] = []
    role, start = None, 0
    for i, label in enumerate([*labels, "O"]):
        tag, _, this_role = label.partition("-")
        continues = tag == "I" and this_role == role
        if role is not None and not continues:
            chunks.append(_Chunk(role, start, i))
            role = None
        if tag in ("B", "I") and not continues:
            role, start = this_role, i
    return [c for c in chunks if any(not doc[i].is_space for i in range(c.start, c.end))]


def _absorb_nested(doc: Doc, chunks: list[_Chunk], sentence_of: list[int]) -> list[_Chunk]:
    """Fold a relation tagged inside another's content into that content.

    PolNeAR gives each token one role, so in "Obama said a majority have come to believe that
    ..." everything after "said" is its content. The tagger may still tag the inner relation;
    when a content that follows its cue runs on, without a gap and within its sentence, into
    more chunks that include a cue and end with a content, the whole run is one content.
    """
    merged: list[_Chunk] = []
    k = 0
    while k < len(chunks):
        chunk = chunks[k]
        end = k
        if chunk.role == "CONT" and _follows_its_cue(merged, chunk, sentence_of):
            j = k + 1
            while (
                j < len(chunks)
                and chunks[j].start == chunks[j - 1].end
                and sentence_of[chunks[j].start] == sentence_of[chunk.start]
            ):
                j += 1
            run = chunks[k:j]
            last_content = max((n for n, c in enumerate(run) if c.role == "CONT"), default=0)
            if any(c.role == "CUE" for c in run[:last_content]) and _runs_on(doc, run):
                end = k + last_content
        merged.append(_Chunk("CONT", chunk.start, chunks[end].end) if end > k else chunk)
        k = end + 1
    return merged


def _runs_on(doc: Doc, run: list[_Chunk]) -> bool:
    """Whether the content's sentence carries on into the next chunk rather than ending.

    A content closed by punctuation ("…," a doctor wrote) or followed by a participle cue
    ("…, arguing that …") is followed by a relation of its own, not a nested one.
    """
    content_end, following = doc[run[0].end - 1], doc[run[1].start]
    return not content_end.is_punct and following.tag_ != "VBG"


def _follows_its_cue(before: list[_Chunk], chunk: _Chunk, sentence_of: list[int]) -> bool:
    for previous in reversed(before):
        if previous.role != "SRC":
            return (
                previous.role == "CUE" and sentence_of[previous.end - 1] == sentence_of[chunk.start]
            )
    return False


def _bridge_paragraph_breaks(doc: Doc | DocSpan, labels: list[str]) -> list[str]:
    bridged = list(labels)
    previous_role = None
    pending: list[int] = []
    for i, label in enumerate(labels):
        if doc[i].is_space and label == "O":
            pending.append(i)
            continue
        tag, _, role = label.partition("-")
        if pending and tag == "I" and role == previous_role:
            for j in pending:
                bridged[j] = label
        pending = []
        previous_role = role if tag in ("B", "I") else None
    return bridged


def _distance(chunk: _Chunk, cue: _Chunk) -> int:
    if chunk.end <= cue.start:
        return cue.start - chunk.end
    return max(chunk.start - cue.end, 0)


def _reachable_cues(chunks: list[_Chunk], number: int) -> list[_Chunk]:
    """The nearest cue on each side of a content chunk, unless another content lies between.

    A content never belongs to a cue beyond another content: that one is closer to it.
    """
    reachable = []
    for step in (-1, 1):
        i = number + step
        while 0 <= i < len(chunks) and chunks[i].role == "SRC":
            i += step
        if 0 <= i < len(chunks) and chunks[i].role == "CUE":
            reachable.append(chunks[i])
    return reachable


def _cue_in_sentences(chunk: _Chunk, cues: list[_Chunk], sentence_of: list[int]) -> _Chunk | None:
    first, last = sentence_of[chunk.start], sentence_of[chunk.end - 1]
    near = [c for c in cues if first <= sentence_of[c.start] <= last]
    return min(near, key=lambda c: _distance(chunk, c), default=None)


def _cue_at_edges(chunk: _Chunk, cues: list[_Chunk], sentence_of: list[int]) -> _Chunk | None:
    """A cue before the content in the sentence where it starts, or after it where it ends.

    A quote running over several sentences ("A. B," he said) belongs to the cue that follows
    its last sentence; the sentences of the quote itself do not count.
    """
    near = [
        c
        for c in cues
        if (c.end <= chunk.start and sentence_of[c.end - 1] == sentence_of[chunk.start])
        or (c.start >= chunk.end and sentence_of[c.start] == sentence_of[chunk.end - 1])
    ]
    return min(near, key=lambda c: _distance(chunk, c), default=None)


def _cue_nearby(chunk: _Chunk, cues: list[_Chunk], sentence_of: list[int]) -> _Chunk | None:
    first, last = sentence_of[chunk.start], sentence_of[chunk.end - 1]
    before = [
        c
        for c in cues
        if c.end <= chunk.start and first - sentence_of[c.start] <= _LOOK_BACK_SENTENCES
    ]
    if before:
        return max(before, key=lambda c: c.start)
    after = [c for c in cues if c.start >= chunk.end and sentence_of[c.start] == last + 1]
    return min(after, key=lambda c: c.start, default=None)


def _char_span(doc: Doc, chunk: _Chunk) -> Span:
    tokens = [doc[i] for i in range(chunk.start, chunk.end) if not doc[i].is_space]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _kind(doc: Doc, pieces: list[_Chunk], depths: list[int]) -> str:
    """Direct when most words of the content are inside quotation marks."""
    words = [i for c in pieces for i in range(c.start, c.end) if not doc[i].is_punct]
    quoted = sum(1 for i in words if depths[i] > 0)
    return "direct" if words and quoted * 2 >= len(words) else "indirect"
