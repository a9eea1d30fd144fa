"""``placesim design-agreement``: search for a deal every party signs, robust to stress."""

from pathlib import Path
from typing import Annotated

import typer

from experiments.cli.shared_options import (
    Executor,
    FirstSeed,
    Sample,
    ScenarioFile,
    Scheduler,
    Workers,
    Years,
)
from experiments.options import split_list
from experiments.sweep.executors import ExecutorKind


def design_agreement(
    scenario_file: ScenarioFile,
    design: Annotated[str, typer.Option(help="The design whose agreement is searched.")],
    search: Annotated[str, typer.Option(help="Comma-separated: shares, threshold, corridor, "
                                        "cap, rates.")] = "shares",
    stress: Annotated[str, typer.Option(help="Comma-separated stress cases: half_benefit, "
                                        "demand+2%, ...")] = "half_benefit",
    budget: Annotated[int, typer.Option(help="Candidate deals to evaluate.")] = 40,
    replications: Annotated[int, typer.Option(min=1, help="Seeds per evaluation.")] = 3,
    seed: FirstSeed = 1,
    years: Years = None,
    people: Sample = 20_000,
    status_quo: Annotated[str | None, typer.Option(help="Design to compare against "
                                                   "(default: the design without its "
                                                   "agreements).")] = None,
    out: Annotated[Path, typer.Option(help="Output folder.")] = Path("results/design"),
    batch: Annotated[int, typer.Option(min=1, help="Candidates run together.")] = 4,
    executor: Executor = ExecutorKind.LOCAL,
    scheduler: Scheduler = None,
    workers: Workers = None,
) -> None:
    """Search agreement parameters for deals every party prefers and that survive stress."""
    from experiments.cli.terminal import make_console
    from experiments.design.designer import make_problem
    from experiments.design.designer import search as run_search
    from experiments.design.paired import DesignInputError
    from experiments.sweep.errors import SweepError
    from experiments.sweep.executors import open_executor

    console = make_console()
    try:
        problem = make_problem(scenario_file, design, split_list(search), split_list(stress),
                               budget, replications=replications, seed=seed, years=years,
                               people=people, status_quo=status_quo)
        with open_executor(executor, scheduler, workers) as pool:
            table = run_search(problem, out, pool, console, batch, on_batch=lambda n, k:
                               console.print(f"{n} of {budget} candidates evaluated; "
                                             f"{k} satisfy every party"))
    except (DesignInputError, SweepError) as error:
        console.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        console.print("Stopped; run the same command again to resume.")
        raise typer.Exit(1) from None
    raise typer.Exit(report(problem, table, out, console))


def report(problem, table, out: Path, console) -> int:
    """Write the Pareto set, the recommended deal and the account; 0 if a deal was found."""
    from experiments.design.outputs import write_report
    from experiments.design.recommend import (
        account,
        closest,
        feasible_front,
        no_deal_account,
        pareto_png,
        recommend,
        write_deal,
    )

    table.to_parquet(out / "evaluations.parquet", index=False)
    front = feasible_front(table)
    front.to_parquet(out / "pareto.parquet", index=False)
    png = pareto_png(table)
    (out / "pareto.png").write_bytes(png)
    best = recommend(table)
    if best is None:
        lines, found = no_deal_account(problem, closest(table)), 1
    else:
        scenario_path, settle_path = write_deal(problem, best, out)
        lines = account(problem, best) + [
            f"Files: {scenario_path} (placesim compare {scenario_path} --designs "
            f"status_quo,designed) and {settle_path} (placesim settle {settle_path})."]
        found = 0
    (out / "account.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shown = front.drop(columns=["agreement"], errors="ignore")
    path = write_report(out / "design.html", "Agreement designer",
                        f"Design {problem.design}; {len(table)} candidates.",
                        [("Pareto set", png)], [("Pareto set (every party signs)", shown)],
                        lines)
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    console.print(f"Report: {path}")
    return found
