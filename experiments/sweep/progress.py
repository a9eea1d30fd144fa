"""A rich progress bar for batches of runs: done, failed and time left."""

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from experiments.sweep.execute import RunOutcome
from experiments.sweep.plan import RunSpec


@contextmanager
def run_progress(console: Console, total: int, skipped: int, label: str) -> Iterator:
    """Yield an ``on_result`` callback for ``run_sweep`` that advances a progress bar.

    Args:
        console: Where to draw.
        total: Runs in the plan.
        skipped: Runs already done before this sweep (shown as complete).
        label: Description shown before the bar.
    """
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("runs · [red]{task.fields[failed]} failed"), TimeElapsedColumn(),
               TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(label, total=total, completed=skipped, failed=0)
        failed = 0

        def on_result(spec: RunSpec, outcome: RunOutcome) -> None:
            nonlocal failed
            failed += not outcome.ok
            bar.update(task, advance=1, failed=failed)

        yield on_result
