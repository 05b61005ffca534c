"""The shipped PLOVER event classifier on clear sentences, the YIELD split, and the type table."""

from __future__ import annotations

import json

import pytest

from wirewatch.eval.events import strip_marks
from wirewatch.extract.event_classifier import (
    MODEL_PATH,
    EventClassifier,
    EventPrediction,
    ModelVersionError,
    featurize_many,
)
from wirewatch.extract.event_classifier_quad import QuadStacked, quad_of
from wirewatch.extract.event_types import CATEGORIES, QUAD, cameo_to_plover, to_plv_root


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier.load()


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ("<s>Canada</s> rejected the <t>U.S.</t> request to repatriate fighters", "REJECT"),
        ("<s>The U.S.</s> asked <t>Canada</t> to take back its citizens", "REQUEST"),
        ("<s>Coalition jets</s> struck <t>ISIS</t> positions near Mosul", "ASSAULT"),
        ("<s>Canadian</s> and <t>Russian officials</t> met in Ottawa for talks", "CONSULT"),
        ("<s>NATO</s> agreed to expand its training mission in <t>Iraq</t>", "AGREE"),
        ("<s>Police</s> arrested <t>two suspected ISIS supporters</t> in Toronto", "COERCE"),
        ("<s>Russia</s> accused <t>the coalition</t> of killing civilians", "ACCUSE"),
        ("<s>Iran</s> threatened to close the Strait of Hormuz to <t>U.S.</t> ships", "THREATEN"),
        ("<s>Thousands of protesters</s> demonstrated against <t>the government</t>", "PROTEST"),
        ("<s>Canada</s> sent humanitarian aid to <t>Iraqi refugees</t>", "AID"),
        ("<s>The president</s> praised <t>Canadian troops</t> for their service", "SUPPORT"),
        ("<s>The rebels</s> released <t>three hostages</t> on Sunday", "RETREAT"),
    ],
)
def test_event_classifier_clear_sentences(
    classifier: EventClassifier, marked: str, expected: str
) -> None:
    sentence, source, target = strip_marks(marked)
    prediction = classifier.predict(sentence, source, target)
    assert prediction.type == expected
    assert prediction.quad == QUAD[expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Canada rejected the U.S. request to repatriate fighters",
        "Coalition jets struck ISIS positions near Mosul",
        "",
    ],
)
def test_event_classifier_scores_cover_all_categories_without_spans(
    classifier: EventClassifier, sentence: str
) -> None:
    prediction = classifier.predict(sentence)
    assert isinstance(prediction, EventPrediction)
    assert set(prediction.scores) == set(CATEGORIES)
    assert sum(prediction.scores.values()) == pytest.approx(1.0, abs=1e-6)
    assert prediction.scores[prediction.type] <= prediction.confidence <= 1.0


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ("<s>The king</s> pardoned <t>the jailed dissidents</t>", "CONCEDE"),
        ("<s>The rebels</s> freed <t>the hostages</t>", "RETREAT"),
    ],
)
def test_event_classifier_splits_yield_by_modality(
    classifier: EventClassifier, marked: str, expected: str
) -> None:
    sentence, source, target = strip_marks(marked)
    prediction = classifier.predict(sentence, source, target)
    assert to_plv_root(prediction.type) == "YIELD"
    assert prediction.type == expected


def test_event_classifier_predict_many_matches_predict(classifier: EventClassifier) -> None:
    items = [
        ("NATO agreed to expand its training mission in Iraq", (0, 4), (46, 50)),
        ("Coalition jets struck ISIS positions near Mosul", None, None),
    ]
    many = classifier.predict_many(items)
    assert [p.type for p in many] == [classifier.predict(*item).type for item in items]


@pytest.mark.parametrize(
    ("code", "category"),
    [("042", "CONSULT"), ("0841", "RETREAT"), ("081", "CONCEDE"), ("163", "COERCE"),
     ("1124", "ACCUSE"), ("195", "ASSAULT"), ("010", None), ("020", None)],
)
def test_event_types_cameo_to_plover(code: str, category: str | None) -> None:
    mapping = cameo_to_plover(code)
    assert (mapping.category if mapping else None) == category


@pytest.mark.parametrize(
    ("marked", "sentence", "source", "target"),
    [
        ("<s>Ukraine</s> accuses <t>Russia</t>.", "Ukraine accuses Russia.", (0, 7), (16, 22)),
        ("a <s>Jordan</s>ian official met <s>Jordan</s>", "a Jordanian official met Jordan",
         (2, 8), None),
        ("<s><t>Serbia</t>n President</s> spoke", "Serbian President spoke", (0, 17), (0, 6)),
    ],
)
def test_event_classifier_strip_marks_recovers_spans(
    marked: str, sentence: str, source: tuple[int, int], target: tuple[int, int] | None
) -> None:
    assert strip_marks(marked) == (sentence, source, target)


@pytest.mark.parametrize("version", ["0.0.1", None])
def test_event_classifier_refuses_model_from_other_sklearn(tmp_path, version) -> None:
    model = tmp_path / "other.joblib"
    model.write_bytes(MODEL_PATH.read_bytes())
    model.with_suffix(".json").write_text(json.dumps({"sklearn": version}))
    with pytest.raises(ModelVersionError, match="scikit-learn"):
        EventClassifier.load(model)


@pytest.mark.parametrize(
    ("marked", "path"),
    [
        ("<s>Russia</s> accused <t>the coalition</t> of killing civilians", "accuse"),
        ("<s>The rebels</s> freed <t>the hostages</t> on Sunday", "free"),
        ("<s>Russia</s> accused the coalition of killing civilians", ""),
    ],
)
def test_event_features_path_links_source_to_target(marked: str, path: str) -> None:
    sentence, source, target = strip_marks(marked)
    [row] = featurize_many([(sentence, source, target)])
    assert row.path == path


@pytest.mark.parametrize(
    ("marked", "governor"),
    [
        ("<s>Russia</s> accused <t>the coalition</t> of killing civilians", "tg_dobj_accuse"),
        ("<s>Canada</s> held talks with <t>Russia</t> on Monday", "tg_pobj_with tg2_prep_talk"),
        (
            "<s>Canada</s> sent humanitarian aid to <t>Iraqi refugees</t>",
            "tg_pobj_to tg2_prep_send",
        ),
        ("<s>Russia</s> accused the coalition of killing civilians", ""),
    ],
)
def test_event_features_governor_names_what_the_target_hangs_from(
    marked: str, governor: str
) -> None:
    sentence, source, target = strip_marks(marked)
    [row] = featurize_many([(sentence, source, target)])
    assert row.governor == governor


def test_event_features_cross_modality_with_the_trigger_lexicon() -> None:
    """A future attack and a refused release get cues a linear model cannot form from
    `future`, `negated` and the lexicon hits alone."""
    future, refused, past = featurize_many([
        strip_marks("<s>Turkey</s> will attack <t>Kurdish fighters</t> in Syria"),
        strip_marks("<s>Israel</s> would not release <t>the prisoners</t>"),
        strip_marks("<s>Turkey</s> attacked <t>Kurdish fighters</t> in Syria"),
    ])
    assert {"future_lex=ASSAULT", "future_quad=4"} <= future.cues.keys()
    assert {"negated_lex=RETREAT", "negated_quad=2"} <= refused.cues.keys()
    assert not [name for name in past.cues if name.startswith(("future_", "modal_", "negated_"))]


def test_event_classifier_reads_the_document_parse_and_a_stored_one_alike(
    classifier: EventClassifier,
) -> None:
    """Sentences of the document's own parse are classified without parsing them again; a parse
    rebuilt from the store (no tensor) gives the same features, the tensor recomputed."""
    from wirewatch.extract.event_classifier import featurize_parsed
    from wirewatch.nlp.pipeline import doc_from_bytes, doc_to_bytes, load_nlp

    text = ("Ottawa said on Monday it would not repatriate the fighters. "
            "Coalition jets struck ISIS positions near Mosul. "
            "NATO agreed to expand its training mission in Iraq.")
    nlp = load_nlp()
    doc = nlp(text)
    sentences = list(doc.sents)
    assert len(sentences) == 3
    items = [(sentences[0], (0, 6), None), (sentences[1], (0, 14), (22, 26)),
             (sentences[2], (0, 4), (46, 50))]
    fresh = featurize_parsed(items)
    stored = doc_from_bytes(nlp, doc_to_bytes(doc))
    assert stored.tensor.shape[0] == 0
    again = featurize_parsed([(list(stored.sents)[n], src, tgt)
                              for n, (_, src, tgt) in enumerate(items)])
    assert [(r.masked, r.trigger, r.cues, r.path, r.governor) for r in again] == [
        (r.masked, r.trigger, r.cues, r.path, r.governor) for r in fresh]
    assert all((a.context == f.context).all() for a, f in zip(again, fresh, strict=True))
    assert fresh[1].masked.startswith("actorsrc strike actortgt")
    predicted = [p.type for p in classifier.predict_parsed(items)]
    assert predicted[1:] == ["ASSAULT", "AGREE"]
    alone = [p.type for p in classifier.predict_many([(s.text, a, b) for s, a, b in items])]
    assert predicted == alone

    # a parse by another pipeline (another vocabulary) is parsed again, as featurize_many does
    import spacy

    other = spacy.blank("en")
    foreign = [(other(s.text)[:], a, b) for s, a, b in items]
    again_alone = featurize_many([(s.text, a, b) for s, a, b in items])
    assert [(r.masked, r.trigger, r.cues) for r in featurize_parsed(foreign)] == [
        (r.masked, r.trigger, r.cues) for r in again_alone]


def test_event_vectorizer_builds_the_matrix_scikit_learn_builds(
    classifier: EventClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The prediction-time matrix (own TF-IDF and CSR code) equals the one stacked from
    scikit-learn's transforms: same columns in the same order, same values."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from wirewatch.extract import event_classifier
    from wirewatch.extract.event_classifier import EventVectorizer, _transform

    rows = featurize_many([
        ("Canada rejected the U.S. request to repatriate fighters", (0, 6), (22, 26)),
        ("Coalition jets struck ISIS positions near Mosul on Monday", None, (22, 26)),
        ("", None, None),
    ])
    assert classifier.vectorizer._stack_rows(rows) is not None  # the fast path is taken
    fast = classifier.vectorizer.transform(rows)
    monkeypatch.setattr(EventVectorizer, "_stack_rows", lambda self, rows: None)
    monkeypatch.setattr(event_classifier, "_transform", lambda vec, data: vec.transform(data))
    slow = classifier.vectorizer.transform(rows)  # scikit-learn's transforms, stacked
    monkeypatch.undo()
    assert fast.shape == slow.shape and fast.dtype == slow.dtype == np.float64
    assert (fast.indptr == slow.indptr).all() and (fast.indices == slow.indices).all()
    assert (fast.data == slow.data).all()

    texts = ["the cat sat", "the dog sat on the mat", "a cat and a dog"]
    tfidf = TfidfVectorizer(sublinear_tf=True).fit(texts)
    assert (_transform(tfidf, texts) != tfidf.transform(texts)).nnz == 0
    tfidf.fit(["zebra", "cat zebra"])  # a refit vectorizer is read afresh
    assert (_transform(tfidf, texts) != tfidf.transform(texts)).nnz == 0
    narrow = TfidfVectorizer(dtype=np.float32).fit(texts)
    assert _transform(narrow, texts).dtype == np.float32


@pytest.mark.parametrize(
    ("marked", "quad"),
    [
        ("<s>Coalition jets</s> struck <t>ISIS</t> positions near Mosul", 4),
        ("<s>Russia</s> accused <t>the coalition</t> of killing civilians", 3),
        ("<s>Canada</s> sent humanitarian aid to <t>Iraqi refugees</t>", 2),
        ("<s>Canadian</s> and <t>Russian officials</t> met in Ottawa for talks", 1),
    ],
)
def test_event_classifier_quad_stage_names_the_quad(
    classifier: EventClassifier, marked: str, quad: int
) -> None:
    sentence, source, target = strip_marks(marked)
    X = classifier.vectorizer.transform(featurize_many([(sentence, source, target)]))
    estimator = classifier.estimator
    assert isinstance(estimator, QuadStacked)
    assert estimator.quad_.predict(X)[0] == quad
    assert estimator.predict(X)[0] == classifier.predict(sentence, source, target).type


def test_event_classifier_quad_of_yield_is_material_cooperation() -> None:
    assert quad_of("YIELD") == QUAD["RETREAT"] == 2
    assert quad_of("ACCUSE") == QUAD["ACCUSE"] == 3
