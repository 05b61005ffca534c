"""Running the real `wirewatch` command in a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def wirewatch(db: Path, *args: str, env: dict | None = None, stdin: bytes | None = None):
    return subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "--db", str(db), *args],
        capture_output=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=900,
    )


def export(db: Path, kind: str) -> list[dict]:
    result = wirewatch(db, "export", kind, "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]
