"""Train the attribution taggers (src/wirewatch/data/models/quotes/) on PolNeAR train/.

    .venv/bin/python scripts/train_quotes.py --data ../shared/data/quotes/polnear \
        [--parses /tmp/quotes_train.spacy] [--max-iterations 200] [--c1 3.0] \
        [--content-max-iterations 400] [--content-c1 1.5] \
        [--models tagger content cues ends] [--cue-add-threshold 0.7] [--cue-drop-threshold 0.3] \
        [--end-c 0.1] [--end-margin 0]

Two linear-chain CRFs sharing one cue lexicon: the document tagger (quotes.crfsuite, every token
of an article) and the cue-given content tagger (content.crfsuite, one sequence per gold cue:
the cue's sentence, labelled with that relation's content and source); the cue scorer
(cues.json, extract/quotes_cues.py), a logistic regression over every known cue word that
adds cues the document tagger missed and drops ones it should not have taken; and the end
scorer (ends.json, extract/quotes_ends.py), a logistic regression over every place where the
content after a cue could end in its sentence.

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

The cue scorer reads the document tagger's label and marginal at each word, so it is trained
on taggers that had not seen the article: train is cut into 3 folds, each tagged by a tagger
trained on the other two (150 iterations, their own cue rates; ~10 minutes on 2 cores), and
the scorer is fitted on those 63,908 candidate words (C 1.0 scored as well as 0.3 and 3 on
dev). The thresholds were chosen on dev among add 0.4-0.8 and drop 0-0.5: add 0.7, drop 0.3.
With it (same two CRFs) dev source/cue/content went from 0.7717/0.7059/0.5918 to
0.7773/0.7119/0.5964 (content exact +16 net; a paired bootstrap over the articles puts each
gain above zero in 99% of resamples); cues.json is 0.37 MB. Added cues draw their content
exactly only about half the time, and adding at 0.5 instead of 0.7 lowers content F1.

The end scorer reads where a content tagger ends the content after a cue, so it is trained on
3 out-of-fold content taggers too (200 iterations each; ~9 minutes on 2 cores), over the
268,332 places in their sentences where the contents after 14,858 gold cues of train could
end (the fold taggers ended 11,931 of them right). Scored on held-out halves of those groups,
the words at the edge alone moved 11,931 right ends to 12,090; adding how the words after the
edge hang from the content or the cue ("in:advcl", "before:conj") and how the content's last
word leads out of it, 12,303. Given dev's gold cues, the shipped content tagger ends 1,349 of
1,667 such contents right, the scorer 1,372 (C 0.1, margin 0; C 1.0: 1,370; with the tagger's
CONT marginals at and across the edge as features: 1,369; margins 0.5-2 all lower). With it,
`wirewatch eval quotes` on dev (parsed after the lemma fix of nlp/lemmas.py, which alone moves
source/cue/content from 0.7775/0.7119/0.5995 to 0.7765/0.7111/0.5995) gives 0.7765/0.7111/
0.6059: content exact +13 net (19 contents of matched cues set right, 6 set wrong; it still
runs on into "during a campaign stop …" or an appositive after a comma), the gain above zero
in 98.6% of paired bootstrap resamples over the articles; ends.json is 0.09 MB.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

from wirewatch.eval.quotes_polnear import Article, read_split
from wirewatch.extract.quotes import (
    CONTENT_MODEL_FILE,
    LEXICON_FILE,
    MODEL_DIR,
    MODEL_FILE,
    role_chunks,
)
from wirewatch.extract.quotes_content import content_features, cue_window
from wirewatch.extract.quotes_cues import (
    CUES_MODEL_FILE,
    MIN_CANDIDATE_RATE,
    candidate_features,
    candidates,
    cue_context,
    tagger_marginals,
)
from wirewatch.extract.quotes_ends import ENDS_MODEL_FILE, end_candidates, end_features
from wirewatch.extract.quotes_features import doc_features, quote_depths, sentence_numbers
from wirewatch.nlp.pipeline import load_nlp

ROLE_OF_FIELD = {"source": "SRC", "cue": "CUE", "content": "CONT"}
# A lemma must be seen this often in train before its cue rate is trusted.
MIN_LEMMA_COUNT = 3
MIN_RATE_KEPT = 0.02
# A particle after a cue word is part of the cue when train's cues of that lemma took it this
# often (out of at least MIN_LEMMA_COUNT).
PARTICLE_RATE = 0.5
# Weights of the cue scorer smaller than this are left out of cues.json.
MIN_WEIGHT = 0.01


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


def cue_particles(docs: list[Doc], labels: list[list[str]], rates: dict[str, float]) -> list[str]:
    """Pairs "lemma word" whose second word, hanging from a cue word, is part of its cue."""
    seen: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    for doc, doc_labels in zip(docs, labels, strict=True):
        for token in doc[:-1]:
            after = doc[token.i + 1]
            lemma = token.lemma_.lower()
            if rates.get(lemma, 0.0) < MIN_CANDIDATE_RATE or after.head.i != token.i:
                continue
            if not doc_labels[token.i].endswith("CUE"):
                continue
            pair = f"{lemma} {after.lower_}"
            seen[pair] += 1
            in_cue[pair] += doc_labels[after.i] == "I-CUE"
    return sorted(
        pair
        for pair, count in seen.items()
        if count >= MIN_LEMMA_COUNT and in_cue[pair] / count >= PARTICLE_RATE
    )


def out_of_fold_cue_rows(
    docs: list[Doc], labels: list[list[str]], params: dict, folds: int
) -> tuple[list[dict[str, float]], list[int]]:
    """Features and gold answers (part of a cue or not) of every candidate cue word in train.

    The features read the document tagger's labels and marginals; a tagger scores the
    articles it was trained on too well, so each fold of articles is tagged by one trained on
    the other folds, with the cue rates of those folds, as an unseen article would be.
    """
    features: list[dict[str, float]] = []
    targets: list[int] = []
    for fold in range(folds):
        held_out = [n for n in range(len(docs)) if n % folds == fold]
        seen = [n for n in range(len(docs)) if n % folds != fold]
        rates = cue_rates([docs[n] for n in seen], [labels[n] for n in seen])
        trainer = pycrfsuite.Trainer(verbose=False)
        for n in seen:
            trainer.append(doc_features(docs[n], rates), labels[n])
        trainer.set_params(params)
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "fold.crfsuite"
            trainer.train(str(path))
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
        marginal = tagger_marginals(tagger)
        for n in held_out:
            doc = docs[n]
            tagged = tagger.tag(doc_features(doc, rates))
            context = cue_context(doc, tagged, rates, quote_depths(doc), sentence_numbers(doc))
            for i in candidates(doc, rates):
                features.append(candidate_features(doc, i, tagged, marginal, context))
                targets.append(int(labels[n][i].endswith("CUE")))
        tagger.close()
        print(f"cue fold {fold + 1}/{folds}: {len(targets)} candidates so far")
    return features, targets


def out_of_fold_end_rows(
    docs: list[Doc], articles: list[Article], labels: list[list[str]], params: dict, folds: int
) -> tuple[list[dict[str, float]], list[int]]:
    """Features and gold answers (the gold end or not) of every place where each gold cue's
    content after it could end, in its sentence, as a content tagger that had not seen the
    article draws that content (see out_of_fold_cue_rows)."""
    features: list[dict[str, float]] = []
    targets: list[int] = []
    for fold in range(folds):
        seen = [n for n in range(len(docs)) if n % folds != fold]
        rates = cue_rates([docs[n] for n in seen], [labels[n] for n in seen])
        trainer = pycrfsuite.Trainer(verbose=False)
        for n in seen:
            for item, window_labels in content_items(docs[n], articles[n], rates):
                trainer.append(item, window_labels)
        trainer.set_params(params)
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "fold.crfsuite"
            trainer.train(str(path))
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
        for n in range(fold, len(docs), folds):
            for candidate_rows, answers in _end_rows(docs[n], articles[n], rates, tagger):
                features.extend(candidate_rows)
                targets.extend(answers)
        tagger.close()
        print(f"end fold {fold + 1}/{folds}: {len(targets)} candidate ends so far")
    return features, targets


def _end_rows(
    doc: Doc, article: Article, rates: dict[str, float], tagger: pycrfsuite.Tagger
) -> Iterator[tuple[list[dict[str, float]], list[int]]]:
    """For each gold relation whose content goes on after its cue, where the tagger also draws
    a content after it: the features of each candidate end, and which one is gold's (a content
    running on past the sentence ends, within it, at the sentence's end)."""
    depths, sentence_of = quote_depths(doc), sentence_numbers(doc)
    for relation in article.attributions:
        if not relation.cue or not relation.content:
            continue
        cue_span = doc.char_span(relation.cue[0][0], relation.cue[-1][1], alignment_mode="expand")
        gold_after = [f for f in relation.content if f[0] >= relation.cue[-1][1]]
        if cue_span is None or not len(cue_span) or not gold_after:
            continue
        gold_span = doc.char_span(*gold_after[-1], alignment_mode="expand")
        cue = (cue_span.start, cue_span.end)
        start, end = cue_window(sentence_of, cue)
        tagged = tagger.tag(content_features(doc, cue, (start, end), depths, rates))
        after = next(
            (
                c
                for c in role_chunks(doc[start:end], tagged)
                if c.role == "CONT" and c.start + start >= cue[1]
            ),
            None,
        )
        if after is None or gold_span is None:
            continue
        piece_start, tagged_end = after.start + start, after.end + start
        ends = end_candidates(doc, piece_start, end)
        gold_end = min(gold_span.end, ends[-1]) if ends else gold_span.end
        if gold_end not in ends or tagged_end not in ends:
            continue
        yield (
            [
                end_features(doc, piece_start, e, tagged_end, end, depths)
                for e in ends
            ],
            [int(e == gold_end) for e in ends],
        )


def fit_scorer(
    features: list[dict[str, float]], targets: list[int], c: float
) -> tuple[dict[str, float], float]:
    """Logistic-regression weights by feature name (the small ones left out), and the bias."""
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(vectorizer.fit_transform(features), targets)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= MIN_WEIGHT
    }
    return dict(sorted(weights.items())), round(float(model.intercept_[0]), 4)


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
        choices=("tagger", "content", "cues", "ends"),
        default=["tagger", "content", "cues", "ends"],
        help="which of the two taggers, the cue scorer and the end scorer to (re)train",
    )
    parser.add_argument("--cue-folds", type=int, default=3)
    parser.add_argument(
        "--cue-fold-iterations",
        type=int,
        default=150,
        help="L-BFGS iterations of each out-of-fold document tagger",
    )
    parser.add_argument("--cue-c", type=float, default=1.0, help="inverse L2 penalty")
    parser.add_argument(
        "--cue-add-threshold", type=float, default=0.7, help="an untagged word above is a cue"
    )
    parser.add_argument(
        "--cue-drop-threshold", type=float, default=0.3, help="a tagged cue below is dropped"
    )
    parser.add_argument(
        "--end-fold-iterations",
        type=int,
        default=200,
        help="L-BFGS iterations of each out-of-fold content tagger",
    )
    parser.add_argument("--end-c", type=float, default=0.1, help="inverse L2 penalty")
    parser.add_argument(
        "--end-margin", type=float, default=0.0, help="a new content end must beat the tagger's by"
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
    if "cues" in args.models:
        fold_params = {**params, "max_iterations": args.cue_fold_iterations}
        features, targets = out_of_fold_cue_rows(docs, labels, fold_params, args.cue_folds)
        weights, bias = fit_scorer(features, targets, args.cue_c)
        scorer = {
            "trained_on": f"PolNeAR v1.0.0 train/, {args.cue_folds} out-of-fold taggers",
            "c": args.cue_c,
            "fold_iterations": args.cue_fold_iterations,
            "add_threshold": args.cue_add_threshold,
            "drop_threshold": args.cue_drop_threshold,
            "bias": bias,
            "particles": cue_particles(docs, labels, rates),
            "weights": weights,
        }
        (args.out / CUES_MODEL_FILE).write_text(json.dumps(scorer, indent=0) + "\n", "utf-8")
    if "ends" in args.models:
        fold_params = {
            **params,
            "c1": args.content_c1,
            "max_iterations": args.end_fold_iterations,
        }
        features, targets = out_of_fold_end_rows(
            docs, articles, labels, fold_params, args.cue_folds
        )
        weights, bias = fit_scorer(features, targets, args.end_c)
        scorer = {
            "trained_on": f"PolNeAR v1.0.0 train/, {args.cue_folds} out-of-fold content taggers",
            "c": args.end_c,
            "fold_iterations": args.end_fold_iterations,
            "margin": args.end_margin,
            "bias": bias,
            "weights": weights,
        }
        (args.out / ENDS_MODEL_FILE).write_text(json.dumps(scorer, indent=0) + "\n", "utf-8")
    if not {"tagger", "content"} & set(args.models):
        print(f"wrote the scorers in {args.out} in {time.monotonic() - started:.0f} s")
        return
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
