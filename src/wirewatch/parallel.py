"""Batches of work in forked processes, results in input order: how the ingest and analysis
stages use more than one core with the same results as one."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def batched(items: Iterable[In], size: int) -> Iterator[list[In]]:
    """`items` in lists of `size`, the last one shorter if need be (itertools.batched, 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def map_in_processes(
    work: Callable[[list[In]], list[Out]],
    items: Iterable[In],
    *,
    n_process: int,
    batch_size: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Out]:
    """`work` over batches of `items` in `n_process` forked processes, the results yielded in
    input order; at most two batches per process are in flight, so memory stays bounded on any
    corpus. Forked, so the processes share what the caller has loaded: the caller's objects are
    frozen out of the garbage collector's reach while the processes run, or each process's
    collections would write to (and so copy) every page that holds them: 2–3 % of the CPU
    seconds of an analysis in 2 processes (bench/fork_overhead.py)."""
    context = multiprocessing.get_context("fork")
    gc.freeze()
    try:
        yield from _in_order(work, items, context, n_process=n_process, batch_size=batch_size,
                             initializer=initializer, initargs=initargs)
    finally:
        gc.unfreeze()


def _in_order(
    work: Callable[[list[In]], list[Out]],
    items: Iterable[In],
    context: Any,
    *,
    n_process: int,
    batch_size: int,
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> Iterator[Out]:
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=initializer,
                             initargs=initargs) as pool:
        pending: deque[Future[list[Out]]] = deque()
        batches = batched(items, batch_size)
        while True:
            while len(pending) < 2 * n_process:
                batch = next(batches, None)
                if batch is None:
                    break
                pending.append(pool.submit(work, batch))
            if not pending:
                return
            yield from pending.popleft().result()
