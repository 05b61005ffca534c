"""`--engine ray` without Ray: a clear message naming the extra, and the store untouched."""

from __future__ import annotations

import os
from pathlib import Path

from clitools import wirewatch


def test_engine_ray_without_ray_names_the_extra_and_touches_nothing(tmp_path: Path) -> None:
    # A `ray` package that fails to import, first on the path: Ray as good as not installed.
    (tmp_path / "shadow" / "ray").mkdir(parents=True)
    (tmp_path / "shadow" / "ray" / "__init__.py").write_text(
        "raise ImportError(\"No module named 'ray'\")\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Canada sent troops to Iraq, officials said.", encoding="utf-8")
    path = os.pathsep.join(p for p in (str(tmp_path / "shadow"), os.environ.get("PYTHONPATH"))
                           if p)
    db = tmp_path / "w.db"
    result = wirewatch(db, "ingest", "--engine", "ray", str(tmp_path / "a.txt"),
                       env={"PYTHONPATH": path})
    assert result.returncode == 2, result.stderr.decode()
    assert "pip install wirewatch[ray]" in result.stderr.decode()
    assert not db.exists()
