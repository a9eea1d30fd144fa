"""``placesim settle AGREEMENT.toml [--json]``: settle one year of a risk-share agreement."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

EXIT_BAD_INPUT = 2
PIPED_WIDTH = 120


def settle(
    path: Annotated[Path, typer.Argument(help="Settlement file: [agreement] and [figures].")],
    json_output: Annotated[
        bool, typer.Option("--json", help="Print JSON (pence as ints, pounds as strings).")
    ] = False,
) -> None:
    """Settle an agreement's gain/loss pool for one year and show who receives or pays."""
    from sim.sharing import AgreementError, load_settlement_file, settle_risk_share
    from sim.sharing.report import settlement_json, settlement_table

    try:
        loaded = load_settlement_file(path)
        settlement = settle_risk_share(loaded.agreement, loaded.figures)
    except AgreementError as error:
        if error.file is None:
            error = error.with_file(str(path))
        err = Console(stderr=True, soft_wrap=True, highlight=False)
        for line in str(error).splitlines():
            err.print(f"error: {line}", markup=False)
        raise typer.Exit(code=EXIT_BAD_INPUT) from None
    if json_output:
        typer.echo(json.dumps(settlement_json(settlement), indent=2))
    else:
        # Piped output has no terminal width; give the notes room instead of rich's 80.
        width = None if sys.stdout.isatty() else PIPED_WIDTH
        Console(highlight=False, width=width).print(settlement_table(settlement))
