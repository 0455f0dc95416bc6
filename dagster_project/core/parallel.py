"""Batches of documents through a process pool: both cores for CPU-bound text work.

One pool serves every step of a run: a run's steps execute one after the other in one process, and a
worker spawned for one step would otherwise import the code and build its dictionaries and automata
(rjieba's, the lexicon's) again for the next. A step names what its workers' caches depend on (its
version: a hash of its code and lexicon files); when that changed since the pool last did the step, the
pool is replaced, so no worker keeps a lexicon that was edited between two runs of one process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_pool: ProcessPoolExecutor | None = None
_pool_workers = 0
_pool_versions: dict[str, str] = {}


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def shared_pool(workers: int, step: str = "", version: str = "") -> ProcessPoolExecutor:
    """The process's pool of `workers` spawned processes (spawned, so nothing of the parent's open
    database handles is inherited), replaced when it broke, has another size, or last did `step` at
    another `version`."""
    global _pool, _pool_workers
    stale = step and _pool_versions.get(step, version) != version
    if _pool is not None and (_pool_workers != workers or getattr(_pool, "_broken", False) or stale):
        shutdown_pool()
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        _pool_workers = workers
    if step:
        _pool_versions[step] = version
    return _pool


def warm_pool(workers: int) -> ProcessPoolExecutor | None:
    """The process's pool if one of `workers` processes is running, else None (nothing is started)."""
    if _pool is not None and _pool_workers == workers and workers > 1 and not getattr(_pool, "_broken", False):
        return _pool
    return None


def shutdown_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
        _pool_versions.clear()


# At exit, before anything waits for the workers. A process that multiprocessing started (a step's
# process under Dagster's multiprocess executor) does not run atexit handlers: on its way out it runs the
# finalizers of priority 0 and up, then joins its children, among them this pool's workers, which
# wait for work until the pool is shut down; the step's process never ended. Priority 100: before the
# pool's own queues close (their finalizers have priority 10), or the shutdown cannot reach a worker
# still starting. A main process runs the same finalizers from atexit.
multiprocessing.util.Finalize(None, shutdown_pool, exitpriority=100)
atexit.register(shutdown_pool)


def map_batches(fn: Callable[[T], R], batches: Iterable[T], workers: int | None = None, step: str = "", version: str = "") -> Iterator[R]:
    """fn over each batch, results in order, two batches in flight per worker. One worker, or one
    batch: in-process. Batches not yet taken when the caller stops are cancelled."""
    workers = workers if workers is not None else default_workers()
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
    pool = shared_pool(workers, step, version)
    pending: list[Future] = [pool.submit(fn, first), pool.submit(fn, second)]
    try:
        for b in batches:
            if len(pending) >= 2 * workers:
                yield pending.pop(0).result()
            pending.append(pool.submit(fn, b))
        while pending:
            yield pending.pop(0).result()
    finally:
        for f in pending:
            f.cancel()
