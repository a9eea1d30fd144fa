"""Replications for the page: the same settings on several seeds, in parallel processes.

A meeting sees uncertainty only if a run is repeated: each press of Run makes
``settings.replications`` runs on consecutive seeds (the same seeds for every design, so two
designs differ only by the design — common random numbers). The runs go to a small process
pool, started once per server and shared by its sessions (it holds no session state: each
job carries its own scenario and settings). Progress and cancellation pass through shared
memory slots, so the page's bar moves while the runs go on and Reset stops them.
"""

import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace

from sim.core.calendar import WEEKS_PER_YEAR
from sim.scenario import Scenario
from viz.session import RunCancelled, RunOutcome, advance, new_model, outcome_of
from viz.settings import RunSettings

SLOTS = 64  # progress slots: more than the jobs a busy server has in flight at once
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class _Shared:
    progress: "mp.Array"  # weeks done per slot
    cancel: "mp.Array"  # 1 = stop the job in this slot


_WORKER_SHARED: _Shared | None = None  # set in each worker process by the pool initialiser


def _init_worker(progress, cancel) -> None:
    global _WORKER_SHARED
    _WORKER_SHARED = _Shared(progress, cancel)


def _run_in_worker(scenario: Scenario, settings: RunSettings, slot: int) -> RunOutcome:
    shared = _WORKER_SHARED
    model = new_model(scenario, settings)

    def on_progress(week: int) -> None:
        shared.progress[slot] = week

    advance(model, model.years * WEEKS_PER_YEAR, on_progress, lambda: shared.cancel[slot] == 1)
    return outcome_of(model, settings)


def _warm() -> int:
    # Load the charts' modules and matplotlib's fonts now, not during the first Run.
    from viz.charts.style import empty_figure
    from viz.export import figure_png

    figure_png(empty_figure("warm"), 40)
    return os.getpid()


class ReplicaPool:
    """A process pool for replications with per-job progress and cancellation.

    Args:
        workers: Processes (default: the machine's cores, at most 4).
    """

    def __init__(self, workers: int | None = None):
        context = mp.get_context("spawn")  # never fork a threaded web server
        self._progress = context.Array("i", SLOTS, lock=False)
        self._cancel = context.Array("b", SLOTS, lock=False)
        self.workers = workers or max(1, min(4, os.cpu_count() or 1))
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                         initializer=_init_worker,
                                         initargs=(self._progress, self._cancel))
        self._free = list(range(SLOTS))
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Start every worker now (they import the model once), so the first Run is quick."""
        for future in [self._pool.submit(_warm) for _ in range(self.workers)]:
            future.result()

    def _take_slot(self) -> int:
        with self._lock:
            if not self._free:
                raise RuntimeError("too many runs in flight; wait for one to finish")
            slot = self._free.pop()
        self._progress[slot] = 0
        self._cancel[slot] = 0
        return slot

    def _give_back(self, slot: int) -> None:
        with self._lock:
            self._free.append(slot)

    def run(self, jobs: list[tuple[Scenario, RunSettings]],
            on_progress: Callable[[int], None] | None = None,
            is_cancelled: Callable[[], bool] | None = None,
            on_done: Callable[[int, RunOutcome], None] | None = None) -> list[RunOutcome]:
        """Run every job to its horizon, in parallel; outcomes in the order of ``jobs``.

        Args:
            jobs: (scenario, settings) per run.
            on_progress: Called with the weeks done summed over the jobs.
            is_cancelled: Polled; when true the jobs are stopped and ``RunCancelled`` raised.
            on_done: Called with (index in ``jobs``, outcome) as each run finishes, while
                the others go on (so its charts can be started early).
        """
        slots = [self._take_slot() for _ in jobs]
        try:
            futures = [self._pool.submit(_run_in_worker, scenario, settings, slot)
                       for (scenario, settings), slot in zip(jobs, slots, strict=True)]
            self._wait(futures, slots, on_progress, is_cancelled, on_done)
            return [future.result() for future in futures]
        finally:
            for slot in slots:
                self._give_back(slot)

    def _wait(self, futures: list[Future], slots: list[int], on_progress, is_cancelled,
              on_done) -> None:
        reported: set[int] = set()

        def report() -> None:
            if on_progress is not None:
                on_progress(sum(self._progress[s] for s in slots))
            for i, future in enumerate(futures):
                if on_done is not None and i not in reported and future.done():
                    reported.add(i)
                    on_done(i, future.result())

        while not all(f.done() for f in futures):
            if is_cancelled is not None and is_cancelled():
                for slot in slots:
                    self._cancel[slot] = 1
                raise RunCancelled
            report()
            time.sleep(POLL_SECONDS)
        report()

    @property
    def executor(self) -> ProcessPoolExecutor:
        """The worker processes as an executor (for the sweep machinery's runs)."""
        return self._pool

    def submit(self, function, *args) -> Future:
        """``function(*args)`` in one of the pool's processes (queued after earlier jobs)."""
        return self._pool.submit(function, *args)

    def map(self, function, jobs: list[tuple]) -> list:
        """``function(*job)`` for every job, in the pool's processes, results in order."""
        futures = [self.submit(function, *job) for job in jobs]
        return [future.result() for future in futures]

    def shutdown(self) -> None:
        """Stop the worker processes (cancelling anything still queued)."""
        for slot in range(SLOTS):
            self._cancel[slot] = 1
        self._pool.shutdown(wait=True, cancel_futures=True)


class _PoolHolder:
    """The server's one pool, made on first use (a resource, not session state)."""

    def __init__(self):
        self._pool: ReplicaPool | None = None
        self._lock = threading.Lock()

    def get(self) -> ReplicaPool:
        with self._lock:
            if self._pool is None:
                self._pool = ReplicaPool()
            return self._pool

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None


POOL = _PoolHolder()


def replica_settings(settings: RunSettings) -> list[RunSettings]:
    """One settings value per replication: consecutive seeds from the page's seed."""
    return [replace(settings, seed=settings.seed + i) for i in range(settings.replications)]


def run_replicas(scenario: Scenario, settings: RunSettings, pool: ReplicaPool,
                 on_progress: Callable[[int], None] | None = None,
                 is_cancelled: Callable[[], bool] | None = None) -> list[RunOutcome]:
    """Every replication of one design, in parallel (outcomes in seed order)."""
    jobs = [(scenario, s) for s in replica_settings(settings)]
    return pool.run(jobs, on_progress, is_cancelled)
