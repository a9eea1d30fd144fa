"""``caresim compare``: every design on the same seeds, with intervals and paired differences.

Runs go through the sweep runner (so a stopped comparison resumes), land in a Parquet
store under the output folder, and the report is built from that store alone:
``summary.parquet`` and ``paired.parquet`` hold exactly the numbers ``report.html`` shows.
"""

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from experiments.report import html, plots
from experiments.report.labels import display, report_order
from experiments.report.reading import readings
from experiments.report.stats import paired_differences, summarise
from experiments.sweep.errors import SweepError
from experiments.sweep.executors import ExecutorKind, open_executor
from experiments.sweep.plan import RunSpec, make_runs
from experiments.sweep.progress import run_progress
from experiments.sweep.runner import SweepSummary, pending_runs, run_sweep
from experiments.sweep.store import ResultStore, load_runs, load_table
from experiments.terminal import make_console
from sim.scenario import Scenario, ScenarioError, scenario_from_dict
from sim.scenario.loader import read_toml

DEFAULT_PEOPLE = 100_000
DEFAULT_REPLICATIONS = 3
HEADLINE = ("system_cost_gbp", "cost_per_head_per_year_gbp",
            "nel_admissions_per_1000_final_year", "dtoc_bed_days_final_year", "pool_gbp",
            "silo_index")

console = make_console()


@dataclass
class Comparison:
    """The numbers of a comparison, as written to Parquet and shown in the report."""

    designs: list[str]
    runs: pd.DataFrame
    summary: pd.DataFrame
    paired: pd.DataFrame
    readings: dict[str, str]


def silo_available() -> bool:
    """Whether the model offers a whole-system planner run and the silo index exists."""
    try:
        from sim import indicators
        from sim.model import CareSystemModel
    except ImportError:
        return False
    takes_planner = "planner" in inspect.signature(CareSystemModel.__init__).parameters
    return takes_planner and hasattr(indicators, "silo_index")


def plan_compare(scenario_file: Path, designs: list[str] | None, replications: int,
                 years: int | None, people: int | None) -> tuple[Scenario, list[RunSpec]]:
    """Check the scenario and designs, and list the runs (designs × replications).

    Raises:
        ScenarioError: Naming the file and each problem (including unknown designs).
    """
    raw = read_toml(scenario_file, "a scenario")
    scenario = scenario_from_dict(raw, source=scenario_file)
    chosen = designs or list(scenario.designs)
    unknown = [d for d in chosen if d not in scenario.designs]
    if unknown:
        raise ScenarioError(scenario_file, [
            f"--designs: unknown design '{d}'; known: {', '.join(scenario.designs)}"
            for d in unknown])
    runs = make_runs(raw, str(scenario_file), chosen, [{}], replications=replications,
                     base_seed=scenario.meta.seed, years=years, people=people,
                     silo_index=silo_available())
    return scenario, runs


def analyse(out_dir: Path, runs: list[RunSpec], years: int) -> Comparison:
    """Summaries, paired differences and readings from the store (plan's runs only)."""
    designs = list(dict.fromkeys(spec.design for spec in runs))
    ids = {spec.run_id for spec in runs}
    frame = load_runs(out_dir)
    frame = frame[frame["run_id"].isin(ids)].reset_index(drop=True)
    summary = summarise(frame, designs)
    paired = paired_differences(frame, designs)
    return Comparison(designs, frame, summary, paired, readings(summary, paired, designs,
                                                                float(years)))


def make_plots(out_dir: Path, comparison: Comparison) -> dict[str, bytes]:
    """The report's plots from the stored tables."""
    ids = set(comparison.runs["run_id"])

    def table(name: str) -> pd.DataFrame:
        frame = load_table(out_dir, name)
        return frame[frame["run_id"].isin(ids)] if not frame.empty else frame

    designs = comparison.designs
    replications = int(comparison.runs.groupby("design").size().max())
    return {
        "Care shift: share of care days by setting": plots.care_shift(
            table("care_shares_annual"), designs),
        "Each organisation's surplus over time": plots.surplus_over_time(
            table("finance_annual"), designs),
        "The pool and its distribution": plots.pool_waterfall(
            table("settlements"), designs, replications),
        "NEL admissions and DTOC over time": plots.activity_over_time(
            table("system_weekly"), designs),
    }


def write_report(out_dir: Path, comparison: Comparison, title: str, intro: str) -> Path:
    """Write ``summary.parquet``, ``paired.parquet`` and ``report.html``; return the report."""
    comparison.summary.to_parquet(out_dir / "summary.parquet", index=False)
    comparison.paired.to_parquet(out_dir / "paired.parquet", index=False)
    page = html.render(title, intro, comparison.summary, comparison.paired,
                       comparison.designs, comparison.readings, make_plots(out_dir, comparison))
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def _print_tables(comparison: Comparison) -> None:
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


def _print_paired(comparison: Comparison) -> None:
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


def _execute(runs: list[RunSpec], out_dir: Path, executor: ExecutorKind,
             scheduler: str | None, workers: int | None) -> SweepSummary:
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
) -> None:
    """Run every design on the same seeds; print and write the comparison and report."""
    names = [d.strip() for d in designs.split(",") if d.strip()] if designs else None
    try:
        scenario, runs = plan_compare(scenario_file, names, replications, years, people)
        result = _execute(runs, out, executor, scheduler, workers)
    except (ScenarioError, SweepError) as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if not result.complete:
        console.print(f"Stopped: {result.skipped + result.done} of {result.total} runs done, "
                      f"{result.failed} failed; run the same command again to resume.")
        raise typer.Exit(1)
    n_years = years or scenario.meta.years
    comparison = analyse(out, runs, n_years)
    _print_tables(comparison)
    intro = (f"{len(comparison.designs)} designs × {replications} replications (seeds "
             f"{runs[0].seed}–{runs[-1].seed}), {n_years} years, {people:,} people simulated "
             f"and scaled to the whole place of {scenario.population.size:,}.")
    path = write_report(out, comparison, f"{scenario.meta.name}: comparing designs", intro)
    console.print(f"Report: {path}; tidy results: {out}/runs, {out}/tables")
