"""Batches of work in forked processes: input order, errors, and the garbage collector's freeze."""

from __future__ import annotations

import gc
import os

import pytest

from wirewatch.parallel import batched, map_in_processes


def _squares_with_pid(batch: list[int]) -> list[tuple[int, int, int]]:
    """Each item's square, the worker's pid and how many objects its collector leaves alone."""
    return [(n * n, os.getpid(), gc.get_freeze_count()) for n in batch]


def _fail_on_seven(batch: list[int]) -> list[int]:
    if 7 in batch:
        raise ValueError("seven")
    return batch


def test_batched_cuts_the_last_batch_short() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []


def test_results_come_in_input_order_from_more_than_one_process() -> None:
    out = list(map_in_processes(_squares_with_pid, range(50), n_process=2, batch_size=3))
    assert [square for square, _, _ in out] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for _, pid, _ in out}


def test_workers_leave_the_callers_objects_to_the_freeze_and_the_caller_gets_them_back() -> None:
    """What the caller had loaded is frozen in every worker (no collection there copies its
    pages), and the caller's collector sees its objects again once the work is done."""
    before = gc.get_freeze_count()
    out = list(map_in_processes(_squares_with_pid, range(10), n_process=2, batch_size=2))
    assert all(frozen > 1000 for _, _, frozen in out)
    assert gc.get_freeze_count() == before == 0


def test_an_abandoned_or_failing_run_unfreezes_too() -> None:
    results = map_in_processes(_squares_with_pid, range(100), n_process=2, batch_size=5)
    assert next(results)[0] == 0
    assert gc.get_freeze_count() > 0
    results.close()
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError, match="seven"):
        list(map_in_processes(_fail_on_seven, range(20), n_process=2, batch_size=4))
    assert gc.get_freeze_count() == 0
