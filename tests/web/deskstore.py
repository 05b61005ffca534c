"""One analysed store for the desk's tests (web, report, views), built once per test session:
the seeds, the bundled sample corpus and one hostile article whose title, text and URL try to
inject markup and script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clitools import wirewatch

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "sample" / "articles"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="alert(2)">'
XSS_TITLE = "Canada troops <script>alert('title')</script> report"
XSS_ARTICLE = {
    "url": "javascript:alert(3)",
    "title": XSS_TITLE,
    "published": "2019-05-02",
    "text": (
        f"OTTAWA — Canada said on Thursday it would keep 250 troops in Iraq {XSS_SCRIPT} until "
        f"2020.\n\nDefence Minister Harjit Sajjan met Iraqi officials in Baghdad {XSS_IMG} to "
        "discuss the NATO training mission.\n\n"
        "\"We will stay the course,\" Sajjan said. Canada asked NATO allies for more trainers."
    ),
}


def build_desk_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The session's store, built on first use (about 40 s) and shared by every test module."""
    folder = tmp_path_factory.getbasetemp() / "desk"
    db = folder / "desk.db"
    if db.exists():
        return db
    folder.mkdir(exist_ok=True)
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(XSS_ARTICLE) + "\n", encoding="utf-8")
    result = wirewatch(db, "ingest", "--quiet", str(seeds_dir), str(SAMPLE), str(hostile))
    assert result.returncode == 0, result.stderr.decode()
    return db
