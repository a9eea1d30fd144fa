"""``placesim compare``: run every design on the same seeds and write the comparison."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from experiments.cli.terminal import make_console
from experiments.options import DEFAULT_PEOPLE, DEFAULT_REPLICATIONS, ExecutorKind, split_list
from experiments.report.labels import display, report_order

if TYPE_CHECKING:  # the library is imported by the command itself, so --help stays quick
    from experiments.compare import Comparison
    from experiments.sweep.plan import RunSpec
    from experiments.sweep.runner import SweepSummary

console = make_console()


def _print_tables(comparison: "Comparison") -> None:
    from rich.table import Table

    summary = comparison.summary.set_index(["design", "outcome"])
    outcomes = report_order(list(comparison.summary["outcome"].unique()))
    table = Table(title="Key results (mean and 95% interval over replications)")
    table.add_column("outcome")
    for design in comparison.designs:
        table.add_column(design, justify="right")
    for outcome in outcomes:
        shown = display(outcome)
        cells = [_interval_text(shown, *summary.loc[(d, outcome), ["mean", "low", "high"]])
                 for d in comparison.designs]
        table.add_row(f"{shown.label} {shown.unit}".strip(), *cells)
    console.print(table)
    if not comparison.paired.empty:
        _print_paired(comparison)


def _interval_text(shown, mean: float, low: float, high: float) -> str:
    return f"{shown.format(mean)} [{shown.format(low)}, {shown.format(high)}]"


def _print_paired(comparison: "Comparison") -> None:
    from rich.table import Table

    paired = comparison.paired.set_index(["design", "outcome"])
    first = comparison.designs[0]
    table = Table(title=f"Difference from {first} (same seeds, 95% interval)")
    table.add_column("outcome")
    others = comparison.designs[1:]
    for design in others:
        table.add_column(f"{design} − {first}", justify="right")
    for outcome in report_order(list(comparison.paired["outcome"].unique())):
        shown = display(outcome)
        cells = [_interval_text(shown, *paired.loc[(d, outcome),
                                                   ["mean_difference", "low", "high"]])
                 for d in others]
        table.add_row(f"{shown.label} {shown.unit}".strip(), *cells)
    console.print(table)


def _execute(runs: "list[RunSpec]", out_dir: Path, executor: ExecutorKind,
             scheduler: str | None, workers: int | None) -> "SweepSummary":
    from experiments.sweep.executors import open_executor
    from experiments.sweep.progress import run_progress
    from experiments.sweep.runner import pending_runs, run_sweep
    from experiments.sweep.store import ResultStore

    store = ResultStore(out_dir)
    skipped = len({s.run_id for s in runs}) - len(pending_runs(runs, store))
    with open_executor(executor, scheduler, workers) as pool, \
            run_progress(console, len({s.run_id for s in runs}), skipped, "compare") as tick:
        return run_sweep(runs, store, pool, on_result=tick)


def compare(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario TOML file.")],
    designs: Annotated[str | None, typer.Option(help="Comma-separated designs; the first "
                                                "is the reference (default: all).")] = None,
    replications: Annotated[int, typer.Option(min=1, help="Seeds per design.")] =
    DEFAULT_REPLICATIONS,
    years: Annotated[int | None, typer.Option(min=1, max=30)] = None,
    people: Annotated[int, typer.Option(min=100, help="Simulated sample; money and activity "
                                        "are reported for the whole place.")] = DEFAULT_PEOPLE,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("results/compare"),
    executor: Annotated[ExecutorKind, typer.Option()] = ExecutorKind.LOCAL,
    scheduler: Annotated[str | None, typer.Option(help="dask scheduler address.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Workers (default: all cores).")]
    = None,
    allow_upsample: Annotated[bool, typer.Option(help="Allow --people above the place's "
                                                 "size.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print the report to report.pdf "
                                      "(A4, headless Chromium).")] = False,
    influence: Annotated[bool, typer.Option("--influence", help="Also measure, for each "
                                            "design with an agreement, who moves each cost "
                                            "line and each party's Shapley value (extra runs "
                                            "on the first seeds).")] = False,
    influence_seeds: Annotated[int, typer.Option(min=2, help="Seeds for --influence.")] = 2,
) -> None:
    """Run every design on the same seeds; print and write the comparison and report."""
    from experiments.compare import analyse, plan_compare, write_names, write_report
    from experiments.money_text import basis_sentence
    from experiments.names import all_names
    from experiments.out_folder import OutFolderError, check_out_folder
    from experiments.report.pdf import PdfError, print_pdf
    from experiments.sweep.errors import SweepError
    from sim.outputs.tables import money_basis
    from sim.scenario import ScenarioError

    names = split_list(designs) or None
    try:
        scenario, runs = plan_compare(scenario_file, names, replications, years, people,
                                      allow_upsample)
        check_out_folder(out)
        result = _execute(runs, out, executor, scheduler, workers)
    except (ScenarioError, SweepError, OutFolderError) as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if not result.complete:
        console.print(f"Stopped: {result.skipped + result.done} of {result.total} runs done, "
                      f"{result.failed} failed; run the same command again to resume.")
        raise typer.Exit(1)
    n_years = years or scenario.meta.years
    names = all_names(scenario)
    comparison = analyse(out, runs, n_years, names)
    _print_tables(comparison)
    intro = (f"{len(comparison.designs)} designs × {replications} replications (seeds "
             f"{runs[0].seed}–{runs[-1].seed}), {n_years} years, {people:,} people simulated "
             f"and scaled to the whole place of {scenario.population.size:,}. "
             f"{basis_sentence(**money_basis(scenario))}")
    section = (_influence(scenario_file, scenario, comparison.designs, out, runs[0].seed,
                          influence_seeds, years, people, executor, scheduler, workers, names,
                          n_years) if influence else "")
    path = write_report(out, comparison, f"{scenario.meta.name}: comparing designs", intro,
                        names, influence=section)
    write_names(out, scenario)
    console.print(f"Report: {path}; tables in pounds: {out}/export; tidy results: "
                  f"{out}/runs, {out}/tables")
    if pdf:
        try:
            console.print(f"Board paper: {print_pdf(path, out / 'report.pdf')}")
        except PdfError as error:
            console.print(str(error), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None


def _influence(scenario_file, scenario, designs, out, first_seed, seeds, years, people,
               executor, scheduler, workers, names, n_years) -> str:
    """Measure influence and Shapley values for the designs with an agreement; the section."""
    from experiments.influence_section import (
        designs_with_agreements,
        measure,
        section_html,
        write_tables,
    )
    from experiments.sweep.errors import SweepError
    from experiments.sweep.executors import open_executor

    chosen = designs_with_agreements(scenario, designs)
    if not chosen:
        console.print("--influence: no design compared has an agreement; section left out.")
        return ""
    try:
        with open_executor(executor, scheduler, workers) as pool:
            results = measure(scenario_file, chosen, out, pool, seeds=seeds,
                              base_seed=first_seed, years=years, people=people,
                              console=console)
    except SweepError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    write_tables(out, results, names)
    return section_html(results, names, people, n_years)
