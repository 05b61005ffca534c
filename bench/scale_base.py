"""The analysed base set of bench/scale.py: the first N Reuters-21578 stories with a body, ingested
and analysed once by the CLI (`wirewatch ingest`, every extractor, then the resolve stage) into a
SQLite file that later runs reuse."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from wirewatch.bench.reuters import read_reuters

_DATED = re.compile(r'NEWID="(\d+)">\s*<DATE>\s*(\d{1,2}-[A-Z]{3}-\d{4})')


def story_dates(folder: Path) -> dict[str, str]:
    """NEWID -> ISO date. `read_reuters` drops the dates of days 1-9 (written " 2-MAR-1987",
    with a leading space, which its strptime rejects): 789 of the first 1,000 stories would be
    undated."""
    dates = {}
    for path in sorted(folder.glob("reut2-*.sgm.gz")):
        with gzip.open(path, "rt", encoding="latin-1") as handle:
            for newid, day in _DATED.findall(handle.read()):
                dates[newid] = datetime.strptime(day, "%d-%b-%Y").date().isoformat()
    return dates


def write_stories(folder: Path, out: Path, limit: int) -> int:
    """The first `limit` stories as ingest's JSON Lines; returns how many were written."""
    n = 0
    dates = story_dates(folder)
    with out.open("w", encoding="utf-8") as handle:
        for story in read_reuters(folder):
            published = story.date or dates.get(story.newid)
            handle.write(json.dumps({"url": f"reuters21578:{story.newid}", "title": story.title,
                                     "published": published, "text": story.body}) + "\n")
            n += 1
            if n >= limit:
                break
    return n


def analysed_base(reuters: Path, db: str, limit: int) -> float:
    """Ingest and analyse the stories into `db` (a path or a postgresql:// URL); seconds taken."""
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "stories.jsonl"
        write_stories(reuters, jsonl, limit)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "wirewatch.cli", "--db", db, "ingest", "--quiet",
                        str(jsonl)], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started
