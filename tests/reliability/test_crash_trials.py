"""Crash trials: `kill -9` at random points of an ingest, then a re-run, must give exactly the
store of an uninterrupted run, and the store must pass `check` after every trial.

The random points come from a seeded RNG, so CI repeats the same trials. Seven trials die from
inside (WIREWATCH_FAULT_KILL_AFTER=N), three are killed from outside at a random moment while
the ingest writes, and one is killed during the analysis stage.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clitools import export, wirewatch
from wirewatch.store.base import DOCS_PER_TRANSACTION
from wirewatch.store.maintenance import check_store
from wirewatch.store.sqlite import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "sample" / "articles"
SEED = 20261122
N_DOCS = 300  # more than one ingest chunk (256), so the template learner's state matters
DEADLINE_S = 300
POLL_S = 0.02


def _corpus(folder: Path, n: int) -> None:
    """Articles from three outlets, each with template lines and its own prose."""
    folder.mkdir()
    rng = random.Random(SEED)
    words = "army minister talks border strike aid coalition troops city council vote".split()
    for i in range(n):
        outlet = ["Daily Example", "Example Wire", "The Sample Post"][i % 3]
        prose = " ".join(rng.choice(words) for _ in range(40))
        (folder / f"{i:04d}.txt").write_text(
            f"{outlet}\n\nStory {i}: officials respond\n\nSubscribe to our newsletter\n\n"
            f"CITY — Officials said on Monday that {prose}.\n\n"
            f"{prose.capitalize()} continued, number {i}.\n\n© {outlet}\n", encoding="utf-8")


def assert_check_passes(db: Path) -> None:
    with Store(db, readonly=True) as store:
        report = check_store(store)
    assert report.ok, [str(p) for p in report.problems]


def _count(db: Path, sql: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:  # not created yet, or the schema is being written
        return 0
    finally:
        conn.close()


def kill_when(db: Path, args: list[str], sql: str, target: int) -> int:
    """Start `wirewatch` and SIGKILL it once `sql` counts `target`; returns its exit code."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wirewatch.cli", "--db", str(db), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + DEADLINE_S
    try:
        while _count(db, sql) < target:
            assert time.monotonic() < deadline, f"{sql} never reached {target}"
            try:
                process.wait(timeout=POLL_S)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"wirewatch exited ({process.returncode}) before {sql} reached {target}")
        os.kill(process.pid, signal.SIGKILL)
        return process.wait(timeout=DEADLINE_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    _corpus(folder, N_DOCS)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> list[dict]:
    db = tmp_path_factory.mktemp("reference") / "w.db"
    result = wirewatch(db, "ingest", "--quiet", "--no-analyze", str(corpus))
    assert result.returncode == 0, result.stderr.decode()
    documents = export(db, "documents")
    assert len(documents) == N_DOCS
    return documents


_RNG = random.Random(SEED)
KILL_AFTER = sorted(_RNG.sample(range(1, N_DOCS), 7))
KILL_AT_LEDGER_ROWS = sorted(_RNG.sample(range(1, N_DOCS - 60), 3))


@pytest.mark.parametrize("kill_after", KILL_AFTER)
def test_crash_trials_self_kill_then_rerun_equals_uninterrupted(corpus, reference, tmp_path,
                                                               kill_after):
    db = tmp_path / "w.db"
    crashed = wirewatch(db, "ingest", "--quiet", "--no-analyze", str(corpus),
                        env={"WIREWATCH_FAULT_KILL_AFTER": str(kill_after)})
    assert crashed.returncode == -signal.SIGKILL
    assert_check_passes(db)
    rerun = wirewatch(db, "ingest", "--quiet", "--no-analyze", str(corpus))
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert export(db, "documents") == reference
    assert_check_passes(db)


@pytest.mark.parametrize("ledger_rows", KILL_AT_LEDGER_ROWS)
def test_crash_trials_outside_kill_then_rerun_equals_uninterrupted(corpus, reference, tmp_path,
                                                                  ledger_rows):
    db = tmp_path / "w.db"
    code = kill_when(db, ["ingest", "--quiet", "--no-analyze", str(corpus)],
                     "SELECT COUNT(*) FROM ledger", ledger_rows)
    assert code == -signal.SIGKILL
    assert_check_passes(db)
    rerun = wirewatch(db, "ingest", "--quiet", "--no-analyze", str(corpus))
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert export(db, "documents") == reference
    assert_check_passes(db)


def test_crash_trials_kill_during_analysis_then_rerun_finishes_it(seeds_dir, tmp_path):
    # More documents than one transaction of analyses holds, so the kill can land between two.
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("01.txt", "03.txt"):
        shutil.copy(seeds_dir / name, folder / name)
    shutil.copy(SAMPLE / "wikinews_security.jsonl", folder)
    for path in sorted((SAMPLE / "centcom").glob("*.txt"))[:8]:
        shutil.copy(path, folder / path.name)
    reference_db = tmp_path / "reference.db"
    assert wirewatch(reference_db, "ingest", "--quiet", str(folder)).returncode == 0
    expected = {kind: export(reference_db, kind) for kind in ("documents", "events", "figures")}
    assert expected["events"] and expected["figures"]
    n_docs = len(expected["documents"])
    assert n_docs > DOCS_PER_TRANSACTION

    db = tmp_path / "w.db"
    # Some analyses committed, the rest not, and the resolve stage not yet run.
    code = kill_when(db, ["ingest", "--quiet", str(folder)], "SELECT COUNT(*) FROM parses", 1)
    assert code == -signal.SIGKILL
    assert _count(db, "SELECT COUNT(*) FROM runs WHERE command = 'analyze'"
                      " AND finished_at IS NULL") == 1, "the kill came after the analysis"
    assert 0 < _count(db, "SELECT COUNT(*) FROM parses") < n_docs
    assert_check_passes(db)
    rerun = wirewatch(db, "ingest", "--quiet", str(folder))
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert _count(db, "SELECT COUNT(*) FROM parses") == n_docs
    for kind, rows in expected.items():
        assert export(db, kind) == rows, kind
    assert_check_passes(db)
