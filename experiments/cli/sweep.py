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


def load_and_plan(experiment_file: Path, yes: bool = True,
                  ) -> "tuple[Experiment, list[RunSpec]]":
    """Load and check an experiment; print its problems and exit 2 if it is not usable.

    A plan above the size threshold is announced (runs, core-hours) before it is built,
    and goes on only when ``yes`` or the user confirms.
    """
    from experiments.sweep.errors import ExperimentError
    from experiments.sweep.plan import build_plan
    from experiments.sweep.schema import load_experiment

    try:
        experiment = load_experiment(experiment_file)
        _confirm_size(experiment, yes)
        return experiment, build_plan(experiment)
    except ExperimentError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _confirm_size(experiment: "Experiment", yes: bool) -> None:
    from experiments.sweep.guard import planned_run_count, size_warning
    from experiments.sweep.plan import read_scenario_raw

    _, scenario = read_scenario_raw(experiment)
    meta = experiment.experiment
    runs = planned_run_count(experiment, len(meta.designs or scenario.designs))
    warning = size_warning(runs, meta.people or scenario.population.size,
                           meta.years or scenario.meta.years)
    if warning is None:
        return
    console.print(warning, markup=False, highlight=False, soft_wrap=True)
    if not yes and not typer.confirm("Start it?", default=False):
        console.print("Not started (pass --yes to start without asking).")
        raise typer.Exit(1)


def execute_plan(runs: "list[RunSpec]", out: Path, executor: ExecutorKind,
                 scheduler: str | None, workers: int | None, label: str,
                 experiment_file: Path | None = None, force_new: bool = False,
                 ) -> "SweepSummary":
    """Connect to the executor, then run the pending runs with a progress bar.

    Nothing is written before the executor is ready, so a scheduler that does not answer
    leaves no output folder behind. A folder holding another experiment's results is
    refused (or, with ``force_new``, moved aside) before anything is written.
    """
    from experiments.out_folder import OutFolderError, check_out_folder
    from experiments.sweep.errors import ExperimentError, SweepError
    from experiments.sweep.executors import open_executor
    from experiments.sweep.progress import run_progress
    from experiments.sweep.runner import pending_runs, run_sweep
    from experiments.sweep.store import ResultStore

    store = ResultStore(out)
    total = len({s.run_id for s in runs})
    try:
        check_out_folder(out)
        if out.exists():  # refuse another experiment's folder before connecting
            _claim(out, runs, label, force_new)
        with open_executor(executor, scheduler, workers) as pool:
            _claim(out, runs, label, force_new)
            if experiment_file is not None:
                shutil.copyfile(experiment_file, out / "experiment.toml")
            skipped = total - len(pending_runs(runs, store))
            with run_progress(console, total, skipped, label) as tick:
                return run_sweep(runs, store, pool, on_result=tick)
    except (SweepError, ExperimentError, OutFolderError) as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _claim(out: Path, runs: "list[RunSpec]", label: str, force_new: bool) -> None:
    from experiments.sweep.guard import claim_store

    moved = claim_store(out, runs, label, force_new)
    if moved is not None:
        console.print(f"Moved the previous experiment's results to {moved}", markup=False,
                      highlight=False, soft_wrap=True)


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
    force_new: Annotated[bool, typer.Option(help="If --out holds another experiment's "
                                            "results, move them aside and start afresh.")]
    = False,
    yes: Annotated[bool, typer.Option(help="Start a large experiment without asking.")]
    = False,
) -> None:
    """Run a research batch; rerunning skips runs already done."""
    experiment, runs = load_and_plan(experiment_file, yes)
    out = out or Path("results/sweeps") / experiment.experiment.name
    summary = execute_plan(runs, out, executor, scheduler, workers,
                           experiment.experiment.name, experiment_file, force_new)
    report_summary(summary, out)
    if not summary.complete:
        raise typer.Exit(1)
