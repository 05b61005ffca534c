"""Two-level PLOVER prediction: a quad classifier's margins as extra features of the type model.

Most of the type model's cross-validation errors on PLV_train cross quads (verbal / material
cooperation / conflict): 102 of 163 on the seed-0 split. A classifier trained on the four quads
pools the evidence of all types of a quad (e.g. every material-conflict sentence teaches it
"material conflict"), and its margins let the type model lean on that decision. The margins it
learns from are out-of-fold, so the type model sees them as noisy as they are on new sentences.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.model_selection import StratifiedKFold

from wirewatch.extract.event_types import PLV_YIELD, QUAD

# PLV's YIELD joins CONCEDE (verbal) and RETREAT (material cooperation); RETREAT is the larger
# share of PLV_train's YIELD rows.
_YIELD_QUAD = QUAD["RETREAT"]
QUAD_CLASSES = tuple(sorted(set(QUAD.values())))


def quad_of(label: str) -> int:
    """The quad of a PLV root label."""
    return _YIELD_QUAD if label == PLV_YIELD else QUAD[label]


def _margins(model: Any, X: Any) -> np.ndarray:
    """A fitted linear model's margins (X @ coef.T + intercept) without its per-call checks."""
    if isinstance(X, sparse.csr_matrix) and X.dtype == np.float64:
        return np.asarray(X @ model.coef_.T) + model.intercept_
    return model.decision_function(X)


class QuadStacked(ClassifierMixin, BaseEstimator):
    """The type estimator fitted on X plus `weight` × the quad classifier's margins."""

    def __init__(self, estimator: Any, quad_estimator: Any, weight: float = 0.3,
                 cv: int = 5) -> None:
        self.estimator = estimator
        self.quad_estimator = quad_estimator
        self.weight = weight
        self.cv = cv

    def fit(self, X: Any, y: Any, always_train: int = 0) -> QuadStacked:
        """Fit both levels. The last `always_train` rows (the codebook pseudo-sentences) are in
        every inner training fold; their margins are the mean over the inner models."""
        X = sparse.csr_matrix(X, dtype=np.float64)
        y = np.asarray(y)
        quads = np.array([quad_of(label) for label in y])
        held = len(y) - always_train
        fixed = np.arange(held, len(y))
        margins = np.zeros((len(y), len(QUAD_CLASSES)))
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=1)
        for train, test in folds.split(np.zeros(held), y[:held]):
            inner = clone(self.quad_estimator).fit(X[np.concatenate([train, fixed])],
                                                   quads[np.concatenate([train, fixed])])
            margins[test] = _margins(inner, X[test])
            if always_train:
                margins[fixed] += _margins(inner, X[fixed]) / self.cv
        self.quad_ = clone(self.quad_estimator).fit(X, quads)
        self.estimator_ = clone(self.estimator).fit(self._stack(X, margins), y)
        self.classes_ = self.estimator_.classes_
        return self

    def _stack(self, X: Any, margins: np.ndarray) -> sparse.csr_matrix:
        return sparse.hstack([X, sparse.csr_matrix(margins * self.weight)], format="csr")

    def _with_quads(self, X: Any) -> sparse.csr_matrix:
        X = sparse.csr_matrix(X, dtype=np.float64)
        return self._stack(X, _margins(self.quad_, X))

    def decision_function(self, X: Any) -> np.ndarray:
        return self.estimator_.decision_function(self._with_quads(X))

    def predict_proba(self, X: Any) -> np.ndarray:
        return self.estimator_.predict_proba(self._with_quads(X))

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[self.decision_function(X).argmax(axis=1)]

