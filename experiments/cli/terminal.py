"""One console for every command: tables keep their full width when output is piped."""

import sys

from rich.console import Console

PIPED_WIDTH = 160  # rich falls back to 80 columns off a terminal, truncating table cells


def make_console() -> Console:
    """A rich console: the terminal's width, or a wide page when writing to a pipe or file."""
    return Console(width=None if sys.stdout.isatty() else PIPED_WIDTH)
