"""``placesim plan``: derive a place's block values and allocations from its own runs."""

import math
from pathlib import Path
from typing import Annotated

import typer

from experiments.cli.terminal import make_console

console = make_console()
NOISY = 0.005  # a mean over seeds whose standard error is above 0.5% of it is flagged

# The command's help, one string a paragraph (the terminal wraps it).
HELP = (
    "Derive the plan: each block from the cost it buys, each allocation from spending.\n\n"
    "Runs the design on each seed. A block naming a service line is set to that line's mean "
    "cost × (1 + margin); a block naming no line to its provider's cost, when it is that "
    "provider's only contract; rounded to --round-to, halves up. Each commissioner's "
    "allocation is its derived blocks plus the mean of its other contracts as paid, its "
    "out-of-area and spot-purchase charges and pool contributions, × (1 + margin).\n\n"
    "Kept as they are, and said so in the report: blocks with an uplift (an agreed path "
    "from year 2; --derive-uplifted derives their year-1 value and keeps the uplift), "
    "blocks with a volume corridor, blocks paid from a pooled budget, and blocks that share "
    "a provider (or a line) with other contracts. Activity-based and other contracts are not "
    "derived: they count towards allocations as paid.\n\n"
    "Writes the scenario with the derived values set and a header saying how "
    "(docs/places.md, \"The plan is this place's own\"); --into sets them in other "
    "scenario files in place, keeping their comments."
)


def plan(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario TOML file (a calibrated "
                                                  "one, for a place's own plan).")],
    design: Annotated[str | None, typer.Option(help="Design run; its blocks are derived "
                                               "(default: the scenario's first).")] = None,
    seeds: Annotated[int, typer.Option(help="Seeds, one run each.")] = 5,
    first_seed: Annotated[int, typer.Option(help="First seed.")] = 1,
    people: Annotated[int | None, typer.Option(help="Simulated sample (default: the "
                                               "calibrated sample, else the place's size)."
                                               )] = None,
    years_of_cost: Annotated[int, typer.Option(help="Years run; values are set from the "
                                               "mean year's cost (1: year 1).")] = 1,
    margin: Annotated[float, typer.Option(help="Surplus on cost for blocks, headroom on "
                                          "spending for allocations (0.01 is 1%).")] = 0.01,
    round_to: Annotated[int, typer.Option(help="Round to this many pounds (halves up).")
                        ] = 10_000,
    derive_uplifted: Annotated[bool, typer.Option(help="Also derive blocks with an uplift "
                                                  "(year-1 value from cost, uplift kept).")
                               ] = False,
    workers: Annotated[int, typer.Option(help="Processes running seeds side by side (the "
                                         "result does not depend on it).")] = 1,
    out: Annotated[Path | None, typer.Option(help="Planned scenario to write (default: "
                                             "<scenario>.planned.toml beside it).")] = None,
    into: Annotated[list[Path] | None, typer.Option(help="Also set the derived values in "
                                                    "this scenario file in place, keeping "
                                                    "its comments (repeat for several: the "
                                                    "place and its calibrated file).")
                    ] = None,
) -> None:
    """Derive a place's block values and allocations from its own runs (``HELP``)."""
    from experiments.planning import (
        check_inputs,
        derive_plan,
        run_seeds,
        set_into,
        write_planned,
    )
    from sim.core.calendar import WEEKS_PER_YEAR
    from sim.scenario import ScenarioError, load_scenario

    try:
        if workers < 1:
            raise ScenarioError("--workers", [f"expected 1 or more processes, got {workers}"])
        scenario, settings, out = check_inputs(
            scenario_file, design=design, seeds=seeds, first_seed=first_seed, people=people,
            years=years_of_cost, margin=margin, round_to=round_to, out=out,
            derive_uplifted=derive_uplifted)
        for target in into or []:  # each must be a scenario before any run starts
            load_scenario(target)
    except ScenarioError as error:
        for line in str(error).splitlines():
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    total = len(settings.seeds) * settings.years * WEEKS_PER_YEAR
    with _progress() as bar:
        task = bar.add_task(f"planning {settings.design}", total=total,
                            runs=f"0/{len(settings.seeds)}")
        figures = run_seeds(scenario, settings, workers, on_progress=lambda weeks: bar.update(
            task, completed=weeks,
            runs=f"{weeks // (settings.years * WEEKS_PER_YEAR)}/{len(settings.seeds)}"))
    result = derive_plan(scenario, settings, figures)
    try:
        written = write_planned(scenario_file, result, out)
        adopted = set_into(list(into or []), result)
    except ScenarioError as error:
        for line in str(error).splitlines():
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    _show(scenario_file, result)
    console.print(f"Wrote {written} ({len(settings.seeds)} runs)", markup=False,
                  soft_wrap=True)
    for path in adopted:
        console.print(f"Set the plan in {path}", markup=False, soft_wrap=True)


def _progress():
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.fields[runs]} runs"), TimeRemainingColumn(),
                    console=console, transient=True)


def _show(scenario_file: Path, result) -> None:
    from rich.table import Table

    from experiments.planning.record import seeds_text, years_text

    s = result.settings
    table = Table(title=f"Plan for {scenario_file}: design {s.design}, seeds "
                        f"{seeds_text(s.seeds)}, {s.people:,} people, {years_text(s.years)},"
                        f" margin {float(s.margin):.2%}, rounded to £{s.round_to:,}")
    for column in ("item", "current", "derived", "change", "derived from (over seeds)"):
        table.add_column(column, justify="right" if column in ("current", "derived", "change")
                         else "left")
    for item in result.items:
        current = "" if item.current_gbp is None else f"£{item.current_gbp:,.0f}"
        derived = "" if item.derived_gbp is None else f"£{item.derived_gbp:,}"
        change = "" if item.change is None else f"{item.change:+.2%}"
        table.add_row(f"{item.kind} {item.name}", current, derived, change,
                      _basis(item))
    console.print(table)
    for item in result.items:
        s = item.spread
        if item.derived_gbp is not None and s is not None and s.mean and s.seeds > 1:
            error = s.sd / math.sqrt(s.seeds) / abs(s.mean)
            if error > NOISY:
                console.print(f"Noisy: {item.kind} {item.name}'s mean over {s.seeds} seeds has "
                              f"a standard error of {error:.2%}; more --seeds narrow it.",
                              markup=False, highlight=False, soft_wrap=True)
    kept = [i.name for i in result.items if i.note.startswith("kept")]
    if kept:
        console.print(f"Kept as they were (the table says why): {', '.join(kept)}",
                      markup=False, highlight=False, soft_wrap=True)


def _basis(item) -> str:
    if item.spread is None:
        return f"{item.basis}; {item.note}"
    s = item.spread
    spread = (f"mean £{s.mean:,.0f}, sd £{s.sd:,.0f} ({s.relative_sd:.2%}), "
              f"£{s.low:,.0f}–£{s.high:,.0f}, {s.seeds} seed{'s' if s.seeds != 1 else ''}")
    if item.kind == "contract":
        return f"{item.basis}; paid {spread}; {item.note}"
    if item.kind == "allocation":
        return f"{item.basis}; spending {spread}"
    return f"{item.basis}; {spread}"
