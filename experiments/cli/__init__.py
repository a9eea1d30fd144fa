"""Command-line interface: ``placesim``, every typer command and nothing else.

Each command module imports the library it needs inside the command, so ``placesim
--help`` and ``placesim validate`` load neither the model nor plotting, statistics or
cluster libraries.
"""

import typer

from experiments.cli.app import app as serve_app
from experiments.cli.calibrate import calibrate
from experiments.cli.coalitions import coalitions
from experiments.cli.compare import compare
from experiments.cli.design import design_agreement
from experiments.cli.influence import influence
from experiments.cli.national import national
from experiments.cli.plan import HELP as PLAN_HELP
from experiments.cli.plan import plan
from experiments.cli.run import run, validate
from experiments.cli.sensitivity import sensitivity
from experiments.cli.settle import settle
from experiments.cli.sweep import sweep

app = typer.Typer(
    no_args_is_help=True,
    help="placesim: payment and risk-sharing designs, simulated.",
    pretty_exceptions_enable=False,
)
app.command("validate")(validate)
app.command("run")(run)
app.command("settle")(settle)
app.command("app")(serve_app)
app.command("compare")(compare)
app.command("sweep")(sweep)
app.command("sensitivity")(sensitivity)
app.command("national")(national)
app.command("influence")(influence)
app.command("coalitions")(coalitions)
app.command("design-agreement")(design_agreement)

from experiments.cli.new_place import new_place_command  # noqa: E402

app.command("new-place")(new_place_command)
app.command("calibrate")(calibrate)
app.command("plan", help=PLAN_HELP)(plan)
