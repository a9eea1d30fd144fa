"""``placesim sweep``: run an experiment file's runs, resumably, on local cores or dask."""

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from experiments.cli.terminal import make_console
from experiments.options import ExecutorKind

if TYPE_CHECKING:  # the sweep machinery loads when a command runs, not for --help
    from experiments.sweep.plan import RunSpec
    from experiments.sweep.runner import SweepSummary
    from experiments.sweep.schema import Experiment

console = make_console()
MAX_ERRORS_SHOWN = 5


def load_and_plan(experiment_file: Path) -> "tuple[Experiment, list[RunSpec]]":
    """Load and check an experiment; print its problems and exit 2 if it is not usable."""
    from experiments.sweep.errors import ExperimentError
    from experiments.sweep.plan import build_plan
    from experiments.sweep.schema import load_experiment

    try:
        experiment = load_experiment(experiment_file)
        return experiment, build_plan(experiment)
    except ExperimentError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def execute_plan(runs: "list[RunSpec]", out: Path, executor: ExecutorKind,
                 scheduler: str | None, workers: int | None, label: str,
                 experiment_file: Path | None = None) -> "SweepSummary":
    """Connect to the executor, then run the pending runs with a progress bar.

    Nothing is written before the executor is ready, so a scheduler that does not answer
    leaves no output folder behind.
    """
    from experiments.sweep.errors import SweepError
    from experiments.sweep.executors import open_executor
    from experiments.sweep.progress import run_progress
    from experiments.sweep.runner import pending_runs, run_sweep
    from experiments.sweep.store import ResultStore

    store = ResultStore(out)
    total = len({s.run_id for s in runs})
    try:
        with open_executor(executor, scheduler, workers) as pool:
            if experiment_file is not None:
                out.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(experiment_file, out / "experiment.toml")
            skipped = total - len(pending_runs(runs, store))
            with run_progress(console, total, skipped, label) as tick:
                return run_sweep(runs, store, pool, on_result=tick)
    except SweepError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def report_summary(summary: "SweepSummary", out: Path) -> None:
    """Print how the sweep went, with the first errors of failed runs."""
    from experiments.sweep.store import load_failures

    console.print(f"{summary.done} runs done, {summary.skipped} already done, "
                  f"{summary.failed} failed, of {summary.total}. Results: {out}/runs, "
                  f"{out}/tables")
    failures = load_failures(out)
    for _, row in failures.head(MAX_ERRORS_SHOWN).iterrows():
        console.print(f"  failed {row['run_id']} ({row['design']}, seed {row['seed']}): "
                      f"{row['error']}", markup=False, highlight=False, soft_wrap=True)
    if summary.interrupted:
        console.print("Stopped early: run the same command again to resume.")


def sweep(
    experiment_file: Annotated[Path, typer.Argument(help="Experiment TOML file.")],
    executor: Annotated[ExecutorKind, typer.Option(help="local: this machine's cores; "
                                                   "dask: a dask.distributed cluster.")]
    = ExecutorKind.LOCAL,
    scheduler: Annotated[str | None, typer.Option(help="dask scheduler, e.g. "
                                                  "tcp://host:8786 (default: a LocalCluster)."
                                                  )] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Workers (default: all cores).")]
    = None,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: "
                                             "results/sweeps/<experiment name>).")] = None,
) -> None:
    """Run a research batch; rerunning skips runs already done."""
    experiment, runs = load_and_plan(experiment_file)
    out = out or Path("results/sweeps") / experiment.experiment.name
    summary = execute_plan(runs, out, executor, scheduler, workers,
                           experiment.experiment.name, experiment_file)
    report_summary(summary, out)
    if not summary.complete:
        raise typer.Exit(1)
