"""Command-line interface: ``caresim``."""

import typer

app = typer.Typer(no_args_is_help=True, help="caresim: payment and risk-sharing designs, simulated.")
