"""``placesim app``: serve the meeting-room page on localhost."""

import os
import signal
import subprocess
from pathlib import Path
from typing import Annotated

import typer

from experiments.serving import SCENARIO_ENV, serve_until_stopped


def app(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario TOML file.")] = Path(
        "scenarios/default.toml"),
    port: Annotated[int, typer.Option(min=1024, max=65535, help="Port on localhost.")] = 8765,
) -> None:
    """Start the interactive app on localhost and print its address."""
    from sim.scenario import ScenarioError, load_scenario

    try:
        load_scenario(scenario_file)
    except ScenarioError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    env = {**os.environ, SCENARIO_ENV: str(scenario_file.resolve())}
    typer.echo(f"placesim app: http://127.0.0.1:{port}/  (scenario {scenario_file}; Ctrl+C stops)")
    code = serve_until_stopped(port, env, subprocess.Popen, signal)
    raise typer.Exit(code)
