"""``placesim influence``: who moves which cost line, from paired runs with levers held."""

from pathlib import Path
from typing import Annotated

import typer

from experiments.cli.shared_options import (
    Executor,
    FirstSeed,
    PairedSeeds,
    Sample,
    ScenarioFile,
    Scheduler,
    Workers,
    Years,
)
from experiments.options import ExecutorKind, split_list

DEFAULT_PEOPLE = 20_000
DEFAULT_REPLICATIONS = 3


def influence(
    scenario_file: ScenarioFile,
    design: Annotated[str, typer.Option(help="The design in force.")],
    parties: Annotated[str | None, typer.Option(help="Comma-separated parties to measure "
                                                "(default: every organisation).")] = None,
    lines: Annotated[str | None, typer.Option(help="Comma-separated cost lines "
                                              "(default: all).")] = None,
    replications: PairedSeeds = DEFAULT_REPLICATIONS,
    seed: FirstSeed = 1,
    years: Years = None,
    people: Sample = DEFAULT_PEOPLE,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("results/influence"),
    executor: Executor = ExecutorKind.LOCAL,
    scheduler: Scheduler = None,
    workers: Workers = None,
) -> None:
    """Measure each party's influence on each cost line; write a table, heatmap and Parquet."""
    from experiments.cli.terminal import make_console
    from experiments.design.cost_lines import COST_LINES, unknown_lines
    from experiments.design.influence import influence_table, measure_influence, plan_influence
    from experiments.design.paired import (
        DesignInputError,
        check_design,
        check_parties,
        read_scenario,
    )

    console = make_console()
    try:
        raw, scenario = read_scenario(scenario_file)
        check_design(scenario_file, scenario, design)
        chosen = split_list(parties) or scenario.organisation_ids
        check_parties(scenario_file, scenario, chosen, "--parties")
        wanted = split_list(lines) or list(COST_LINES)
        if unknown_lines(wanted):
            raise DesignInputError([f"--lines: unknown cost line '{line}'; known: "
                                    f"{', '.join(COST_LINES)}" for line in unknown_lines(wanted)])
        plan = plan_influence(scenario_file, raw, scenario, design, chosen,
                              replications=replications, base_seed=seed, years=years,
                              people=people)
    except DesignInputError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    run_plan(plan, out, console, executor, scheduler, workers)
    matrix = measure_influence(plan, out, chosen, wanted)
    _write(matrix, out, scenario.meta.name, design, influence_table(matrix), console,
           f"{replications} seeds from {seed}, {people:,} people, "
           f"{years or scenario.meta.years} years")


def run_plan(plan, out, console, executor, scheduler, workers, label="influence") -> None:
    """Run every pending run of a plan; exit with a message if any is missing."""
    from experiments.design.execute import execute
    from experiments.sweep.errors import SweepError
    from experiments.sweep.executors import open_executor

    try:
        with open_executor(executor, scheduler, workers) as pool:
            summary = execute(list(plan.runs), out, pool, console, label)
    except SweepError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if not summary.complete:
        console.print(f"Stopped: {summary.skipped + summary.done} of {summary.total} runs "
                      f"done, {summary.failed} failed; run the same command again to resume.")
        raise typer.Exit(1)


def _write(matrix, out: Path, place: str, design: str, table, console, how: str) -> None:
    import tomli_w
    from rich.table import Table

    from experiments.design.outputs import heatmap_png, write_report

    matrix.to_parquet(out / "influence.parquet", index=False)
    (out / "influence_table.toml").write_text(tomli_w.dumps({"gbp": table}), encoding="utf-8")
    shown = Table(title=f"Influence share (95% interval) and effect £ — {design}")
    lines = list(dict.fromkeys(matrix["line"]))
    shown.add_column("party")
    for line in lines:
        shown.add_column(line, justify="right")
    for party, rows in matrix.groupby("party", sort=False):
        by_line = rows.set_index("line")
        shown.add_row(party, *[_cell(by_line.loc[line]) for line in lines])
    console.print(shown)
    png = heatmap_png(matrix, "share", f"Who moves each cost line? ({design})")
    (out / "influence_heatmap.png").write_bytes(png)
    report = write_report(out / "influence.html", f"{place}: who has the influence?",
                          f"Design {design}; {how}. Each party's levers held at their "
                          "status-quo positions vs free, on the same seeds.",
                          [("influence heatmap", png)], [("Influence matrix", matrix)],
                          [NOTE])
    console.print(f"Report: {report}; matrix: {out}/influence.parquet; agreement table: "
                  f"{out}/influence_table.toml")


NOTE = ("Effects are in pounds over the run at reference unit costs (an estimate: see "
        "docs/agreements.md). Shares rank who moves a line; when levers interact they are "
        "not a decomposition.")


def _cell(row) -> str:
    return (f"{row['share']:.0%} [{row['share_low']:.0%}, {row['share_high']:.0%}] "
            f"£{row['effect_gbp'] / 1e3:,.0f}k")
