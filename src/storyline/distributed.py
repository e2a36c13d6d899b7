"""Where per-article work runs: in this process, in a local process pool, or on a Dask cluster.

Every executor offers one call, ``map(func, items, per_task=...)``: results come back in input
order, and work is submitted in a bounded window of tasks (never the whole corpus in flight),
so memory stays flat whatever the corpus size. Workers only compute; the caller is the one
writer that stores results.

On Dask, a worker lost mid-run takes its tasks with it and the scheduler runs them again on
another worker (up to ``distributed.scheduler.allowed-failures`` times). Because results are
collected in input order by the caller, and written by it alone, no article is lost or doubled.

Choosing one (``executor_for``): ``workers=1`` runs in this process; ``workers=N`` uses a pool
of N local processes; ``dask="local"`` starts a Dask LocalCluster of ``workers`` processes (at
least 2); any other ``dask`` value is the address of a running scheduler
(``tcp://host:8786``), whose workers need storyline installed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol, TypeVar

from . import settings
from .errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

# Tasks in flight per worker: enough that a worker never waits for the writer, few enough that
# results waiting to be written stay a small, fixed amount.
TASKS_PER_WORKER = 3
MAX_PER_TASK = 256


class Mapper(Protocol):
    def __call__(self, func: Callable[[T], R], items: Iterable[T], /) -> Iterator[R]: ...


class Executor:
    """Runs ``func`` over ``items`` here; the base of the pool and Dask executors."""

    workers = 1

    def map(self, func: Callable[[T], R], items: Iterable[T], *, per_task: int = 1) -> Iterator[R]:
        """``func`` over ``items``, results in input order; ``per_task`` items go in one task."""
        return map(func, items)

    def mapper(self) -> Mapper:
        """``map`` for library code that takes a plain ``map``: tasks sized from the item count.

        About ``TASKS_PER_WORKER * 4`` tasks per worker, at most ``MAX_PER_TASK`` items each:
        few enough that scheduling costs nothing, many enough to spread uneven items.
        """

        def run(func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
            count = len(items) if isinstance(items, Sized) else 0
            per_task = min(MAX_PER_TASK, max(1, count // (self.workers * TASKS_PER_WORKER * 4)))
            return self.map(func, items, per_task=per_task)

        return run

    def close(self) -> None:
        """Release the workers (nothing to release here)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Windowed(Executor):
    """Submits tasks of ``per_task`` items, at most ``workers * TASKS_PER_WORKER`` at a time."""

    def _submit(self, func: Callable[..., Any], *args: Any) -> Any:
        raise NotImplementedError

    def map(self, func: Callable[[T], R], items: Iterable[T], *, per_task: int = 1) -> Iterator[R]:
        window = max(2, self.workers * TASKS_PER_WORKER)
        source = iter(items)
        pending: deque[Any] = deque()
        try:
            while batch := list(islice(source, max(1, per_task))):
                pending.append(self._submit(_apply, func, batch))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:  # an abandoned map leaves no work running
                future.cancel()


def _apply(func: Callable[[T], R], batch: list[T]) -> list[R]:
    return [func(item) for item in batch]


class PoolExecutor(_Windowed):
    """A pool of local worker processes (a worker that dies fails the run: retries are Dask's)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def _submit(self, func: Callable[..., Any], *args: Any) -> Any:
        return self._pool.submit(func, *args)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskExecutor(_Windowed):
    """A Dask cluster: a running scheduler's address, or "local" for a LocalCluster of processes."""

    def __init__(self, address: str, workers: int = 2, timeout: float = 20) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ConfigError("--dask needs the dask extra: pip install 'storyline[dask]'") from None
        self._cluster = None
        if address == "local":
            # One thread per process: the stages hold the GIL, so parallelism comes from processes.
            self._cluster = LocalCluster(n_workers=max(2, workers), threads_per_worker=1, processes=True,
                                         dashboard_address=None)
        try:
            self.client = Client(self._cluster or address, timeout=timeout)
        except (OSError, ValueError) as exc:
            self.close()
            raise ConfigError(f"cannot reach the Dask scheduler at {address!r}: {exc}; "
                              "give tcp://HOST:PORT, or 'local' for a cluster on this machine") from None
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def _submit(self, func: Callable[..., Any], *args: Any) -> Any:
        # pure=False: two identical batches are still two tasks, each with its own result.
        return self.client.submit(func, *args, pure=False)

    def close(self) -> None:
        if getattr(self, "client", None) is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def executor_for(workers: int = 1, dask: str | None = None) -> Executor:
    """The executor the command-line options ask for (see the module docstring)."""
    if dask:
        return DaskExecutor(dask, workers)
    if workers > 1:
        return PoolExecutor(workers)
    return Executor()


@dataclass(frozen=True)
class WithSettings:
    """``func`` run under the caller's settings: a worker process does not share them otherwise."""

    func: Callable[[Any], Any]
    values: dict[str, Any]

    def __call__(self, item: Any) -> Any:
        settings.use(self.values)
        return self.func(item)


_current: Executor = Executor()


def current() -> Executor:
    """The executor the running analysis uses, for corpus stages that shard their work."""
    return _current


@contextmanager
def using(executor: Executor) -> Iterator[Executor]:
    """Within the block, ``current`` returns ``executor``."""
    global _current
    before, _current = _current, executor
    try:
        yield executor
    finally:
        _current = before
