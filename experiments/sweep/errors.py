"""Errors for experiments: one line per problem, naming the file and the field."""

from pathlib import Path

from sim.scenario.errors import one_line


class ExperimentError(ValueError):
    """An experiment file could not be used; ``problems`` lists ``field: what was expected``."""

    def __init__(self, source: str | Path, problems: list[str]) -> None:
        """Build the error.

        Args:
            source: The experiment file (or a description of the input).
            problems: One line per problem, each naming a field.
        """
        self.source = str(source)
        self.problems = [one_line(p) for p in problems]
        super().__init__("\n".join(f"{self.source}: {p}" for p in self.problems))


class SweepError(RuntimeError):
    """A sweep could not start or go on (e.g. a dask scheduler that does not answer)."""
