"""``placesim run`` and ``placesim validate``."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from experiments.cli.terminal import make_console

if TYPE_CHECKING:  # the model is imported by ``run`` itself, so --help and validate stay quick
    from rich.progress import Progress

console = make_console()


def validate(scenario_file: Annotated[Path, typer.Argument(help="Scenario TOML file.")]) -> None:
    """Check a scenario file and report every problem at once."""
    from sim.scenario import ScenarioError, load_scenario

    try:
        scenario = load_scenario(scenario_file)
    except ScenarioError as error:
        for line in str(error).splitlines():
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    console.print(f"{scenario_file}: valid — {len(scenario.organisations)} organisations,"
                  f" designs: {', '.join(scenario.designs)}", markup=False, soft_wrap=True)


def run(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario TOML file.")],
    design: Annotated[str | None, typer.Option(help="Design name (default: first).")] = None,
    years: Annotated[int | None, typer.Option(min=1, max=30)] = None,
    people: Annotated[int | None, typer.Option(min=100)] = None,
    seed: Annotated[int | None, typer.Option(min=0)] = None,
    out: Annotated[Path, typer.Option(help="Folder for Parquet outputs.")] = Path("results/run"),
    allow_upsample: Annotated[bool, typer.Option(help="Allow --people above the place's "
                                                 "size.")] = False,
) -> None:
    """Run one design of a scenario, print a summary and write Parquet outputs."""
    from rich.table import Table

    from experiments.out_folder import OutFolderError, claim_out_folder
    from experiments.report.labels import display, report_order
    from experiments.runner import write_results
    from experiments.runs import run as run_one
    from sim.core.calendar import WEEKS_PER_YEAR
    from sim.scenario import ScenarioError, load_scenario
    from sim.scenario.sample import sample_problems

    try:
        scenario = load_scenario(scenario_file)
        design_name = design or next(iter(scenario.designs))
        scenario.design(design_name)
        problems = sample_problems(scenario, people, allow_upsample)
        if problems:
            raise ScenarioError(scenario_file, problems)
    except (ScenarioError, KeyError) as error:
        console.print(str(error).strip("'\""), markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    n_years = years or scenario.meta.years
    try:
        with claim_out_folder(out):  # checked and locked before the simulation starts
            with _progress() as bar:
                task = bar.add_task(f"{design_name}", total=n_years * WEEKS_PER_YEAR)
                done = run_one(scenario, design=design_name, seed=seed, years=n_years,
                               people=people,
                               on_progress=lambda week: bar.update(task, completed=week))
            results = done.results
            paths = write_results(results, out, scenario)
    except OutFolderError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    outcomes = done.outcomes()
    table = Table(title=f"{scenario.meta.name} — {design_name}, seed {results.meta['seed']}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("unit")
    for name in report_order(list(outcomes)):
        shown = display(name)
        table.add_row(shown.label, shown.format(outcomes[name]), shown.unit)
    console.print(table)
    console.print(f"Wrote {len(paths)} Parquet tables to {out}/")


def _progress() -> "Progress":
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed}/{task.total} weeks"), TimeRemainingColumn(),
                    console=console, transient=True)
