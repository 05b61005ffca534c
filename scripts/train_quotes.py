"""Train the attribution taggers (src/wirewatch/data/models/quotes/) on PolNeAR train/.

    .venv/bin/python scripts/train_quotes.py --data ../shared/data/quotes/polnear \
        [--parses /tmp/quotes_train.spacy] [--max-iterations 200] [--c1 3.0] \
        [--content-max-iterations 400] [--content-c1 1.5] [--models tagger content]

Two linear-chain CRFs sharing one cue lexicon: the document tagger (quotes.crfsuite, every token
of an article) and the cue-given content tagger (content.crfsuite, one sequence per gold cue:
the cue's sentence, labelled with that relation's content and source).

Only train/ is read (dev/ is for measuring, test/ is held out). A strong L1 penalty both shrinks
the model and scored better on dev (c1 0.5: 7 MB; 1.5: 2.7 MB; 3.0: 1.3 MB and the best F1 of
the three on every role). The content tagger, with fewer features, scored better on dev with
c1 1.5 than with 3.0 (content exact F1 0.578 against 0.572), and worse again with 0.75
(0.583 against 0.586, both retrained on 2026-11-23 parses of train and scored with the
quotation-mark rules of extract/quotes.py, under which the model then shipped scored 0.5895).
Given the gold cue, the content tagger drew dev's content exactly in its sentence for 0.710 of
2,192 relations; seeing the attachment of the words beside each word (0.716) and training 400
iterations instead of 200 (0.713) each changed `wirewatch eval quotes` by noise only, but both
together reach 0.727 and dev source/cue/content 0.7717/0.7059/0.5918 (was 0.7675/0.7051/
0.5895; 1.3 MB). Parsing all of train takes minutes on a laptop, so `--parses` keeps the spaCy
parses in a DocBin and reuses them; a cache made before the pipeline changed gives slightly
different models.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc, DocBin

from wirewatch.eval.quotes_polnear import Article, read_split
from wirewatch.extract.quotes import CONTENT_MODEL_FILE, LEXICON_FILE, MODEL_DIR, MODEL_FILE
from wirewatch.extract.quotes_content import content_features, cue_window
from wirewatch.extract.quotes_features import doc_features, quote_depths, sentence_numbers
from wirewatch.nlp.pipeline import load_nlp

ROLE_OF_FIELD = {"source": "SRC", "cue": "CUE", "content": "CONT"}
# A lemma must be seen this often in train before its cue rate is trusted.
MIN_LEMMA_COUNT = 3
MIN_RATE_KEPT = 0.02


def parse_articles(articles: list[Article], cache: Path | None) -> list[Doc]:
    nlp = load_nlp()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs
        print(f"{cache} does not match the articles; parsing again")
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache:
        bin_ = DocBin(docs=docs, store_user_data=False)
        bin_.to_disk(cache)
    return docs


def bio_labels(doc: Doc, article: Article) -> list[str]:
    """Each token takes the role of the gold fragment covering it; B- opens each fragment.

    PolNeAR is univocal (a token has at most one role), so the first role given wins.
    """
    labels = ["O"] * len(doc)
    for relation in article.attributions:
        for field, role in ROLE_OF_FIELD.items():
            for start, end in getattr(relation, field) or ():
                span = doc.char_span(start, end, alignment_mode="expand")
                words = [t for t in span or () if not t.is_space and labels[t.i] == "O"]
                for number, token in enumerate(words):
                    labels[token.i] = ("I-" if number else "B-") + role
    return labels


def _bio(tokens: list[int], role: str, labels: list[str]) -> None:
    for number, i in enumerate(tokens):
        labels[i] = ("I-" if number else "B-") + role


def content_items(
    doc: Doc, article: Article, rates: dict[str, float]
) -> Iterator[tuple[list[dict[str, float | str]], list[str]]]:
    """One training sequence per gold relation with a cue: its cue's sentence, labelled with
    that relation's content and source only (other relations' spans are O)."""
    depths = quote_depths(doc)
    sentence_of = sentence_numbers(doc)
    for relation in article.attributions:
        if not relation.cue or not relation.content:
            continue
        first, last = relation.cue[0], relation.cue[-1]
        span = doc.char_span(first[0], last[1], alignment_mode="expand")
        if span is None or not len(span):
            continue
        cue = (span.start, span.end)
        window = cue_window(sentence_of, cue)
        labels = ["O"] * len(doc)
        for field, role in (("content", "CONT"), ("source", "SRC")):
            for start, end in getattr(relation, field) or ():
                covered = doc.char_span(start, end, alignment_mode="expand") or ()
                _bio([t.i for t in covered if not t.is_space], role, labels)
        yield content_features(doc, cue, window, depths, rates), labels[window[0] : window[1]]


def cue_rates(docs: list[Doc], labels: list[list[str]]) -> dict[str, float]:
    """How often each lemma is (part of) a cue in train: the tagger's cue lexicon."""
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    for doc, doc_labels in zip(docs, labels, strict=True):
        for token, label in zip(doc, doc_labels, strict=True):
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if label.endswith("CUE"):
                as_cue[lemma] += 1
    return {
        lemma: round(as_cue[lemma] / seen[lemma], 3)
        for lemma in as_cue
        if seen[lemma] >= MIN_LEMMA_COUNT and as_cue[lemma] / seen[lemma] >= MIN_RATE_KEPT
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR folder holding train/")
    parser.add_argument("--parses", type=Path, help="DocBin cache of the train parses")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--max-iterations", type=int, default=200)
    parser.add_argument("--c1", type=float, default=3.0, help="L1 penalty (keeps the model small)")
    parser.add_argument(
        "--content-c1", type=float, default=1.5, help="L1 penalty of the cue-given content tagger"
    )
    parser.add_argument(
        "--content-max-iterations",
        type=int,
        default=400,
        help="L-BFGS iterations of the cue-given content tagger",
    )
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument(
        "--models",
        nargs="+",
        choices=("tagger", "content"),
        default=["tagger", "content"],
        help="which of the two taggers to (re)train",
    )
    args = parser.parse_args()

    started = time.monotonic()
    articles = read_split(args.data / "train")
    docs = parse_articles(articles, args.parses)
    labels = [bio_labels(d, a) for d, a in zip(docs, articles, strict=True)]
    rates = cue_rates(docs, labels)
    print(f"{len(articles)} articles, {sum(len(d) for d in docs)} tokens, {len(rates)} cue lemmas")

    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.max_iterations,
        "feature.possible_transitions": True,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    if "tagger" in args.models:
        trainer = pycrfsuite.Trainer(verbose=False)
        for doc, doc_labels in zip(docs, labels, strict=True):
            trainer.append(doc_features(doc, rates), doc_labels)
        trainer.set_params(params)
        trainer.train(str(args.out / MODEL_FILE))
    if "content" in args.models:
        trainer = pycrfsuite.Trainer(verbose=False)
        for doc, article in zip(docs, articles, strict=True):
            for features, window_labels in content_items(doc, article, rates):
                trainer.append(features, window_labels)
        trainer.set_params(
            {**params, "c1": args.content_c1, "max_iterations": args.content_max_iterations}
        )
        trainer.train(str(args.out / CONTENT_MODEL_FILE))
    meta = {
        "name": f"quotes-crf-polnear-train-{args.max_iterations}it",
        "trained_on": "PolNeAR v1.0.0 train/ (one annotator per article)",
        "c1": args.c1,
        "content_c1": args.content_c1,
        "content_max_iterations": args.content_max_iterations,
        "c2": args.c2,
        "cue_rates": dict(sorted(rates.items())),
    }
    (args.out / LEXICON_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    size = (args.out / MODEL_FILE).stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.1f} MB) in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
