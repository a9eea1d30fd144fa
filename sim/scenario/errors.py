"""One error type for bad scenario input, listing every problem with its field."""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotation: listing commands need not load pydantic
    from pydantic import ValidationError


class ScenarioError(ValueError):
    """A scenario could not be used; ``problems`` lists each one as ``field: what was expected``."""

    def __init__(self, source: str | Path, problems: list[str]) -> None:
        """Build the error.

        Args:
            source: The file (or a description of the input) the problems are in.
            problems: One line per problem, each naming a field.
        """
        self.source = str(source)
        self.problems = [one_line(p) for p in problems]
        super().__init__("\n".join(f"{self.source}: {p}" for p in self.problems))


def one_line(text: str) -> str:
    """Keep a problem on one line: line breaks from the input are shown escaped."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def field_path(loc: tuple) -> str:
    """Turn a pydantic error location into a dotted path with [i] for list items."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
            continue
        # A key from the file may hold any text (a newline, quotes): quote it so the
        # problem stays on one line.
        name = str(item) if str(item).isprintable() and str(item).strip() else repr(item)
        parts.append(f".{name}" if parts else name)
    return "".join(parts) or "(top level)"


def problems_from_validation(error: "ValidationError") -> list[str]:
    """One readable line per pydantic error: field, what was expected, what was given."""
    lines = []
    for detail in error.errors(include_url=False):
        loc = tuple(p for p in detail["loc"] if not _is_union_tag(p))
        message = detail["msg"].removeprefix("Value error, ")
        given = detail.get("input")
        shown = "" if isinstance(given, dict | list) or given is None else f" (got {given!r})"
        lines.append(f"{field_path(loc)}: {message}{shown}")
    return lines


def _is_union_tag(part: object) -> bool:
    # pydantic inserts the chosen discriminator value or a function name into locations.
    return isinstance(part, str) and (part.startswith("function-") or "[" in part)
