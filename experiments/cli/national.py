"""``placesim national``: every ICB footprint of England under each design, resumably."""

from pathlib import Path
from typing import Annotated

import typer

from experiments.national.footprints import PopulationBasis
from experiments.sweep.executors import ExecutorKind


def _designs(values: list[str]) -> tuple[str, ...]:
    # Accept "--designs a,b" as well as "--designs a --designs b".
    return tuple(d.strip() for v in values for d in v.split(",") if d.strip())


def national(
    template: Annotated[Path, typer.Argument(help="Template scenario TOML file.")],
    designs: Annotated[list[str] | None, typer.Option(help="Designs, comma-separated or "
                                                      "repeated (default: all).")] = None,
    years: Annotated[int | None, typer.Option(min=1, max=30, help="Years (default: the "
                                              "template's).")] = None,
    replications: Annotated[int, typer.Option(min=1)] = 1,
    scale: Annotated[float, typer.Option(help="Fraction of each footprint's people "
                                         "simulated; results are for the whole footprint."
                                         )] = 1.0,
    seed: Annotated[int, typer.Option(min=0, help="Base seed (replication r: seed + r).")]
    = 0,
    population: Annotated[PopulationBasis, typer.Option(help="resident: ONS-consistent "
                                                        "estimate; registered: GP lists.")]
    = PopulationBasis.RESIDENT,
    icb: Annotated[list[str] | None, typer.Option(help="Only these ICB codes (repeat).")]
    = None,
    executor: Annotated[ExecutorKind, typer.Option(help="local: this machine's cores; "
                                                   "dask: a dask.distributed cluster.")]
    = ExecutorKind.LOCAL,
    scheduler: Annotated[str | None, typer.Option(help="dask scheduler address, e.g. "
                                                  "tcp://host:8786.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Local workers (default: all "
                                                "cores).")] = None,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: "
                                             "results/national/<template name>).")] = None,
    force_new: Annotated[bool, typer.Option(help="If --out holds another national run's "
                                            "results, move them aside and start afresh.")]
    = False,
) -> None:
    """Run a template scaled to every ICB footprint; rerunning skips tasks already done."""
    from experiments.cli.terminal import make_console
    from experiments.national.plan import NationalError, NationalSettings
    from experiments.national.run import prepare

    console = make_console()
    settings = NationalSettings(designs=_designs(designs or []), years=years,
                                replications=replications, scale=scale, seed=seed,
                                basis=population)
    try:
        plan = prepare(template, settings, icb)
    except NationalError as error:
        _fail(console, str(error))
    out = out or Path("results/national") / template.stem
    summary = _execute(console, plan, out, executor, scheduler, workers, force_new)
    _finish(console, plan, out, summary)


def _fail(console, message: str) -> None:
    for line in message.splitlines():
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _execute(console, plan, out: Path, executor: ExecutorKind, scheduler: str | None,
             workers: int | None, force_new: bool = False):
    # Nothing is written before the executor answers: an unreachable scheduler leaves no
    # output folder behind. A folder holding another run's results is refused first
    # (docs/experiments.md: one experiment per results folder).
    from experiments.national.progress import national_progress
    from experiments.national.run import execute
    from experiments.out_folder import OutFolderError, check_out_folder
    from experiments.sweep.errors import ExperimentError, SweepError
    from experiments.sweep.executors import open_executor
    from experiments.sweep.guard import claim_store
    from experiments.sweep.store import ResultStore

    store = ResultStore(out)
    name = f"national {plan.template.stem}"
    try:
        check_out_folder(out)
        if out.exists() and (moved := claim_store(out, plan.runs, name, force_new)):
            console.print(f"Moved the previous results to {moved}", markup=False,
                          soft_wrap=True)
    except (ExperimentError, OutFolderError) as error:
        _fail(console, str(error))
    try:
        with open_executor(executor, scheduler, workers) as pool:
            moved = claim_store(out, plan.runs, name, force_new)
            if moved is not None:
                console.print(f"Moved the previous results to {moved}", markup=False,
                              soft_wrap=True)
            label = f"{len(plan.runs)} tasks"
            with national_progress(console, plan.runs, store.done_ids(), plan.person_weeks,
                                   label) as tick:
                return execute(plan, store, pool, on_result=tick)
    except SweepError as error:
        _fail(console, str(error))


def _finish(console, plan, out: Path, summary) -> None:
    from experiments.cli.sweep import report_summary
    from experiments.national.report import write_report
    from experiments.national.run import write_tables

    report_summary(summary, out)
    if summary.skipped + summary.done:
        tables = write_tables(plan, out)
        page = write_report(plan, tables, out / "report.html")
        console.print(f"National tables: {out}/national/*.parquet; report: {page}",
                      markup=False, soft_wrap=True)
    if not summary.complete:
        raise typer.Exit(1)
