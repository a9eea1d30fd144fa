"""Finding and reading scenario files for the page (raw dicts, validated later with settings)."""

import tomllib
from pathlib import Path
from typing import Any

from sim.scenario import ScenarioError


def read_raw(path: str | Path) -> dict[str, Any]:
    """Parse a scenario TOML file without validating it.

    Raises:
        ScenarioError: Naming the file when it is missing or not TOML.
    """
    path = Path(path)
    if not path.is_file():
        raise ScenarioError(path, ["file not found; expected a scenario TOML file"])
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(path, [f"not valid TOML: {error}"]) from None


def scenario_choices(start: str | Path) -> list[str]:
    """The starting scenario plus every other scenario file beside it, starting one first."""
    start = Path(start)
    folder = start.parent if start.parent.is_dir() else Path("scenarios")
    others = sorted(str(p) for p in folder.glob("*.toml") if p.resolve() != start.resolve())
    return [str(start), *others]
