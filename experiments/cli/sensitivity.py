"""``placesim sensitivity``: Sobol or Morris indices of chosen outcomes (SALib)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from experiments.cli.shared_options import Executor, Scheduler, Workers
from experiments.cli.sweep import execute_plan, report_summary
from experiments.cli.terminal import make_console
from experiments.options import ExecutorKind, SensitivityMethod

if TYPE_CHECKING:  # SALib, numpy and pandas load when the command runs, not for --help
    import pandas as pd

console = make_console()


def _print(indices: "pd.DataFrame") -> None:
    import numpy as np
    from rich.table import Table

    table = Table(title="Sensitivity indices (± 95% confidence)")
    for column in ("outcome", "parameter", "index", "value"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for row in indices.itertuples():
        conf = "" if np.isnan(row.confidence) else f" ± {row.confidence:.3g}"
        table.add_row(row.outcome, row.parameter, row.index, f"{row.value:.3g}{conf}")
    console.print(table)


def sensitivity(
    experiment_file: Annotated[Path, typer.Argument(help="Experiment TOML file with a "
                                                    "[sensitivity] table.")],
    method: Annotated[SensitivityMethod, typer.Option(help="sobol or morris.")] =
    SensitivityMethod.SOBOL,
    executor: Executor = ExecutorKind.LOCAL,
    scheduler: Scheduler = None,
    workers: Workers = None,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: "
                                             "results/sensitivity/<name>-<method>).")] = None,
    force_new: Annotated[bool, typer.Option(help="If --out holds another experiment's "
                                            "results, move them aside and start afresh.")]
    = False,
) -> None:
    """Sobol or Morris indices of the chosen outcomes, as a table and a plot."""
    from experiments.sensitivity import (
        analyse,
        indices_plot,
        outcome_matrix,
        plan_sensitivity,
        salib_problem,
    )
    from experiments.sweep.errors import ExperimentError
    from experiments.sweep.schema import load_experiment
    from experiments.sweep.store import load_runs

    try:
        experiment = load_experiment(experiment_file)
        problem = salib_problem(experiment)
        matrix, runs = plan_sensitivity(experiment, method)
    except ExperimentError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    out = out or Path("results/sensitivity") / f"{experiment.experiment.name}-{method}"
    summary = execute_plan(runs, out, executor, scheduler, workers, f"{method}",
                           experiment_file, force_new)
    report_summary(summary, out)
    frame = load_runs(out)
    frame = frame[frame["run_id"].isin({r.run_id for r in runs})]
    try:
        y = outcome_matrix(frame, experiment.sensitivity.outcomes, len(matrix),
                           str(experiment.source))
    except ExperimentError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    problem["num_levels"] = experiment.sensitivity.morris_levels
    indices = analyse(problem, method, matrix, y, experiment.sensitivity.outcomes,
                      experiment.sampling.seed)
    indices.to_parquet(out / "indices.parquet", index=False)
    (out / "indices.png").write_bytes(indices_plot(indices))
    _print(indices)
    console.print(f"Indices: {out}/indices.parquet; plot: {out}/indices.png")
