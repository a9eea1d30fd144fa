"""Run a plan's pending runs on an executor, with a progress bar when given a console."""

from concurrent.futures import Executor
from contextlib import nullcontext
from pathlib import Path

from rich.console import Console

from experiments.sweep.execute import simulate_spec
from experiments.sweep.plan import RunSpec
from experiments.sweep.progress import run_progress
from experiments.sweep.runner import SweepSummary, pending_runs, run_sweep
from experiments.sweep.store import ResultStore


def execute(runs: list[RunSpec], out: Path, pool: Executor, console: Console | None = None,
            label: str = "runs", run_fn=simulate_spec) -> SweepSummary:
    """Run every pending run into the store under ``out``; runs already there are skipped.

    Args:
        runs: The plan.
        out: The result store's folder.
        pool: Any ``concurrent.futures.Executor`` (process pool, dask, a thread in tests).
        console: Where to draw progress (none: silent).
        label: The progress bar's description.
        run_fn: The simulation each worker calls (tests pass stand-ins).
    """
    store = ResultStore(out)
    unique = len({s.run_id for s in runs})
    todo = pending_runs(runs, store)
    if not todo:
        return SweepSummary(total=unique, skipped=unique)
    progress = (run_progress(console, unique, unique - len(todo), label) if console
                else nullcontext(None))
    with progress as tick:
        return run_sweep(runs, store, pool, run_fn=run_fn, on_result=tick)
