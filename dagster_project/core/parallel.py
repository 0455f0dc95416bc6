"""Batches of documents through a process pool: both cores for CPU-bound text work."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_batches(fn: Callable[[T], R], batches: Iterable[T], workers: int | None = None) -> Iterator[R]:
    """fn over each batch, results in order, two batches in flight per worker (spawned processes, so
    nothing of the parent's open database handles is inherited). One worker, or one batch: in-process."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if workers <= 1 or second is None:
        yield fn(first)
        if second is not None:
            yield fn(second)
            for b in batches:
                yield fn(b)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = [pool.submit(fn, first), pool.submit(fn, second)]
        for b in batches:
            if len(pending) >= 2 * workers:
                yield pending.pop(0).result()
            pending.append(pool.submit(fn, b))
        for f in pending:
            yield f.result()
