"""One error type for bad agreements and bad settlement figures.

Every problem names where it lives: the file (when loaded from one), the agreement, the
rule or modifier, and the field, so that a finance lead can fix a TOML file without
reading a traceback.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an agreement or its figures.

    Attributes:
        message: What is wrong and what was expected.
        agreement: The agreement's name, if known.
        rule: The rule or modifier kind the problem belongs to, if any.
        field: Dotted path of the offending field, if any.
    """

    message: str
    agreement: str | None = None
    rule: str | None = None
    field: str | None = None

    def describe(self, file: str | None = None) -> str:
        """Render the problem as one line.

        Args:
            file: The file the agreement was loaded from, if any.

        Returns:
            A line such as ``a.toml: agreement 'x', rule 'threshold', field 'y': message``.
        """
        parts = []
        if self.agreement:
            parts.append(f"agreement '{self.agreement}'")
        if self.rule:
            parts.append(f"rule '{self.rule}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        where = ", ".join(parts)
        line = f"{where}: {self.message}" if where else self.message
        line = f"{file}: {line}" if file else line
        # Input text may hold line breaks; one problem stays on one line.
        return line.replace("\r", "\\r").replace("\n", "\\n")


class AgreementError(ValueError):
    """An agreement, or the figures it is settled on, is invalid.

    Attributes:
        problems: Every problem found (at least one).
        file: The file the agreement came from, if any.
    """

    def __init__(self, problems: Iterable[Problem], file: str | None = None) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("AgreementError needs at least one problem")
        self.file = file
        super().__init__("\n".join(p.describe(file) for p in self.problems))

    def with_file(self, file: str) -> "AgreementError":
        """Return the same problems attributed to ``file``.

        Args:
            file: Path of the file the agreement was loaded from.

        Returns:
            A new error whose message names the file.
        """
        return AgreementError(self.problems, file=file)
