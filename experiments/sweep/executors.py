"""Executors for sweeps: all local cores by default, or a dask.distributed cluster."""

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager

from experiments.options import ExecutorKind
from experiments.sweep.errors import SweepError

DASK_CONNECT_TIMEOUT = "10s"


def default_workers() -> int:
    """All local cores."""
    return os.cpu_count() or 1


@contextmanager
def local_executor(workers: int | None = None) -> Iterator[Executor]:
    """A process pool; ``spawn`` so workers never inherit threads or state from this process."""
    with ProcessPoolExecutor(max_workers=workers or default_workers(),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


@contextmanager
def dask_executor(scheduler: str | None = None, workers: int | None = None,
                  ) -> Iterator[Executor]:
    """dask.distributed's executor on a scheduler, or on a LocalCluster when none is given.

    Raises:
        SweepError: When the scheduler does not answer (nothing has been written yet).
    """
    from distributed import Client, LocalCluster

    if scheduler is None:
        with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                          processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            yield client.get_executor()
        return
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise SweepError(f"--scheduler {scheduler}: the dask scheduler did not answer "
                         f"({error}); expected the address of a running scheduler, "
                         "e.g. tcp://host:8786") from None
    with client:
        yield client.get_executor()


def open_executor(kind: ExecutorKind, scheduler: str | None = None,
                  workers: int | None = None):
    """The executor context for ``--executor`` / ``--scheduler`` / ``--workers``."""
    if kind is ExecutorKind.DASK:
        return dask_executor(scheduler, workers)
    if scheduler is not None:
        raise SweepError("--scheduler is for --executor dask; the local executor uses this "
                         "machine's cores")
    return local_executor(workers)
