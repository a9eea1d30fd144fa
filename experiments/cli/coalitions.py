"""``placesim coalitions``: coalition values, Shapley values, the core and the nucleolus."""

from pathlib import Path
from typing import Annotated

import typer

from experiments.cli.influence import DEFAULT_PEOPLE, DEFAULT_REPLICATIONS, run_plan
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
from experiments.options import split_list
from experiments.sweep.executors import ExecutorKind


def parse_split(text: str | None, parties: list[str]) -> dict[str, float] | None:
    """``a=0.3,b=0.7`` as shares; a one-line error names a bad entry."""
    from experiments.design.paired import DesignInputError

    if not text:
        return None
    shares = {}
    for item in split_list(text):
        name, _, value = item.partition("=")
        try:
            shares[name.strip()] = float(value)
        except ValueError:
            raise DesignInputError([f"--split: '{item}' is not party=share, e.g. "
                                    "acute=0.3"]) from None
        if name.strip() not in parties:
            raise DesignInputError([f"--split: unknown party '{name.strip()}'; expected one "
                                    f"of --parties: {', '.join(parties)}"])
    return shares


def agreement_split(scenario, design: str, players: list[str]) -> dict[str, float] | None:
    """The gain shares of the design's first fixed-proportions agreement among the players.

    Shares of parties that are not players are left out and the rest scaled to add to 1.
    """
    for agreement in scenario.design(design).agreements:
        shares = getattr(agreement.gains.rule, "shares", None)
        among = {p: float(s) for p, s in (shares or {}).items() if p in players}
        if sum(among.values()) > 0:
            total = sum(among.values())
            return {p: s / total for p, s in among.items()}
    return None


def coalitions(
    scenario_file: ScenarioFile,
    design: Annotated[str, typer.Option(help="The design in force.")],
    parties: Annotated[str, typer.Option(help="Comma-separated parties (the players).")],
    split: Annotated[str | None, typer.Option(help="A proposed split to test against the "
                                              "core, e.g. acute=0.5,community=0.5 (default: "
                                              "the design's agreement's gain shares).")] = None,
    replications: PairedSeeds = DEFAULT_REPLICATIONS,
    seed: FirstSeed = 1,
    years: Years = None,
    people: Sample = DEFAULT_PEOPLE,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("results/coalitions"),
    executor: Executor = ExecutorKind.LOCAL,
    scheduler: Scheduler = None,
    workers: Workers = None,
) -> None:
    """Value every coalition of the parties; Shapley values, core test and nucleolus."""
    from experiments.cli.terminal import make_console
    from experiments.design.coalitions import plan_coalitions
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
        players = split_list(parties)
        if len(players) < 2:
            raise DesignInputError(["--parties: name at least two parties, e.g. acute,community"])
        check_parties(scenario_file, scenario, players, "--parties")
        shares = parse_split(split, players) or agreement_split(scenario, design, players)
        plan = plan_coalitions(scenario_file, raw, scenario, design, players,
                               replications=replications, base_seed=seed, years=years,
                               people=people)
    except DesignInputError as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    run_plan(plan, out, console, executor, scheduler, workers, "coalitions")
    _analyse(plan, out, players, shares, console)


def _analyse(plan, out: Path, players: list[str], shares, console) -> None:
    import tomli_w
    from rich.table import Table

    from experiments.design.coalitions import coalition_values, core_check, game_of, shapley_table
    from experiments.design.games import EXACT_MAX_PARTIES
    from experiments.design.outputs import write_report

    values = coalition_values(plan, out)
    game = game_of(values)
    shapley = shapley_table(players, game)
    notes = []
    if len(players) <= EXACT_MAX_PARTIES:
        shapley = shapley.merge(_nucleolus(players, game, notes), on="party", how="left")
    values.to_parquet(out / "coalition_values.parquet", index=False)
    shapley.to_parquet(out / "shapley.parquet", index=False)
    rule = {"kind": "shapley",
            "values_gbp": {r.party: f"{r.shapley_gbp:.2f}" for r in shapley.itertuples()}}
    (out / "shapley_rule.toml").write_text(tomli_w.dumps({"rule": rule}), encoding="utf-8")
    table = Table(title="Shapley value of each party (system saving, £ over the run)")
    for column in shapley.columns:
        table.add_column(column, justify="right")
    for row in shapley.itertuples(index=False):
        table.add_row(*[f"{v:,.0f}" if isinstance(v, float) and abs(v) > 2 else
                        (f"{v:.2f}" if isinstance(v, float) else str(v)) for v in row])
    console.print(table)
    tables = [("Shapley values", shapley), ("Coalition values", values)]
    if shares:
        blocked = core_check(players, game, shares)
        blocked.to_parquet(out / "core_check.parquet", index=False)
        verdict = ("in the core" if blocked.empty else
                   f"not in the core: {len(blocked)} coalitions would do better alone")
        notes.append(f"Proposed split {shares}: {verdict}.")
        tables.append(("Coalitions blocking the proposed split", blocked))
    for note in notes:
        console.print(note, markup=False)
    report = write_report(out / "coalitions.html", "Coalition values and Shapley shares",
                          f"Design {plan.design}; parties {', '.join(players)}.", [], tables,
                          notes)
    console.print(f"Report: {report}; tables: {out}/*.parquet; rule: {out}/shapley_rule.toml")


def _nucleolus(players, game, notes):
    import pandas as pd

    from experiments.design.nucleolus import nucleolus

    try:
        found = nucleolus(players, game)
    except ValueError as error:
        notes.append(f"No nucleolus: {error}.")
        return pd.DataFrame({"party": players})
    return pd.DataFrame([{"party": p, "nucleolus_gbp": v} for p, v in found.items()])
