"""Progress of a national run: tasks done, person-weeks simulated and the time left.

The bar advances by person-weeks rather than tasks: footprints differ sixfold in size, so
time left estimated from work done is steadier than from tasks done.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from experiments.sweep.execute import RunOutcome
from experiments.sweep.plan import RunSpec


@contextmanager
def national_progress(console: Console, runs: list[RunSpec], done_ids: set[str],
                      weeks_of: Callable[[RunSpec], int], label: str) -> Iterator:
    """Yield an ``on_result`` callback for ``run_sweep`` that advances the bar.

    Args:
        console: Where to draw.
        runs: The whole plan (runs already done show as complete).
        done_ids: Ids of runs already in the store.
        weeks_of: Person-weeks of a run.
        label: Description shown before the bar.
    """
    unique = {spec.run_id: spec for spec in runs}
    total = sum(weeks_of(s) for s in unique.values())
    already = sum(weeks_of(s) for i, s in unique.items() if i in done_ids)
    columns = (TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.fields[tasks]}/{task.fields[of]} tasks · "
                          "[red]{task.fields[failed]} failed[/] · "
                          "{task.fields[mpw]:,.1f}M person-weeks"),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        done = sum(1 for i in unique if i in done_ids)
        task = bar.add_task(label, total=total, completed=already, tasks=done,
                            of=len(unique), failed=0, mpw=already / 1e6)
        state = {"tasks": done, "failed": 0, "weeks": already}

        def on_result(spec: RunSpec, outcome: RunOutcome) -> None:
            state["tasks"] += outcome.ok
            state["failed"] += not outcome.ok
            state["weeks"] += weeks_of(spec) if outcome.ok else 0
            bar.update(task, advance=weeks_of(spec), tasks=state["tasks"],
                       failed=state["failed"], mpw=state["weeks"] / 1e6)

        yield on_result
