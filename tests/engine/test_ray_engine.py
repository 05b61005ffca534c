"""The Ray engine builds the local engine's store: same exports byte for byte, same ledger.

Both engines run the real `wirewatch ingest` (Ray in local mode on 2 CPUs) over the seeds, the
bundled sample corpus and a folder of bad inputs; everything is compared after one run each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from clitools import wirewatch

pytest.importorskip("ray.data", reason="Ray is not installed (pip install wirewatch[ray])")

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "src" / "wirewatch" / "sample" / "articles"
KINDS = ["documents", "actors", "events", "quotes", "figures"]
MAX_BYTES = 200_000


def _write_bad_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \n\n   \n")
    (folder / "menu.html").write_bytes(
        b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>")
    (folder / "huge.txt").write_bytes(b"Ottawa said more. " * (MAX_BYTES // 10))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(500))


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("engines")
    _write_bad_inputs(root / "bad")
    sources = [str(seeds_dir), str(SAMPLE), str(root / "bad")]
    engines = {"local": [], "ray": ["--engine", "ray", "--num-cpus", "2"]}
    stores = {}
    for engine, options in engines.items():
        db = stores[engine] = root / f"{engine}.db"
        result = wirewatch(db, "ingest", "--quiet", "--max-bytes", str(MAX_BYTES), *options,
                           *sources)
        # 1: the bad inputs failed, everything else was stored and analysed.
        assert result.returncode == 1, result.stderr.decode()
    return stores


def _export(db: Path | str, kind: str) -> bytes:
    result = wirewatch(db, "export", kind, "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_ray_engine_exports_the_local_engines_bytes(stores: dict[str, Path], kind: str) -> None:
    local = _export(stores["local"], kind)
    assert local.count(b"\n") > 5, f"the local engine exported almost no {kind}"
    assert _export(stores["ray"], kind) == local


def _ledger(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT run_id, item_key, stage, status, doc_id, reason FROM ledger"
                            " ORDER BY rowid").fetchall()


def test_ray_engine_records_bad_inputs_in_the_ledger_like_local(stores: dict[str, Path]) -> None:
    ledger = _ledger(stores["ray"])
    assert ledger == _ledger(stores["local"])
    failed = {Path(key).name: (stage, reason)
              for _, key, stage, status, _, reason in ledger if status == "failed"}
    assert set(failed) == {"empty.txt", "blank.txt", "menu.html", "huge.txt", "photo.jpg"}
    # Cleaned in a Ray worker (no learned templates needed), recorded by the driver.
    assert failed["menu.html"] == ("clean", "no article text found after cleaning")
    assert failed["blank.txt"][0] == "clean"
    assert failed["huge.txt"][0] == "read"
    analysed = [row for row in ledger if row[2] == "analyze"]
    assert analysed and all(row[3] == "ok" for row in analysed)


def test_ray_engine_writes_postgresql_directly(
    stores: dict[str, Path], new_pg_database: Callable[[], str], seeds_dir: Path
) -> None:
    """The driver writes through the store interface: Ray into PostgreSQL exports the bytes
    the local engine exports from SQLite."""
    url = new_pg_database()
    result = wirewatch(url, "ingest", "--quiet", "--max-bytes", str(MAX_BYTES), "--engine", "ray",
                       "--num-cpus", "2", str(seeds_dir), str(SAMPLE))
    assert result.returncode == 0, result.stderr.decode()
    for kind in KINDS:
        assert _export(url, kind) == _export(stores["local"], kind), kind
