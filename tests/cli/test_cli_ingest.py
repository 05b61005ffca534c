"""End-to-end: the `wirewatch` command on real inputs, bad inputs, re-runs and crashes."""

from __future__ import annotations

import csv
import gzip
import random
from pathlib import Path

import pytest

from clitools import export, wirewatch
from conftest import BACKENDS, new_store_target
from pgcluster import _free_port
from wirewatch.store import open_store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "src" / "wirewatch" / "sample" / "articles"


def export_documents(db: Path) -> list[dict]:
    return export(db, "documents")


def test_cli_ingest_seeds_and_sample_then_reingest_adds_nothing(store_target, seeds_dir):
    db = store_target
    first = wirewatch(db, "ingest", "--quiet", str(seeds_dir), str(SAMPLE))
    assert first.returncode == 0, first.stderr.decode()
    documents = export_documents(db)
    assert len(documents) == 5 + 30 + 45 + 1  # seeds, Wikinews, CENTCOM days, nov2.html
    second = wirewatch(db, "ingest", "--quiet", str(seeds_dir), str(SAMPLE))
    assert second.returncode == 0
    assert b"0 stored" in second.stdout
    assert export_documents(db) == documents


def test_cli_export_documents_follows_contract(seeds_store):
    for doc in export_documents(seeds_store):
        assert {"id", "path", "url", "title", "outlet", "authors", "published",
                "published_precision", "language", "wire", "duplicate_of", "text"} <= set(doc)
        assert isinstance(doc["authors"], list)
        assert doc["text"].strip()
        assert doc["published_precision"] in {"day", "month", "year", None}
        if doc["published"]:
            precision_len = {"day": 10, "month": 7, "year": 4}[doc["published_precision"]]
            assert len(doc["published"]) == precision_len


def _seeds(backend: str, request, tmp_path_factory, seeds_dir) -> Path | str:
    db = new_store_target(backend, tmp_path_factory.mktemp("export"), request)
    result = wirewatch(db, "ingest", "--quiet", str(seeds_dir))
    assert result.returncode == 0, result.stderr.decode()
    return db


@pytest.fixture(scope="module")
def seeds_sqlite(request, tmp_path_factory, seeds_dir) -> Path | str:
    return _seeds("sqlite", request, tmp_path_factory, seeds_dir)


@pytest.fixture(scope="module")
def seeds_postgresql(request, tmp_path_factory, seeds_dir) -> Path | str:
    return _seeds("postgresql", request, tmp_path_factory, seeds_dir)


@pytest.fixture(scope="module", params=BACKENDS)
def seeds_store(request) -> Path | str:
    """The seeds, ingested and analysed, in a store on each backend."""
    return request.getfixturevalue(f"seeds_{request.param}")


@pytest.mark.parametrize("kind", ["documents", "actors", "events", "quotes", "figures"])
def test_cli_export_is_the_same_from_sqlite_and_postgresql(seeds_sqlite, seeds_postgresql, kind):
    """Same input, same analysis, same rows in the same order, whichever database holds them."""
    assert export(seeds_postgresql, kind) == export(seeds_sqlite, kind)


def _rows_in(path: Path, fmt: str) -> list[dict]:
    if fmt == "csv":
        with open(path, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("kind", ["documents", "actors", "events", "quotes", "figures"])
def test_cli_export_every_kind_in_every_format(tmp_path, seeds_store, kind, fmt):
    """Every format holds the same rows as JSONL, with the contract's fields, nothing lost."""
    reference = export(seeds_store, kind)
    assert reference, f"the seeds give no {kind}"
    out = tmp_path / f"{kind}.{fmt}"
    result = wirewatch(seeds_store, "export", kind, "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    rows = _rows_in(out, fmt)
    assert [r["id"] for r in rows] == [r["id"] for r in reference]
    assert set(rows[0]) == set(reference[0])


def _write_bad_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Leaders meet in Ottawa\n\nOTTAWA — Officials from both countries met on Thursday "
        "to talk about terrorism, the first such meeting in years.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    (folder / "latin.txt").write_bytes(
        "Caf\xe9 owners in Montr\xe9al said the attack shocked the city, "
        "and officials promised a full inquiry.".encode("latin-1"))
    (folder / "broken.html").write_text(
        "<html><body><div><p>Unclosed <b>markup <p>Soldiers were deployed to the border "
        "region on Monday, the ministry said in a statement.</div>", encoding="utf-8")
    payload = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"x" * 5000)
    (folder / "truncated.warc.gz").write_bytes(payload[: len(payload) // 2])
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(500))


def test_cli_ingest_bad_inputs_are_recorded_and_the_batch_goes_on(tmp_path, store_target):
    folder = tmp_path / "inputs"
    _write_bad_inputs(folder)
    db = store_target
    result = wirewatch(db, "ingest", "--quiet", "--no-analyze", str(folder))
    assert result.returncode == 1, result.stderr.decode()
    stored = {Path(doc["path"]).name for doc in export_documents(db)}
    assert {"good.txt", "latin.txt"} <= stored
    with open_store(db, readonly=True) as store:
        failed = dict(store.query("SELECT item_key, reason FROM ledger WHERE status = 'failed'"))
    by_name = {Path(key.split("@")[0].split("#")[0]).name: reason for key, reason in failed.items()}
    assert "empty" in by_name["empty.txt"]
    assert "binary" in by_name["binary.txt"]
    assert "MB" in by_name["huge.txt"]
    assert "truncated.warc.gz" in by_name
    assert "photo.jpg" in by_name
    status = wirewatch(db, "status")
    assert status.returncode == 0
    assert b"huge.txt" in status.stdout


def test_cli_ingest_store_that_cannot_be_written_fails_clearly(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text("Some article text about a meeting in Ottawa.", encoding="utf-8")
    result = wirewatch(tmp_path / "no" / "such" / "dir" / "w.db", "ingest", str(folder))
    assert result.returncode == 4
    assert b"cannot open store" in result.stderr


def test_cli_ingest_unreachable_database_server_fails_clearly(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text("Some article text about a meeting in Ottawa.", encoding="utf-8")
    url = f"postgresql://wirewatch:hunter2@127.0.0.1:{_free_port()}/news"
    result = wirewatch(url, "ingest", str(folder))
    assert result.returncode == 4
    assert b"cannot open store" in result.stderr
    assert b"postgresql://wirewatch:***@127.0.0.1" in result.stderr
    assert b"hunter2" not in result.stderr


def _synthetic_corpus(folder: Path, n: int) -> None:
    """Articles from three outlets, each with template lines and unique prose."""
    folder.mkdir()
    rng = random.Random(7)
    words = "army minister talks border strike aid coalition troops city council vote".split()
    for i in range(n):
        outlet = ["Daily Example", "Example Wire", "The Sample Post"][i % 3]
        prose = " ".join(rng.choice(words) for _ in range(40))
        text = (f"{outlet}\n\nStory {i}: officials respond\n\nSubscribe to our newsletter\n\n"
                f"CITY — Officials said on Monday that {prose}.\n\n"
                f"{prose.capitalize()} continued, number {i}.\n\n© {outlet}\n")
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("backend", BACKENDS)
def test_cli_ingest_killed_mid_run_resumes_to_the_uninterrupted_result(tmp_path, request,
                                                                      backend):
    folder = tmp_path / "corpus"
    _synthetic_corpus(folder, 600)
    reference_db = new_store_target(backend, tmp_path / "reference", request)
    assert wirewatch(reference_db, "ingest", "--quiet", "--no-analyze", str(folder)).returncode == 0
    reference = export_documents(reference_db)
    assert len(reference) == 600

    for trial, kill_after in enumerate((1, 257, 431)):
        db = new_store_target(backend, tmp_path / f"crash{trial}", request)
        crashed = wirewatch(db, "ingest", "--quiet", "--no-analyze", str(folder),
                            env={"WIREWATCH_FAULT_KILL_AFTER": str(kill_after)})
        assert crashed.returncode == -9
        assert wirewatch(db, "ingest", "--quiet", "--no-analyze", str(folder)).returncode == 0
        assert export_documents(db) == reference
