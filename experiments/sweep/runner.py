"""Run a plan on any ``concurrent.futures.Executor``, storing each run as it finishes.

One code path for every executor (the pattern of Mesa 4's ``run_scenarios``): a process
pool locally, dask.distributed's executor on a cluster. Runs already in the store are
skipped, so rerunning an interrupted sweep resumes it; a run that raises is recorded
with its error and the others go on.
"""

from collections.abc import Callable
from concurrent.futures import CancelledError, Executor, Future, as_completed
from dataclasses import dataclass

from experiments.sweep.execute import RunOutcome, execute_run, simulate_spec
from experiments.sweep.plan import RunSpec
from experiments.sweep.store import ResultStore


@dataclass
class SweepSummary:
    """How a sweep went.

    Attributes:
        total: Runs in the plan.
        skipped: Runs already in the store before this sweep started.
        done: Runs completed by this sweep.
        failed: Runs that raised (recorded under ``failures/``).
        interrupted: True when the sweep was stopped (Ctrl-C) before the end.
    """

    total: int
    skipped: int = 0
    done: int = 0
    failed: int = 0
    interrupted: bool = False

    @property
    def complete(self) -> bool:
        """Whether every run of the plan is now in the store."""
        return not self.interrupted and self.skipped + self.done == self.total


def pending_runs(runs: list[RunSpec], store: ResultStore) -> list[RunSpec]:
    """Runs not yet in the store, each id once, in plan order."""
    done = store.done_ids()
    seen: set[str] = set()
    out = []
    for spec in runs:
        if spec.run_id not in done and spec.run_id not in seen:
            seen.add(spec.run_id)
            out.append(spec)
    return out


def run_sweep(runs: list[RunSpec], store: ResultStore, executor: Executor, *,
              run_fn: Callable = simulate_spec,
              on_result: Callable[[RunSpec, RunOutcome], None] | None = None) -> SweepSummary:
    """Run every pending run of a plan on ``executor`` and store results as they arrive.

    Args:
        runs: The plan.
        store: Where results go; runs already there are skipped.
        executor: Any ``concurrent.futures.Executor`` (process pool, dask's executor, ...).
        run_fn: The simulation each worker calls (picklable; tests pass stand-ins).
        on_result: Called in this process after each run is stored (progress bars).

    Returns:
        Counts of skipped, done and failed runs; ``interrupted`` after Ctrl-C, when
        pending runs are cancelled and every finished one is already stored.
    """
    todo = pending_runs(runs, store)
    unique_total = len({spec.run_id for spec in runs})
    summary = SweepSummary(total=unique_total, skipped=unique_total - len(todo))
    futures: dict[Future, RunSpec] = {executor.submit(execute_run, s, run_fn): s for s in todo}
    try:
        for future in as_completed(futures):
            spec = futures[future]
            outcome = _outcome_of(future, spec)
            store.write(spec, outcome)
            summary.done += outcome.ok
            summary.failed += not outcome.ok
            if on_result is not None:
                on_result(spec, outcome)
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        summary.interrupted = True
    return summary


def _outcome_of(future: Future, spec: RunSpec) -> RunOutcome:
    # execute_run never raises; an exception here means the worker itself was lost
    # (a crashed process, a lost node): recorded as a failure and retried on the next run.
    try:
        return future.result()
    except (Exception, CancelledError) as error:  # noqa: BLE001
        return RunOutcome(spec.run_id, False, 0.0,
                          error=f"worker lost: {type(error).__name__}: {error}")
