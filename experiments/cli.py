"""Command-line interface: ``caresim``."""

import typer

from experiments.app_cmd import app as serve_app
from experiments.compare import compare
from experiments.run_cmd import run, validate
from experiments.sensitivity import sensitivity
from experiments.settle_cmd import settle
from experiments.sweep.cli import sweep

app = typer.Typer(
    no_args_is_help=True,
    help="caresim: payment and risk-sharing designs, simulated.",
    pretty_exceptions_enable=False,
)
app.command("validate")(validate)
app.command("run")(run)
app.command("settle")(settle)
app.command("app")(serve_app)
app.command("compare")(compare)
app.command("sweep")(sweep)
app.command("sensitivity")(sensitivity)
