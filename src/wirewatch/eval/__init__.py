"""One loader + scorer per benchmark. Each task module exposes `evaluate(data: Path) -> dict`.

The dict has at least `task` and `n` and the task's metric keys (see DESIGN.md); the CLI prints it
as JSON on the last line of output.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

TASKS = (
    "extraction",
    "pubdate",
    "ner",
    "actors",
    "events",
    "quotes",
    "quantities",
    "timex",
    "geo",
)


class UnknownTask(ValueError):
    pass


def run(task: str, data: Path, **options: Any) -> dict[str, Any]:
    if task not in TASKS:
        raise UnknownTask(f"unknown eval task {task!r}; choose one of: {', '.join(TASKS)}")
    module = importlib.import_module(f"wirewatch.eval.{task}")
    result = module.evaluate(Path(data), **options)
    return {"task": task, **{k: v for k, v in result.items() if k != "task"}}
