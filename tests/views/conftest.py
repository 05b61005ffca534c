"""The desk's analysed store on each backend, built once per session: the views read the same
articles from SQLite and from PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clitools import wirewatch
from conftest import BACKENDS
from web.deskstore import SAMPLE, XSS_ARTICLE, build_desk_store
from wirewatch.store import open_store


@pytest.fixture(scope="session")
def desk_sqlite(tmp_path_factory, seeds_dir) -> Path:
    return build_desk_store(tmp_path_factory, seeds_dir)


@pytest.fixture(scope="session")
def desk_postgresql(desk_sqlite, seeds_dir, new_pg_database) -> str:
    """The same inputs as web.deskstore's SQLite store, ingested into a PostgreSQL database.
    The hostile article is read from the very file the SQLite store read (documents record
    their path)."""
    url = new_pg_database()
    hostile = Path(desk_sqlite).parent / "hostile.jsonl"
    assert json.loads(hostile.read_text(encoding="utf-8")) == XSS_ARTICLE
    result = wirewatch(url, "ingest", "--quiet", str(seeds_dir), str(SAMPLE), str(hostile))
    assert result.returncode == 0, result.stderr.decode()
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def desk(request):
    """A read-only connection to the desk's store on each backend."""
    with open_store(request.getfixturevalue(f"desk_{request.param}"), readonly=True) as store:
        yield store


@pytest.fixture(scope="session")
def both_desks(desk_sqlite, desk_postgresql):
    """Read-only connections to the desk's store on SQLite and on PostgreSQL, in that order."""
    with open_store(desk_sqlite, readonly=True) as lite, \
            open_store(desk_postgresql, readonly=True) as pg:
        yield lite, pg
