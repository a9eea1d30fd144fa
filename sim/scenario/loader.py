"""Load and validate scenario files, reporting every problem at once."""

import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sim.scenario.errors import ScenarioError, problems_from_validation
from sim.scenario.references import reference_problems
from sim.scenario.schema import Scenario
from sim.scenario.timeline import scheduled_states


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file.

    Args:
        path: The file.

    Returns:
        The validated, frozen scenario.

    Raises:
        ScenarioError: When the file is missing, is not TOML, or does not validate; the
            message names the file and each field with what was expected.
    """
    return scenario_from_dict(read_toml(path, "a scenario"), source=path)


def read_toml(path: str | Path, what: str, error_type: type = ScenarioError) -> dict[str, Any]:
    """Parse a TOML file, or raise ``error_type(path, [problem])`` saying what was expected.

    Args:
        path: The file.
        what: What the file should be, for the message (e.g. "an experiment").
        error_type: The error to raise; takes the path and a list of problems.
    """
    path = Path(path)
    if not path.is_file():
        raise error_type(path, [f"file not found; expected {what} TOML file"])
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise error_type(path, [f"not a text file in UTF-8 (byte {error.start} is"
                                f" {error.object[error.start]:#04x}); expected {what} TOML"
                                " file"]) from None
    except OSError as error:
        raise error_type(path, [f"cannot be read: {error.strerror}"]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise error_type(path, [f"not valid TOML: {error}"]) from None


def scenario_from_dict(raw: dict[str, Any], source: str | Path = "<scenario>") -> Scenario:
    """Validate a scenario given as a plain dict (e.g. a parsed file with overrides).

    Args:
        raw: The scenario's content.
        source: Where it came from, for error messages.

    Raises:
        ScenarioError: Listing every problem with its field.
    """
    scenario = _validated(raw, source)
    if raw.get("timeline"):
        try:
            scenario._scheduled = scheduled_states(raw, lambda state: _validated(state, source))
        except ValueError as error:
            raise ScenarioError(source, error.args[0]) from None
    return scenario


def _validated(raw: dict[str, Any], source: str | Path) -> Scenario:
    try:
        return Scenario.model_validate(raw)
    except ValidationError as error:
        problems = _split_reference_lines(problems_from_validation(error))
        # pydantic skips the reference check when a field fails: run it on the raw data
        # so that every problem is reported at once.
        problems += [p for p in reference_problems(raw) if p not in problems]
        raise ScenarioError(source, problems) from None


def _split_reference_lines(problems: list[str]) -> list[str]:
    # Reference checks arrive as one newline-joined model-level message: a line each.
    out = []
    for line in problems:
        head, _, rest = line.partition(": ")
        if head == "(top level)":
            out.extend(part.strip() for part in rest.split("\n"))
        else:
            out.append(line)
    return out
