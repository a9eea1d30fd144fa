"""Options several commands share, written once so their names, bounds and help agree."""

from pathlib import Path
from typing import Annotated

import typer

from experiments.sweep.executors import ExecutorKind

ScenarioFile = Annotated[Path, typer.Argument(help="Scenario TOML file.")]
FirstSeed = Annotated[int, typer.Option(help="First seed.")]
Years = Annotated[int | None, typer.Option(min=1, max=30)]
Sample = Annotated[int, typer.Option(min=100, help="Simulated sample.")]
Executor = Annotated[ExecutorKind, typer.Option()]
Scheduler = Annotated[str | None, typer.Option(help="dask scheduler address.")]
Workers = Annotated[int | None, typer.Option(min=1)]
PairedSeeds = Annotated[int, typer.Option(min=2, help="Seeds.")]
