"""``placesim calibrate``: fit a scenario's parameters to a place's published figures."""

from pathlib import Path
from typing import Annotated

import typer

from experiments.cli.terminal import make_console

console = make_console()


def calibrate(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario TOML file.")],
    targets_file: Annotated[Path, typer.Argument(help="Targets TOML file (docs/calibration.md).")],
    out: Annotated[Path | None, typer.Option(help="Calibrated scenario to write (default: "
                                             "<scenario>.calibrated.toml beside it).")] = None,
    trials: Annotated[int | None, typer.Option(min=1, help="Trials (default: the file's).")] = None,
    seeds: Annotated[str | None, typer.Option(help="Comma-separated seeds, e.g. 1,2,3.")] = None,
    people: Annotated[int | None, typer.Option(min=100, help="Simulated sample.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes for a trial's seeds.")] = 1,
    start_from: Annotated[Path | None, typer.Option(help="An earlier calibrated scenario: "
                                                    "its fitted values are the first trial.")
                          ] = None,
) -> None:
    """Fit the targets file's parameters to its targets; write the calibrated scenario."""
    from experiments.calibration import calibrate as fit
    from experiments.calibration import load_targets, trials_frame, write_calibrated
    from experiments.calibration.fit import check_inputs, start_values
    from sim.scenario import ScenarioError

    out = out or scenario_file.with_suffix(".calibrated.toml")
    try:
        targets = _with_options(load_targets(targets_file), trials, seeds, people, targets_file)
        _, place = check_inputs(scenario_file, targets, targets_file)  # before the bar draws
        if start_from is not None:
            start_values(start_from, targets.parameters, targets_file, place)
        with _progress() as bar:
            task = bar.add_task("calibrating", total=targets.calibration.trials, best="")
            result = fit(scenario_file, targets, source=targets_file, workers=workers,
                         on_trial=lambda n, best: bar.update(task, completed=n,
                                                             best=f"{best:.4g}"),
                         start_from=start_from)
    except ScenarioError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    written = write_calibrated(scenario_file, result, targets, targets_file, out)
    trials_path = out.with_suffix(".trials.parquet")
    trials_frame(result).to_parquet(trials_path, index=False)
    _show(result)
    from experiments.calibration.notes import fit_notes

    for line in fit_notes(result, targets):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    console.print(f"Wrote {written} and {trials_path} ({result.evaluations} runs)",
                  markup=False, soft_wrap=True)


def _with_options(targets, trials, seeds, people, source):
    from sim.scenario import ScenarioError

    update: dict = {"trials": trials, "people": people}
    if seeds is not None:
        try:
            update["seeds"] = [int(s) for s in seeds.split(",") if s.strip()]
        except ValueError:
            raise ScenarioError("--seeds", [f"expected comma-separated whole numbers, got "
                                            f"{seeds!r}"]) from None
        if not update["seeds"] or min(update["seeds"]) < 0:
            raise ScenarioError("--seeds", [f"expected seeds >= 0, got {seeds!r}"])
    update = {k: v for k, v in update.items() if v is not None}
    settings = targets.calibration.model_copy(update=update)
    return targets.model_copy(update={"calibration": settings})


def _progress():
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    trials = "{task.completed}/{task.total} trials, best loss {task.fields[best]}"
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn(trials),
                    TimeRemainingColumn(), console=console, transient=True)


def _show(result) -> None:
    from rich.table import Table

    table = Table(title=f"Calibrated: loss {result.loss:.4g}, seeds "
                        f"{', '.join(map(str, result.settings.seeds))}")
    for column in ("parameter / target", "value", "target", "relative error"):
        table.add_column(column, justify="left" if column.startswith("param") else "right")
    for path, value in result.values.items():
        table.add_row(path, f"{value:.6g}", "", "")
    for fit in result.fits:
        table.add_row(fit.outcome, f"{fit.fitted:.6g}", f"{fit.target:.6g}",
                      f"{fit.relative_error:+.2%}")
    console.print(table)
