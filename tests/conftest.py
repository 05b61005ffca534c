"""Fixtures shared by the whole suite. Test data come from ../shared/data, never the package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("WIREWATCH_SHARED_DATA", REPO.parent / "shared" / "data"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data; skips the test with a clear message when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared test data not found at {path} (clone ../shared beside the repo)")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def data_path():
    """Factory: data_path("geo", "GWN.xml") -> Path under ../shared/data, or skip if absent."""
    return shared_path


# PostgreSQL --------------------------------------------------------------------------------------
# Storage and query tests run on both backends. The PostgreSQL side needs a server: the session
# starts a throwaway cluster (pgcluster.py) the first time a test asks for one and removes it at
# the end. Without PostgreSQL those tests FAIL, so CI cannot pass by skipping them; someone
# without it can skip them on purpose with WIREWATCH_SKIP_POSTGRES=1.
BACKENDS = ["sqlite", "postgresql"]
SKIP_POSTGRES = os.environ.get("WIREWATCH_SKIP_POSTGRES", "") not in ("", "0")


@pytest.fixture(scope="session")
def pg_cluster():
    from pgcluster import Cluster, ClusterUnavailable, find_bindir

    if SKIP_POSTGRES:
        pytest.skip("WIREWATCH_SKIP_POSTGRES is set: PostgreSQL tests skipped")
    hint = " (set WIREWATCH_SKIP_POSTGRES=1 to skip the PostgreSQL tests)"
    try:
        cluster = Cluster(find_bindir())
    except ClusterUnavailable as exc:
        pytest.fail(f"{exc}{hint}")
    try:
        cluster.start()
    except ClusterUnavailable as exc:
        cluster.stop()
        pytest.fail(f"{exc}{hint}")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def new_pg_database(pg_cluster):
    """Factory: a new, empty database in the session's cluster; returns its URL."""
    count = 0

    def create() -> str:
        nonlocal count
        count += 1
        name = f"wirewatch_{count}"
        pg_cluster.execute(f"CREATE DATABASE {name}")
        return pg_cluster.url(name)

    return create


def new_store_target(backend: str, folder: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where a new, empty store lives: a SQLite file in `folder`, or a new PostgreSQL database."""
    if backend == "postgresql":
        return request.getfixturevalue("new_pg_database")()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "w.db"


@pytest.fixture(params=BACKENDS)
def store_target(request, tmp_path) -> Path | str:
    """A new, empty store on each backend: a SQLite path or a postgresql:// URL."""
    return new_store_target(request.param, tmp_path, request)
