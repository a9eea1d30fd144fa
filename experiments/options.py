"""Choices and defaults the command line shows, kept import-free so ``--help`` stays quick.

The library modules that act on them (``experiments.sweep.executors``,
``experiments.sweep.schema``, ``experiments.compare``) import them from here.
"""

from enum import StrEnum

DEFAULT_PEOPLE = 100_000  # simulated sample of a comparison; results scale to the place
DEFAULT_REPLICATIONS = 3  # seeds per design in a comparison


class ExecutorKind(StrEnum):
    """Where runs execute."""

    LOCAL = "local"
    DASK = "dask"


class SensitivityMethod(StrEnum):
    """Global sensitivity methods (SALib)."""

    SOBOL = "sobol"
    MORRIS = "morris"


def split_list(text: str | None) -> list[str]:
    """Comma-separated names from an option, stripped, empty ones dropped."""
    return [t.strip() for t in (text or "").split(",") if t.strip()]
